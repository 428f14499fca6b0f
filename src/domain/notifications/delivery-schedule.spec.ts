import { MAX_DELIVERY_ATTEMPTS, nextAttemptAfter } from './delivery-schedule';

const failedAt = new Date('2026-01-01T00:00:00Z');
const delayAfter = (attempts: number) => {
  const next = nextAttemptAfter(attempts, failedAt);
  return next === null ? null : (next.getTime() - failedAt.getTime()) / 1000;
};

describe('the delivery schedule of a mail', () => {
  it('retries after 10 s, then twice as long each time, never longer than 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(delayAfter)).toEqual([10, 20, 40, 80, 160, 320, 600]);
  });

  it(`gives a mail up after ${MAX_DELIVERY_ATTEMPTS} failed attempts`, () => {
    expect(delayAfter(MAX_DELIVERY_ATTEMPTS)).toBeNull();
    expect(delayAfter(MAX_DELIVERY_ATTEMPTS + 1)).toBeNull();
  });
});
