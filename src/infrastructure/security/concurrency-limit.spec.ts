import { ConcurrencyLimit, SlotWaitExceeded } from './concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('runs at most its slots at once, starts the waiting in arrival order, and frees a slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(2, 60_000);
    const started: number[] = [];
    const finish = new Map<number, (fail: boolean) => void>();
    let running = 0;
    let peak = 0;
    const task = (n: number) =>
      limit.run(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(n);
            peak = Math.max(peak, ++running);
            finish.set(n, (fail) => {
              running -= 1;
              if (fail) reject(new Error(`task ${n} failed`));
              else resolve(n);
            });
          }),
      );
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    const results = [1, 2, 3, 4, 5].map((n) => task(n).catch((error: Error) => error.message));
    await tick();
    expect(started).toEqual([1, 2]);

    finish.get(2)!(true);
    await tick();
    expect(started).toEqual([1, 2, 3]);
    finish.get(1)!(false);
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    finish.get(3)!(false);
    finish.get(4)!(false);
    await tick();
    finish.get(5)!(false);

    expect(await Promise.all(results)).toEqual([1, 'task 2 failed', 3, 4, 5]);
    expect(peak).toBe(2);
    expect(await limit.run(async () => 'free again')).toBe('free again');
  });

  it('refuses a task that waited its longest for a slot, and hands the slot on to the next still waiting', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const limit = new ConcurrencyLimit(1, 1_000);
      let finishFirst!: () => void;
      const first = limit.run(() => new Promise<string>((resolve) => (finishFirst = () => resolve('first'))));
      const late = limit.run(async () => 'never run');
      void late.catch(() => undefined);
      await jest.advanceTimersByTimeAsync(500);
      const next = limit.run(async () => 'next');
      await jest.advanceTimersByTimeAsync(500);
      await expect(late).rejects.toThrow(SlotWaitExceeded);
      finishFirst();
      expect(await first).toBe('first');
      expect(await next).toBe('next');
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
