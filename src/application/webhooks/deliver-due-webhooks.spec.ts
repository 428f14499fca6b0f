import type { SigningSecret } from '../../domain/webhooks/webhook-endpoint';
import type { Clock } from '../shared/clock';
import { IDLE_POLL_MS } from '../shared/leased-attempts';
import { DeliverDueWebhooks, PER_ENDPOINT } from './deliver-due-webhooks';
import type { ClaimedDelivery, WebhookDeliveries } from './webhook-deliveries';
import type { WebhookEndpoints } from './webhook-endpoints';
import type { WebhookMetrics } from './webhook-metrics';
import type { WebhookResponse, WebhookSender } from './webhook-sender';

const now = new Date('2026-01-01T00:00:00Z');
const delivery = (id: string, resendOf: ClaimedDelivery['resendOf'] = null, endpointId = 'endpoint-1'): ClaimedDelivery => ({
  id,
  attempts: 1,
  endpointId,
  url: 'https://hooks.example.com/in',
  eventId: `event-${id}`,
  eventType: 'order.placed',
  body: '{}',
  dueAt: now,
  resendOf,
  scheduledAttempts: resendOf === null ? 1 : 0,
  secrets: ['whsec_AAAA' as SigningSecret],
});

/**
 * The job over fakes: `claims` are handed out in order, those to endpoints passed over left queued; `recorded` says
 * whether each outcome's record applied; `send` answers for the receiver (at once with `status` by default).
 */
function setup(options: { claims: ClaimedDelivery[]; status: number; recorded: boolean; clock?: Clock; send?: WebhookSender['send'] }) {
  const calls: string[] = [];
  const queue = [...options.claims];
  const record = (method: string) => async (claimed: ClaimedDelivery) => {
    calls.push(`${method} ${claimed.id}`);
    return options.recorded;
  };
  const deliveries = {
    claimNext: async (_now: Date, _leaseUntil: Date, passOver: readonly string[]) => {
      const next = queue.findIndex((claim) => !passOver.includes(claim.endpointId));
      return next === -1 ? undefined : queue.splice(next, 1)[0];
    },
    recordSuccess: record('recordSuccess'),
    recordRetry: record('recordRetry'),
    recordFailure: record('recordFailure'),
    backlogAgeSeconds: async () => 0,
  } as unknown as WebhookDeliveries;
  const endpoints = {
    markHealthy: async (id: string) => void calls.push(`healthy ${id}`),
    markFailing: async (id: string) => void calls.push(`failing ${id}`),
    disable: async (id: string) => void calls.push(`disable ${id}`),
  } as unknown as WebhookEndpoints;
  const sender: WebhookSender = { send: options.send ?? (async (): Promise<WebhookResponse> => ({ status: options.status, body: null, error: null, durationMs: 5 })) };
  const metrics: WebhookMetrics = { attempted: (outcome) => void calls.push(`metric ${outcome}`), backlogAge: () => undefined };
  const clock: Clock = options.clock ?? { now: () => now };
  const job = new DeliverDueWebhooks(deliveries, endpoints, sender, { allowHttp: false, retryDelaysSeconds: [1], timeoutMs: 1000 }, metrics, clock);
  return { job, calls, queue };
}

