import type { Clock } from './clock';
import { attemptDue, IDLE_POLL_MS, type LeasedAttempt, MAX_RUN_MS, stoppingOrRunOver } from './leased-attempts';

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
  it('claims more work as soon as a slot is free: a slow attempt holds up only its own slot', async () => {
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

  it.each([0, -1, 1.5, Number.NaN])('refuses a concurrency of %p, with which it would never end', async (concurrency) => {
    const claim = jest.fn(async () => undefined);
    await expect(attemptDue({ concurrency, stopping: () => false, claim, attempt: async () => undefined })).rejects.toThrow(RangeError);
    expect(claim).not.toHaveBeenCalled();
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
    const slow = gate();
    let stopping = false;
    const attempted: string[] = [];
    const run = attemptDue({
      concurrency: 2,
      stopping: () => stopping,
      claim: queueOf(['a', 'b', 'c']),
      attempt: async ({ id }) => {
        attempted.push(id);
        stopping = true;
        await slow.opened;
      },
    });
    let settled = false;
    void run.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    slow.open();
    await run;
    expect(attempted).toEqual(['a']);
  });

  it('has at most `concurrency` attempts under way', async () => {
    const slow = gate();
    let underWay = 0;
    let most = 0;
    const run = attemptDue({
      concurrency: 3,
      stopping: () => false,
      claim: queueOf(['a', 'b', 'c', 'd', 'e', 'f', 'g']),
      attempt: async () => {
        most = Math.max(most, ++underWay);
        await slow.opened;
        underWay -= 1;
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(underWay).toBe(3);
    slow.open();
    await run;
    expect(most).toBe(3);
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

  it('makes one claim at a time, each after the claim before it has answered', async () => {
    let claiming = 0;
    let most = 0;
    const claim = queueOf(['a', 'b', 'c', 'd', 'e', 'f']);
    await attemptDue({
      concurrency: 4,
      stopping: () => false,
      claim: async () => {
        most = Math.max(most, ++claiming);
        await new Promise((resolve) => setImmediate(resolve));
        claiming -= 1;
        return claim();
      },
      attempt: async () => undefined,
    });
    expect(most).toBe(1);
  });

  describe('while attempts are under way and nothing can be claimed', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    it(`looks again once every ${IDLE_POLL_MS} ms, however many slots are free, and once more when the attempt ends`, async () => {
      const slow = gate();
      let claims = 0;
      const run = attemptDue({
        concurrency: 10,
        stopping: () => false,
        claim: async () => (++claims === 1 ? { id: 'slow', attempts: 1 } : undefined),
        attempt: () => slow.opened,
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(claims).toBe(2); // the row, then nothing
      await jest.advanceTimersByTimeAsync(3 * IDLE_POLL_MS);
      expect(claims).toBe(5);
      slow.open();
      await run;
      expect(claims).toBe(6);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('looks again at once when an attempt ended while a claim that found nothing was made', async () => {
      const slow = gate();
      const first = gate();
      const answer = gate();
      const attempted: string[] = [];
      let claims = 0;
      const run = attemptDue({
        concurrency: 3,
        stopping: () => false,
        claim: async () => {
          claims += 1;
          if (claims === 1) return { id: 'slow', attempts: 1 };
          if (claims === 2) return { id: 'a', attempts: 1 };
          if (claims === 3) {
            await answer.opened; // 'a' ends meanwhile
            return undefined;
          }
          return claims === 4 ? { id: 'b', attempts: 1 } : undefined;
        },
        attempt: async ({ id }) => {
          if (id === 'slow') await slow.opened;
          if (id === 'a') await first.opened;
          attempted.push(id);
        },
      });
      await new Promise((resolve) => setImmediate(resolve));
      first.open();
      await new Promise((resolve) => setImmediate(resolve));
      answer.open();
      await new Promise((resolve) => setImmediate(resolve));
      expect(attempted).toEqual(['a', 'b']); // no timer has run
      slow.open();
      await run;
    });

    it('attempts what fell due meanwhile side by side, beside the slow attempt', async () => {
      const slow = gate();
      const rest = gate();
      const due: Array<LeasedAttempt | undefined> = [{ id: 'slow', attempts: 1 }, undefined];
      let underWay = 0;
      let most = 0;
      const run = attemptDue({
        concurrency: 4,
        stopping: () => false,
        claim: async () => due.shift(),
        attempt: async ({ id }) => {
          most = Math.max(most, ++underWay);
          await (id === 'slow' ? slow.opened : rest.opened);
          underWay -= 1;
        },
      });
      await new Promise((resolve) => setImmediate(resolve));
      due.push({ id: 'x', attempts: 1 }, { id: 'y', attempts: 1 }, { id: 'z', attempts: 1 });
      await jest.advanceTimersByTimeAsync(IDLE_POLL_MS);
      expect(underWay).toBe(4);
      rest.open();
      slow.open();
      await run;
      expect(most).toBe(4);
    });
  });

  it('claims nothing more once stopping holds, with slots free', async () => {
    const answer = gate();
    let stopping = false;
    let claims = 0;
    const run = attemptDue({
      concurrency: 3,
      stopping: () => stopping,
      claim: async () => {
        claims += 1;
        if (claims === 2) await answer.opened; // stopping begins while this claim is under way
        return { id: `row-${claims}`, attempts: 1 };
      },
      attempt: async () => undefined,
    });
    await new Promise((resolve) => setImmediate(resolve));
    stopping = true;
    answer.open();
    await run;
    expect(claims).toBe(2);
  });

  it.each([
    ['an attempt', 'attempt'],
    ['a claim', 'claim'],
  ])('rejects with the first error, from %s, only once every attempt under way has ended, and claims nothing after it', async (_what, failing) => {
    const slow = gate();
    const events: string[] = [];
    const claim = queueOf(['slow', 'broken', 'never']);
    const run = attemptDue({
      concurrency: 2,
      stopping: () => false,
      claim: async () => {
        const claimed = await claim();
        if (claimed?.id === 'broken' && failing === 'claim') throw new Error('database down');
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
    expect(events).toEqual(failing === 'claim' ? ['claimed slow', 'ended slow'] : ['claimed slow', 'claimed broken', 'ended slow']);
  });

  it.each([
    ['finds nothing', async () => undefined],
    ['fails in turn', async () => Promise.reject(new Error('connection lost'))],
  ])('rejects with the error of an attempt that failed while the claim after it was made, when that claim %s', async (_what, secondClaim) => {
    const answer = gate();
    let claims = 0;
    const run = attemptDue({
      concurrency: 2,
      stopping: () => false,
      claim: async () => {
        claims += 1;
        if (claims === 1) return { id: 'broken', attempts: 1 };
        await answer.opened;
        return secondClaim();
      },
      attempt: async () => {
        throw new Error('database down');
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    answer.open();
    await expect(run).rejects.toThrow('database down');
  });
});
