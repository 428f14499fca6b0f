import { FailOpenThrottlerStorage } from './fail-open-throttler-storage';

describe('FailOpenThrottlerStorage', () => {
  const failure = new Error('store unreachable');
  const uncounted = { totalHits: 0, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 };

  it('lets a hit through uncounted when the store fails, awaited or now', async () => {
    const store = {
      increment: jest.fn(async () => Promise.reject(failure)),
      incrementNow: jest.fn(() => {
        throw failure;
      }),
    };
    const storage = new FailOpenThrottlerStorage(store);
    expect(await storage.increment('client', 60_000, 3, 60_000, 'default')).toEqual(uncounted);
    expect(storage.incrementNow('client', 60_000, 3, 60_000, 'default')).toEqual(uncounted);
    expect(store.incrementNow).toHaveBeenCalledWith('client', 60_000, 3, 60_000, 'default');
  });

  it('passes on what the store answers, and has nothing to answer now for a store that must be asked', async () => {
    const record = { totalHits: 2, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 };
    const storage = new FailOpenThrottlerStorage({ increment: async () => record });
    expect(await storage.increment('client', 60_000, 3, 60_000, 'default')).toBe(record);
    expect(storage.incrementNow('client', 60_000, 3, 60_000, 'default')).toBeUndefined();
  });

  it('passes on the failures it is told do not fail open', async () => {
    const away = Object.assign(new Error('database away'), { code: 'ECONNREFUSED' });
    const store = { increment: async () => Promise.reject(away) };
    const storage = new FailOpenThrottlerStorage(store, (error) => error !== away);
    await expect(storage.increment('client', 60_000, 3, 60_000, 'default')).rejects.toBe(away);
    const other = new FailOpenThrottlerStorage({ increment: async () => Promise.reject(failure) }, (error) => error !== away);
    expect(await other.increment('client', 60_000, 3, 60_000, 'default')).toEqual(uncounted);
  });
});
