import { Injectable } from '@nestjs/common';
import { webhookBody } from '../../domain/webhooks/webhook-delivery';
import { webhookEventOf } from '../../domain/webhooks/webhook-event-types';
import { Clock } from '../shared/clock';
import { DomainEventHandler, type PublishedEvent } from '../shared/domain-event-handler';
import { type OutgoingEvent, WebhookDeliveries } from './webhook-deliveries';

/**
 * Turns each offered domain event into one delivery per subscribed endpoint: in the transaction the relay hands it
 * over in when handlers run in-process; with NATS, outside any transaction, before the message is acknowledged. The
 * event id is the `webhook-id`, and a delivery is unique per event and endpoint, so an event delivered twice by the
 * broker queues nothing twice.
 */
@Injectable()
export class QueueWebhookDeliveries extends DomainEventHandler {
  readonly name = 'webhook-deliveries';

  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly clock: Clock,
  ) {
    super();
  }

  handle(event: PublishedEvent): Promise<void> {
    return this.handleAll([event]);
  }

  /** The relay's whole batch in one statement. */
  override async handleAll(events: readonly PublishedEvent[]): Promise<void> {
    const outgoing = events.map(outgoingOf).filter((event) => event !== undefined);
    if (outgoing.length > 0) await this.deliveries.enqueueForSubscribers(outgoing, this.clock.now());
  }
}

function outgoingOf(event: PublishedEvent): OutgoingEvent | undefined {
  const offered = webhookEventOf(event.type);
  if (!offered) return undefined;
  const data = { [offered.subject]: event.aggregateId, ...event.payload };
  return { eventId: event.id, type: offered.type, body: webhookBody(offered.type, event.occurredAt, data) };
}
