/**
 * The domain events offered to webhook endpoints, under the names integrators subscribe to, and the field of
 * `data` that names the aggregate. Only what other systems may see: account events (`user.*`) carry personal data
 * and token ids and are never offered. The catalogue records no events, so there is no `product.*` yet. The payments
 * context calls a refund the processor confirmed `refund.issued`; the public contract names it `refund.succeeded`,
 * beside `payment.succeeded`, and that is the name webhooks carry.
 */
const offered = {
  'order.placed': { published: 'order.placed', subject: 'orderId' },
  'order.paid': { published: 'order.paid', subject: 'orderId' },
  'order.cancelled': { published: 'order.cancelled', subject: 'orderId' },
  'order.fulfilled': { published: 'order.fulfilled', subject: 'orderId' },
  'order.refunded': { published: 'order.refunded', subject: 'orderId' },
  'payment.succeeded': { published: 'payment.succeeded', subject: 'transactionId' },
  'payment.failed': { published: 'payment.failed', subject: 'transactionId' },
  'refund.issued': { published: 'refund.succeeded', subject: 'transactionId' },
} as const;

type Offered = typeof offered;
export type WebhookEventType = Offered[keyof Offered]['published'];

/** Every type an endpoint may subscribe to, in the order the API documents them. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(offered).map((entry) => entry.published);

/** What `POST /webhook-endpoints/{id}/test` sends: no endpoint subscribes to it, every endpoint may receive it. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const isWebhookEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/** The published name of a domain event and the `data` field its aggregate id goes in; undefined when not offered. */
export function webhookEventOf(domainType: string): { type: WebhookEventType; subject: string } | undefined {
  if (!Object.hasOwn(offered, domainType)) return undefined;
  const { published, subject } = offered[domainType as keyof Offered];
  return { type: published, subject };
}

/** The domain event types offered, for documents generated from the event types (asyncapi.json). */
export const OFFERED_DOMAIN_EVENT_TYPES = Object.keys(offered) as ReadonlyArray<keyof Offered>;
