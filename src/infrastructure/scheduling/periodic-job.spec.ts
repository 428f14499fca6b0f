import type { MikroORM } from '@mikro-orm/core';
import { PeriodicJob } from './periodic-job';

/** Enough of an ORM for a run's database context: a fork nobody uses. */
const orm = { em: { name: 'default', fork: () => ({}) } } as unknown as MikroORM;

describe('PeriodicJob', () => {
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
});
