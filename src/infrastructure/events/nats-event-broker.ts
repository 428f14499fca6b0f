import { Logger } from '@nestjs/common';
import { AckPolicy, type ConsumerMessages, DeliverPolicy, type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import type { DomainEventHandler, PublishedEvent } from '../../application/shared/domain-event-handler';
import { EventBroker } from './event-broker';

/** Runs a handler's work the way the app runs a request: in its own database context. */
export type HandlerContext = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * NATS JetStream: one stream (`<stream>.<event type>` subjects, file storage), the outbox event id as the
 * message id so the stream drops a relay's re-sends within its duplicate window, and one durable pull consumer
 * per handler name shared by every instance, so each event reaches each handler on one instance and is
 * redelivered until that handler acknowledges it.
 */
export class NatsEventBroker extends EventBroker {
  private readonly logger = new Logger('NatsEventBroker');
  private readonly consumers: ConsumerMessages[] = [];

  private constructor(
    private readonly connection: NatsConnection,
    private readonly client: JetStreamClient,
    private readonly manager: JetStreamManager,
    private readonly stream: string,
    private readonly inContext: HandlerContext,
  ) {
    super();
  }

  static async connect(servers: string, stream: string, retentionDays: number, inContext: HandlerContext): Promise<NatsEventBroker> {
    const connection = await connect({ servers: servers.split(','), name: 'commerce-backend', maxReconnectAttempts: -1 });
    const manager = await jetstreamManager(connection);
    const config = { name: stream, subjects: [`${stream}.>`], duplicate_window: nanos(10 * 60_000), max_age: nanos(retentionDays * 86_400_000) };
    // Idempotent for an identical configuration; an existing stream with another one is brought up to date.
    await manager.streams.add(config).catch(() => manager.streams.update(stream, config));
    return new NatsEventBroker(connection, jetstream(connection), manager, stream, inContext);
  }

  async publish(event: PublishedEvent): Promise<void> {
    await this.client.publish(`${this.stream}.${event.type}`, JSON.stringify(event), { msgID: event.id });
  }

  async subscribe(handler: DomainEventHandler): Promise<void> {
    await this.manager.consumers.add(this.stream, {
      durable_name: handler.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
    });
    const messages = await (await this.client.consumers.get(this.stream, handler.name)).consume();
    this.consumers.push(messages);
    void this.deliver(messages, handler);
    this.logger.log(`${handler.name} subscribed to ${this.stream} (JetStream durable consumer)`);
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((messages) => messages.close()));
    await this.connection.drain();
  }

  private async deliver(messages: ConsumerMessages, handler: DomainEventHandler): Promise<void> {
    for await (const message of messages) {
      const sent = message.json<PublishedEvent & { occurredAt: string }>();
      try {
        await this.inContext(() => handler.handle({ ...sent, occurredAt: new Date(sent.occurredAt) }));
        message.ack();
      } catch (error) {
        this.logger.warn({ err: error, eventId: sent.id }, `${handler.name} failed; redelivering in a second`);
        message.nak(1_000);
      }
    }
  }
}
