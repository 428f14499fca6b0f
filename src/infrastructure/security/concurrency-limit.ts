/** A task that waited `maxWaitMs` for a slot, refused: 503, since nothing about the request was wrong. */
export class SlotWaitExceeded extends Error {
  readonly statusCode = 503;

  constructor(maxWaitMs: number) {
    super(`No slot freed within ${maxWaitMs} ms`);
    this.name = 'SlotWaitExceeded';
  }
}

/**
 * Runs at most `slots` tasks at once; the others wait their turn, first come first served, for `maxWaitMs` at most
 * (then SlotWaitExceeded): under a flood the queue would otherwise grow without end, and the tasks its clients have
 * long given up on would still be run.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) await this.turn();
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next task
      else this.running -= 1;
    }
  }

  private turn(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const handOver = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(handOver), 1);
        reject(new SlotWaitExceeded(this.maxWaitMs));
      }, this.maxWaitMs);
      this.waiting.push(handOver);
    });
  }
}
