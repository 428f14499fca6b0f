import type { SigningSecret } from '../../domain/webhooks/webhook-endpoint';
import type { Clock } from '../shared/clock';
import { DeliverDueWebhooks } from './deliver-due-webhooks';
import type { ClaimedDelivery, WebhookDeliveries } from './webhook-deliveries';
import type { WebhookEndpoints } from './webhook-endpoints';
import type { WebhookMetrics } from './webhook-metrics';
import type { WebhookResponse, WebhookSender } from './webhook-sender';

const now = new Date('2026-01-01T00:00:00Z');
const delivery = (id: string): ClaimedDelivery => ({
  id,
  attempts: 1,
  endpointId: 'endpoint-1',
  url: 'https://hooks.example.com/in',
  eventId: `event-${id}`,
  eventType: 'order.placed',
  body: '{}',
  dueAt: now,
  secrets: ['whsec_AAAA' as SigningSecret],
});

/** The job over fakes: `claims` are handed out in order; `recorded` says whether each outcome's record applied. */
function setup(options: { claims: ClaimedDelivery[]; status: number; recorded: boolean }) {
  const calls: string[] = [];
  const queue = [...options.claims];
  const record = async (claimed: ClaimedDelivery) => {
    calls.push(`record ${claimed.id}`);
    return options.recorded;
  };
  const deliveries = {
    claimNext: async () => queue.shift(),
    recordSuccess: record,
    recordRetry: record,
    recordFailure: record,
    backlogAgeSeconds: async () => 0,
  } as unknown as WebhookDeliveries;
  const endpoints = {
    markHealthy: async (id: string) => void calls.push(`healthy ${id}`),
    markFailing: async (id: string) => void calls.push(`failing ${id}`),
    disable: async (id: string) => void calls.push(`disable ${id}`),
  } as unknown as WebhookEndpoints;
  const sender: WebhookSender = { send: async (): Promise<WebhookResponse> => ({ status: options.status, body: null, error: null, durationMs: 5 }) };
  const metrics: WebhookMetrics = { attempted: (outcome) => void calls.push(`metric ${outcome}`), backlogAge: () => undefined };
  const clock: Clock = { now: () => now };
  const job = new DeliverDueWebhooks(deliveries, endpoints, sender, { allowHttp: false, retryDelaysSeconds: [1], timeoutMs: 1000 }, metrics, clock);
  return { job, calls };
}

describe('DeliverDueWebhooks', () => {
  it.each([
    [200, 'delivered', 'healthy endpoint-1'],
    [410, 'gone', 'disable endpoint-1'],
    [500, 'retrying', 'failing endpoint-1'],
  ])('after a %i records the outcome, then the endpoint\'s health and the metrics', async (status, outcome, health) => {
    const { job, calls } = setup({ claims: [delivery('d1')], status, recorded: true });
    await job.execute();
    expect(calls).toEqual(['record d1', health, `metric ${outcome}`]);
  });

  it.each([200, 410, 500])('after a %i whose record was fenced off (another attempt holds the delivery) touches neither the endpoint nor the metrics', async (status) => {
    const { job, calls } = setup({ claims: [delivery('d1')], status, recorded: false });
    expect(await job.execute()).toEqual({ delivered: 0, failures: [] });
    expect(calls).toEqual(['record d1']);
  });
});
