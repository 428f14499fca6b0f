/**
 * The AsyncAPI 3.1 document of the domain events: each on its NATS JetStream subject (`<stream>.<type>`, the
 * outbox relay's envelope), and the webhook each offered event becomes (Standard Webhooks headers, `{ type,
 * timestamp, data }`). Built from the event types themselves (event-types.ts) and the webhooks' own table of offered
 * events, so `npm run asyncapi:write` after a change to an event keeps asyncapi.json true; a test fails while it is stale.
 */
import { OFFERED_DOMAIN_EVENT_TYPES, TEST_EVENT_TYPE, webhookEventOf } from '../../src/domain/webhooks/webhook-event-types';
import { type DomainEventType, type JsonSchema, readDomainEventTypes } from './event-types';

const pascal = (type: string) => type.replace(/(^|[._-])([a-z])/g, (_match, _separator, letter: string) => letter.toUpperCase());

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };

const webhookHeaders = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': { ...uuid, description: 'The event\'s id: the same on every attempt and to every endpoint; deduplicate by it.' },
    'webhook-timestamp': { type: 'string', pattern: '^[0-9]+$', description: 'Seconds since the Unix epoch when the attempt was made; refuse one far from now.' },
    'webhook-signature': {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$',
      description:
        'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the base64-decoded ' +
        'part of the endpoint\'s secret after `whsec_`; one more for each secret rotated away in the last 24 hours. Accept if any one matches.',
    },
  },
};

export function buildAsyncApiDocument(root: string): Record<string, unknown> {
  const events = readDomainEventTypes(root);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, JsonSchema> = {};

  for (const event of events) {
    const name = pascal(event.type);
    schemas[`${name}Payload`] = { ...event.payload, description: event.description || undefined };
    messages[`${name}Event`] = {
      name: event.type,
      title: `${event.type} on NATS`,
      summary: event.description || event.type,
      contentType: 'application/json',
      payload: natsEnvelope(event, `#/components/schemas/${name}Payload`),
    };
    channels[`nats.${event.type}`] = {
      address: `{stream}.${event.type}`,
      title: `${event.type} (NATS JetStream)`,
      parameters: { stream: { $ref: '#/components/parameters/stream' } },
      messages: { [`${name}Event`]: { $ref: `#/components/messages/${name}Event` } },
    };
    operations[`publish${name}`] = {
      action: 'send',
      title: `The outbox relay publishes ${event.type}`,
      channel: { $ref: `#/channels/nats.${event.type}` },
      messages: [{ $ref: `#/channels/nats.${event.type}/messages/${name}Event` }],
    };
  }

  const offered = OFFERED_DOMAIN_EVENT_TYPES.map((domainType) => {
    const event = events.find((candidate) => candidate.type === domainType);
    if (!event) throw new Error(`Webhooks offer ${domainType}, but no domain event has that type`);
    const { type, subject } = webhookEventOf(domainType)!;
    const data = event.payload as { properties: Record<string, JsonSchema>; required: string[] };
    return {
      type,
      description: `${event.description}${type === event.type ? '' : ` (the domain's ${event.type})`}`.trim(),
      data: { ...data, properties: { [subject]: uuid, ...data.properties }, required: [subject, ...data.required] },
    };
  });
  const testEvent = {
    type: TEST_EVENT_TYPE,
    description: 'Sent by POST /api/v1/webhook-endpoints/{id}/test to that endpoint only.',
    data: {
      type: 'object',
      properties: { endpointId: uuid, message: { type: 'string' } },
      required: ['endpointId', 'message'],
      additionalProperties: false,
    },
  };
  for (const webhook of [...offered, testEvent]) {
    const name = pascal(webhook.type);
    messages[`${name}Webhook`] = {
      name: webhook.type,
      title: `${webhook.type} webhook`,
      summary: webhook.description,
      contentType: 'application/json',
      headers: webhookHeaders,
      payload: {
        type: 'object',
        required: ['type', 'timestamp', 'data'],
        additionalProperties: false,
        properties: { type: { type: 'string', const: webhook.type }, timestamp: { ...dateTime, description: 'When the event happened.' }, data: webhook.data },
      },
    };
    channels[`webhook.${webhook.type}`] = {
      address: null,
      title: `${webhook.type} (webhook)`,
      description: 'POSTed to the URL of every enabled endpoint subscribed to this type.',
      messages: { [`${name}Webhook`]: { $ref: `#/components/messages/${name}Webhook` } },
    };
    operations[`deliver${name}Webhook`] = {
      action: 'send',
      title: `Deliver ${webhook.type} to the subscribed endpoints`,
      description: '2xx is delivered; 410 disables the endpoint; anything else, a timeout (10 s) or no connection is retried with backoff for about three days (WEBHOOK_RETRY_SCHEDULE).',
      channel: { $ref: `#/channels/webhook.${webhook.type}` },
      messages: [{ $ref: `#/channels/webhook.${webhook.type}/messages/${name}Webhook` }],
    };
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Commerce Backend events',
      version: '1.0.0',
      description:
        'The domain events of Commerce Backend. Inside the system they travel the NATS JetStream stream `NATS_STREAM` (default ' +
        '`commerce`) as the outbox relay\'s envelope, at least once, the event id as the message id. Integrators receive the ' +
        'offered events as webhooks (Standard Webhooks): register an endpoint with POST /api/v1/webhook-endpoints.',
      license: { name: 'UNLICENSED', url: 'https://commerce-backend.dev/license' },
    },
    servers: {
      nats: { host: 'localhost:4222', protocol: 'nats', description: 'The NATS server of NATS_URL, with JetStream.' },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      parameters: { stream: { default: 'commerce', description: 'The JetStream stream, NATS_STREAM.' } },
      messages,
      schemas,
    },
  };
}

function natsEnvelope(event: DomainEventType, payloadRef: string): JsonSchema {
  return {
    type: 'object',
    required: ['id', 'type', 'aggregateId', 'occurredAt', 'payload'],
    additionalProperties: false,
    properties: {
      id: { ...uuid, description: 'The event\'s id (also the JetStream message id): deduplicate by it.' },
      type: { type: 'string', const: event.type },
      aggregateId: { ...uuid, description: 'The order, transaction or account the event is about.' },
      occurredAt: dateTime,
      payload: { $ref: payloadRef },
    },
  };
}
