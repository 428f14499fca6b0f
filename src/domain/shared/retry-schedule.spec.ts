import { RetrySchedule } from './retry-schedule';

const failedAt = new Date('2026-01-01T00:00:00Z');
const secondsUntil = (next: Date | null) => (next === null ? null : (next.getTime() - failedAt.getTime()) / 1000);

describe('a retry schedule', () => {
  const schedule = new RetrySchedule([5, 60, 3600]);

  it('waits the n-th delay after the n-th failed attempt', () => {
    expect([1, 2, 3].map((attempts) => secondsUntil(schedule.nextAttemptAfter(attempts, failedAt)))).toEqual([5, 60, 3600]);
  });

  it('gives up after the first attempt and one attempt per delay', () => {
    expect(schedule.maxAttempts).toBe(4);
    expect(schedule.nextAttemptAfter(4, failedAt)).toBeNull();
    expect(schedule.nextAttemptAfter(5, failedAt)).toBeNull();
  });

  it('spreads each wait by at most its jitter either way', () => {
    const jittered = new RetrySchedule([100], 0.2);
    expect(secondsUntil(jittered.nextAttemptAfter(1, failedAt, () => 0))).toBe(80);
    expect(secondsUntil(jittered.nextAttemptAfter(1, failedAt, () => 0.5))).toBe(100);
    expect(secondsUntil(jittered.nextAttemptAfter(1, failedAt, () => 0.9999))).toBeCloseTo(120, 1);
  });

  it('refuses a schedule without delays, with a delay that is not positive, or a jitter of 100% or more', () => {
    expect(() => new RetrySchedule([])).toThrow(RangeError);
    expect(() => new RetrySchedule([10, 0])).toThrow(RangeError);
    expect(() => new RetrySchedule([10], 1)).toThrow(RangeError);
  });
});
