import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler-storage';

describe('SlidingWindowThrottlerStorage', () => {
  let storage: SlidingWindowThrottlerStorage;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    storage = new SlidingWindowThrottlerStorage();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  const hit = (key = 'client', limit = 3) => storage.increment(key, 60_000, limit, 60_000, 'default');

  it('counts the hits of a key within the window and tells when the window resets', async () => {
    // timeToBlockExpire of a key never blocked is whatever @nestjs/throttler's own storage answers (the test below
    // holds the two equal): the seconds to the epoch, negative. Nothing reads it unless the key is blocked.
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: expect.any(Number) });
    jest.advanceTimersByTime(10_000);
    expect(await hit()).toMatchObject({ totalHits: 2, timeToExpire: 50, isBlocked: false });
    expect(await hit('another client')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('blocks a key past its limit for the block duration, then counts afresh', async () => {
    for (let i = 0; i < 3; i++) expect((await hit()).isBlocked).toBe(false);
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    jest.advanceTimersByTime(30_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.advanceTimersByTime(30_000);
    expect(await hit()).toMatchObject({ totalHits: 1, timeToExpire: 60, isBlocked: false });
  });

  it('lets each hit expire a full window after it was made (a sliding window, not a fixed one)', async () => {
    await hit('client', 2);
    jest.advanceTimersByTime(40_000);
    await hit('client', 2);
    jest.advanceTimersByTime(20_001); // the first hit has expired, the second has not
    expect(await hit('client', 2)).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('without a block duration, refuses the hits past the limit until the oldest expires', async () => {
    const tryHit = () => storage.increment('client', 60_000, 2, 0, 'default');
    await tryHit();
    jest.advanceTimersByTime(15_000);
    await tryHit();
    expect(await tryHit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 45 });
    jest.advanceTimersByTime(45_000);
    expect(await tryHit()).toMatchObject({ totalHits: 2, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('drops the hits of a busy key once they expire', async () => {
    const limit = 1_000_000;
    for (let i = 0; i < 200_000; i++) await hit('busy client', limit);
    jest.advanceTimersByTime(60_001);
    expect(await hit('busy client', limit)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it("answers exactly as @nestjs/throttler's default storage over a long random sequence of hits", async () => {
    const reference = new ThrottlerStorageService();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 5_000; i++) {
      jest.advanceTimersByTime(Math.floor(random() * 1_500));
      const key = `client-${Math.floor(random() * 3)}`;
      const blockDuration = key === 'client-2' ? 0 : 20_000;
      const args = [key, 30_000, 8, blockDuration, 'default'] as const;
      expect(await storage.increment(...args)).toEqual(await reference.increment(...args));
    }
    reference.onApplicationShutdown();
  });
});
