import type { Clock } from './clock';
import { attemptDue, type LeasedAttempt, MAX_RUN_MS, stoppingOrRunOver } from './leased-attempts';

/** A queue of rows in memory, claimed one at a time. */
const queueOf = (ids: string[]) => {
  const due = [...ids];
  return async (): Promise<LeasedAttempt | undefined> => {
    const id = due.shift();
    return id === undefined ? undefined : { id, attempts: 1 };
  };
};

/** A promise and the function that settles it. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('attemptDue', () => {
  it('claims more work as soon as a worker is free: a slow attempt holds up only its own worker', async () => {
    const slow = gate();
    const done: string[] = [];
    const run = attemptDue({
      concurrency: 2,
      stopping: () => false,
      claim: queueOf(['slow', 'b', 'c', 'd']),
      attempt: async ({ id }) => {
        if (id === 'slow') await slow.opened;
        done.push(id);
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['b', 'c', 'd']);
    slow.open();
    await run;
    expect(done).toEqual(['b', 'c', 'd', 'slow']);
  });

  it('asks once when nothing is due, whatever the concurrency', async () => {
    let claims = 0;
    await attemptDue({
      concurrency: 10,
      stopping: () => false,
      claim: async () => {
        claims += 1;
        return undefined;
      },
      attempt: async () => undefined,
    });
    expect(claims).toBe(1);
  });

  it('claims nothing more once stopping, and ends with the attempts under way', async () => {
    let stopping = false;
    const attempted: string[] = [];
    await attemptDue({
      concurrency: 1,
      stopping: () => stopping,
      claim: queueOf(['a', 'b', 'c']),
      attempt: async ({ id }) => {
        attempted.push(id);
        stopping = true;
      },
    });
    expect(attempted).toEqual(['a']);
  });

  it(`ends a run once it has claimed for ${MAX_RUN_MS / 1000} s, however long rows stay due`, async () => {
    let at = 0;
    const clock: Clock = { now: () => new Date(at) };
    let attempts = 0;
    await attemptDue({
      concurrency: 1,
      stopping: stoppingOrRunOver(() => false, clock),
      claim: async () => ({ id: `row-${attempts}`, attempts: 1 }),
      attempt: async () => {
        attempts += 1;
        at += 1000; // each attempt takes a second
      },
    });
    expect(attempts).toBe(MAX_RUN_MS / 1000);
  });

  it('rejects with the first error only once every attempt under way has ended, and claims nothing after it', async () => {
    const slow = gate();
    const events: string[] = [];
    const claim = queueOf(['slow', 'broken', 'never']);
    const run = attemptDue({
      concurrency: 2,
      stopping: () => false,
      claim: async () => {
        const claimed = await claim();
        if (claimed) events.push(`claimed ${claimed.id}`);
        return claimed;
      },
      attempt: async ({ id }) => {
        if (id === 'broken') throw new Error('database down');
        await slow.opened;
        events.push(`ended ${id}`);
      },
    });
    let settled = false;
    void run.catch(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    slow.open();
    await expect(run).rejects.toThrow('database down');
    expect(events).toEqual(['claimed slow', 'claimed broken', 'ended slow']);
  });
});
