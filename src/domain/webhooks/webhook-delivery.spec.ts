import { DEFAULT_RETRY_DELAYS_SECONDS, recoverySince, verdictOf, webhookBody, webhookRetrySchedule } from './webhook-delivery';
import { InvalidRecoveryWindow } from './webhooks.errors';
import { webhookEventOf } from './webhook-event-types';

describe('a webhook delivery', () => {
  it('is delivered by any 2xx, disables the endpoint on 410, and is retried on anything else or no answer', () => {
    expect([200, 201, 204, 299].map(verdictOf)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(verdictOf(410)).toBe('gone');
    expect([301, 400, 404, 429, 500, 503, null].map(verdictOf)).toEqual(Array(7).fill('retry'));
  });

  it('is retried with backoff for about three days by default', () => {
    const total = DEFAULT_RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0);
    expect(total / 86_400).toBeGreaterThan(3);
    expect(total / 86_400).toBeLessThan(3.5);
    expect([...DEFAULT_RETRY_DELAYS_SECONDS].sort((a, b) => a - b)).toEqual(DEFAULT_RETRY_DELAYS_SECONDS);
    expect(webhookRetrySchedule(DEFAULT_RETRY_DELAYS_SECONDS).maxAttempts).toBe(11);
  });

  it('sends { type, timestamp, data }', () => {
    expect(JSON.parse(webhookBody('order.paid', new Date('2026-03-01T12:00:00Z'), { orderId: 'o1' }))).toEqual({
      type: 'order.paid',
      timestamp: '2026-03-01T12:00:00.000Z',
      data: { orderId: 'o1' },
    });
  });

  it('publishes the domain\'s refund.issued as refund.succeeded, and never an account event', () => {
    expect(webhookEventOf('refund.issued')).toEqual({ type: 'refund.succeeded', subject: 'transactionId' });
    expect(webhookEventOf('order.placed')).toEqual({ type: 'order.placed', subject: 'orderId' });
    expect(webhookEventOf('user.registered')).toBeUndefined();
    expect(webhookEventOf('constructor')).toBeUndefined();
  });

  it('recovers from an instant of the past or now, never one to come or one that is not', () => {
    const now = new Date('2026-12-07T10:00:00.000Z');
    expect(recoverySince(new Date('2026-12-01T00:00:00.000Z'), now)).toEqual(new Date('2026-12-01T00:00:00.000Z'));
    expect(recoverySince(now, now)).toEqual(now);
    expect(() => recoverySince(new Date('2026-12-07T10:00:00.001Z'), now)).toThrow(InvalidRecoveryWindow);
    expect(() => recoverySince(new Date('2026-12-31T23:59:60Z'), now)).toThrow('since is not an instant.');
    expect(() => recoverySince(new Date('2026-12-07T11:00:00.000Z'), now)).toThrow('since (2026-12-07T11:00:00.000Z) is later than now (2026-12-07T10:00:00.000Z)');
  });
});
