import { RememberedBlocksThrottlerStorage } from './remembered-blocks-throttler-storage';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler-storage';

describe('RememberedBlocksThrottlerStorage', () => {
  let store: SlidingWindowThrottlerStorage;
  let storage: RememberedBlocksThrottlerStorage;
  let storeCalls: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    store = new SlidingWindowThrottlerStorage();
    storeCalls = jest.spyOn(store, 'increment');
    storage = new RememberedBlocksThrottlerStorage(store);
  });
  afterEach(() => {
    store.onApplicationShutdown();
    jest.useRealTimers();
  });

  const hit = (key = 'client', throttler = 'default') => storage.increment(key, 60_000, 3, 60_000, throttler);

  it('asks the store while a key is under its limit', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(storeCalls).toHaveBeenCalledTimes(3);
  });

  it('refuses a blocked key from memory until its block runs out, then asks the store again', async () => {
    for (let i = 0; i < 3; i++) await hit();
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(storeCalls).toHaveBeenCalledTimes(4);

    jest.advanceTimersByTime(20_000);
    for (let i = 0; i < 100; i++) expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 40 });
    expect(storeCalls).toHaveBeenCalledTimes(4);

    jest.advanceTimersByTime(40_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(storeCalls).toHaveBeenCalledTimes(5);
  });

  it('keeps the blocks of each client and each throttler apart', async () => {
    for (let i = 0; i < 4; i++) await hit();
    expect(await hit('another client')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await hit('client', 'auth')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts now what the store counts now, and refuses the block it reports from memory', () => {
    const storeNow = jest.spyOn(store, 'incrementNow');
    const hitNow = () => storage.incrementNow('client', 60_000, 3, 60_000, 'default');
    for (let i = 1; i <= 3; i++) expect(hitNow()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(hitNow()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    for (let i = 0; i < 10; i++) expect(hitNow()).toMatchObject({ isBlocked: true });
    expect(storeNow).toHaveBeenCalledTimes(4);
    expect(storeCalls).not.toHaveBeenCalled();
  });

  it('leaves to increment a hit that a store without a memory of its own must be asked for', async () => {
    const remote = { increment: jest.fn(async () => ({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 })) };
    const overRemote = new RememberedBlocksThrottlerStorage(remote);
    expect(overRemote.incrementNow('client', 60_000, 3, 60_000, 'default')).toBeUndefined();
    expect(await overRemote.increment('client', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1 });
    expect(remote.increment).toHaveBeenCalledTimes(1);
  });
});