describe('DeliverDueWebhooks', () => {
  // A scheduled attempt (no resend), an admin's resend of a finished delivery (one attempt, retrying nothing), and an
  // admin's retry in front of a scheduled attempt (a failure leaves that attempt due).
  it.each([
    ['a scheduled attempt', null, 200, 'recordSuccess', 'delivered', 'healthy endpoint-1'],
    ['a scheduled attempt', null, 410, 'recordFailure', 'gone', 'disable endpoint-1'],
    ['a scheduled attempt', null, 500, 'recordRetry', 'retrying', 'failing endpoint-1'],
    ["a finished delivery's resend", 'succeeded', 200, 'recordSuccess', 'delivered', 'healthy endpoint-1'],
    ["a finished delivery's resend", 'succeeded', 410, 'recordFailure', 'gone', 'disable endpoint-1'],
    ["a finished delivery's resend", 'succeeded', 500, 'recordFailure', 'failed', 'failing endpoint-1'],
    ['a retry in front of a scheduled attempt', 'pending', 200, 'recordSuccess', 'delivered', 'healthy endpoint-1'],
    ['a retry in front of a scheduled attempt', 'pending', 500, 'recordFailure', 'retrying', 'failing endpoint-1'],
  ] as const)('after %s (resend of %s) answered %i records the outcome (%s), then the endpoint\'s health and the metrics', async (_attempt, resendOf, status, record, outcome, health) => {
    const { job, calls } = setup({ claims: [delivery('d1', resendOf)], status, recorded: true });
    await job.execute();
    expect(calls).toEqual([`${record} d1`, health, `metric ${outcome}`]);
  });

  it("goes by the attempts of the schedule: an admin's retries made beside them do not use it up", async () => {
    // The schedule here is one delay: it gives up after its second attempt, whatever was tried beside it.
    const retried = { ...delivery('d1'), attempts: 7, scheduledAttempts: 1 };
    const given = { ...delivery('d2'), attempts: 8, scheduledAttempts: 2 };
    const { job, calls } = setup({ claims: [retried, given], status: 500, recorded: true });
    await job.execute();
    expect(calls.filter((call) => call.startsWith('record'))).toEqual(['recordRetry d1', 'recordFailure d2']);
  });

  it('ends its run under a lasting backlog, reporting what failed so far: the next run carries on', async () => {
    let at = now.getTime();
    const clock: Clock = { now: () => new Date((at += 1000)) };
    const endless = Array.from({ length: 1000 }, (_, i) => delivery(`d${i}`));
    const { job } = setup({ claims: endless, status: 500, recorded: true, clock });
    const report = await job.execute();
    expect(report.failures.length).toBeGreaterThan(0);
    expect(report.failures.length).toBeLessThan(endless.length);
  });

  it.each([
    [200, 'recordSuccess'],
    [410, 'recordFailure'],
    [500, 'recordRetry'],
  ])('after a %i whose record (%s) was fenced off (another attempt holds the delivery) touches neither the endpoint nor the metrics', async (status, record) => {
    const { job, calls } = setup({ claims: [delivery('d1')], status, recorded: false });
    expect(await job.execute()).toEqual({ delivered: 0, failures: [] });
    expect(calls).toEqual([`${record} d1`]);
  });

  it(`attempts at most ${PER_ENDPOINT} deliveries to one endpoint at once, and the others' beside them`, async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      let slowUnderWay = 0;
      let most = 0;
      const send: WebhookSender['send'] = async ({ url }) => {
        if (url.endsWith('slow')) {
          most = Math.max(most, ++slowUnderWay);
          await answered;
          slowUnderWay -= 1;
        }
        return { status: 200, body: null, error: null, durationMs: 5 };
      };
      const slow = Array.from({ length: PER_ENDPOINT + 3 }, (_, i) => ({ ...delivery(`slow-${i}`, null, 'slow'), url: 'https://hooks.example.com/slow' }));
      const other = { ...delivery('other', null, 'other'), url: 'https://hooks.example.com/other' };
      const { job, calls } = setup({ claims: [...slow, other], status: 200, recorded: true, send });
      const run = job.execute();
      await new Promise((resolve) => setImmediate(resolve));
      expect(most).toBe(PER_ENDPOINT);
      expect(calls).toContain('recordSuccess other'); // delivered while the slow receiver held its share of the slots
      answer();
      expect(await run).toEqual({ delivered: slow.length + 1, failures: [] });
      expect(most).toBe(PER_ENDPOINT);
    } finally {
      jest.useRealTimers();
    }
  });

  it('attempts a delivery to another endpoint that falls due while one endpoint has its share under way', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const send: WebhookSender['send'] = async ({ url }) => {
        if (url.endsWith('slow')) await answered;
        return { status: 200, body: null, error: null, durationMs: 5 };
      };
      const slow = Array.from({ length: PER_ENDPOINT + 1 }, (_, i) => ({ ...delivery(`slow-${i}`, null, 'slow'), url: 'https://hooks.example.com/slow' }));
      const { job, calls, queue } = setup({ claims: slow, status: 200, recorded: true, send });
      const run = job.execute();
      await new Promise((resolve) => setImmediate(resolve));
      queue.push({ ...delivery('later', null, 'other'), url: 'https://hooks.example.com/other' });
      await jest.advanceTimersByTimeAsync(IDLE_POLL_MS);
      expect(calls).toEqual(['recordSuccess later', 'healthy other', 'metric delivered']); // while every slow attempt goes on
      answer();
      expect(await run).toEqual({ delivered: slow.length + 1, failures: [] });
    } finally {
      jest.useRealTimers();
    }
  });
});
