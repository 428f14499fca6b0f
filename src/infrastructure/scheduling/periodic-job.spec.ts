import type { MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

/** An ORM whose EntityManager forks: all RequestContext asks of it. */
const orm = { em: { name: 'default', fork: () => ({ name: 'default' }) } } as unknown as MikroORM;

describe('PeriodicJob', () => {
  afterEach(() => jest.useRealTimers());

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
