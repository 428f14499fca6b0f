import { ConcurrencyLimit } from './concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('runs at most its slots at once, starts the waiting in arrival order, and frees a slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(2);
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
});
