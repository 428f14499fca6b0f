import { EventSubscriptions, type PublishedEvent } from '../../application/shared/domain-event-handler';

/**
 * Carries published events from the outbox relay to the subscribed handlers: NATS JetStream across instances,
 * or a direct call in this process. `publish` resolves only once the event is safely handed over.
 */
export abstract class EventBroker extends EventSubscriptions {
  abstract publish(event: PublishedEvent): Promise<void>;
  abstract close(): Promise<void>;
}
