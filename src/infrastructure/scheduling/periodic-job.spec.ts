import type { MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

/** Enough of an ORM for a run's database context: a fork nobody uses. */
const orm = { em: { name: 'default', fork: () => ({}) } } as unknown as MikroORM;

describe('PeriodicJob', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('tells the run under way to stop when stopped, waits for it, and starts none after', async () => {
    let release!: () => void;
    const checks: boolean[] = [];
    const job = new PeriodicJob('Test', orm, async (stopping) => {
      checks.push(stopping());
      await new Promise<void>((resolve) => (release = resolve));
      checks.push(stopping());
      return 0;
    }, () => '');
    const run = job.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = job.stop();
    release();
    await Promise.all([run, stopped]);
    expect(checks).toEqual([false, true]);
    expect(await job.runOnce()).toBe(0);
    expect(checks).toHaveLength(2);
  });

  it('logs the first failure of a streak, then one line every 30 s with the count, and says when it runs again', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    let failing = true;
    const job = new PeriodicJob('Relay', orm, async () => {
      if (failing) throw new Error('database away');
      return 0;
    }, (handled) => `${handled} handled`);
    const warned: string[] = [];
    const said: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((_context: unknown, message?: unknown) => void warned.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void said.push(String(message)));

    for (let tick = 0; tick < 300; tick += 1) {
      await job.runOnce();
      jest.advanceTimersByTime(200); // five ticks a second, for a minute
    }
    expect(warned).toEqual([
      'Relay failed; the next tick retries',
      'Relay failed (151 runs in a row); the next tick retries',
    ]);
    failing = false;
    await job.runOnce();
    expect(said).toEqual(['Relay runs again after 300 failed runs']);
    await job.runOnce();
    expect(said).toHaveLength(1);
  });
});
