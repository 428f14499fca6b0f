import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import type { DomainEventHandler, PublishedEvent } from '../../application/shared/domain-event-handler';
import { SettingRefused } from '../config/setting-refused';
import { EventBroker } from './event-broker';
import type { HandlerFailures } from './handler-failures';

/** Runs a handler's work the way the app runs a request: in its own database context. */
export type HandlerContext = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * NATS JetStream: one stream (`<stream>.<event type>` subjects, file storage), the outbox event id as the
 * message id so the stream drops a relay's re-sends within its duplicate window, and one durable pull consumer
 * per handler name shared by every instance, so each event reaches each handler on one instance and is
 * redelivered until that handler acknowledges it, after HandlerFailures' delays; once they are used up the event is
 * parked for that handler and taken off its consumer. A message that is no event is taken off at once.
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
    private readonly failures: HandlerFailures,
  ) {
    super();
  }

  static async connect(
    servers: string,
    stream: string,
    retentionDays: number,
    inContext: HandlerContext,
    failures: HandlerFailures,
  ): Promise<NatsEventBroker> {
    const connection = await connect({ servers: servers.split(','), name: 'commerce-backend', maxReconnectAttempts: -1 }).catch((error: unknown) => {
      // The setting, not its value: the URL may hold credentials.
      throw new SettingRefused(`NATS_URL: no NATS server answers there (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
    });
    const manager = await jetstreamManager(connection);
    const config = { name: stream, subjects: [`${stream}.>`], duplicate_window: nanos(10 * 60_000), max_age: nanos(retentionDays * 86_400_000) };
    // Idempotent for an identical configuration; an existing stream with another one is brought up to date.
    await manager.streams.add(config).catch(() => manager.streams.update(stream, config));
    return new NatsEventBroker(connection, jetstream(connection), manager, stream, inContext, failures);
  }

  async publish(event: PublishedEvent): Promise<void> {
    await this.client.publish(`${this.stream}.${event.type}`, JSON.stringify(event), { msgID: event.id });
  }

  protected async attach(handler: DomainEventHandler): Promise<void> {
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
      const event = eventOf(message);
      if (!event) {
        this.logger.error({ subject: message.subject, streamSequence: message.seq }, `${handler.name} took off its consumer a message that is no event`);
        message.term();
        continue;
      }
      try {
        await this.inContext(() => handler.handle(event));
      } catch (error) {
        await this.failed(message, handler.name, event, error);
        continue;
      }
      message.ack();
      if (message.info.deliveryCount > 1) await this.forgetRetried(event, handler.name);
    }
  }

  /** An event handled after failing: its failure is forgotten (a row left behind only says it once failed). */
  private async forgetRetried(event: PublishedEvent, handler: string): Promise<void> {
    await this.inContext(() => this.failures.forgetRetried([event.id], handler)).catch((error: unknown) => {
      this.logger.warn({ err: error, eventId: event.id }, `${handler} handled an event it had failed at, and could not forget the failure`);
    });
  }

  /**
   * Redelivers when the next attempt is due, or takes the message off once the event is parked for the handler. A
   * failure that cannot be recorded (the database away) is no attempt: redelivered later and later, never dropped.
   */
  private async failed(message: JsMsg, handler: string, event: PublishedEvent, error: unknown): Promise<void> {
    const recorded = await this.inContext(() => this.failures.record(event, handler, error)).catch((unrecorded: unknown) => {
      this.logger.warn({ err: unrecorded, eventId: event.id }, `${handler} failed at ${event.type} and could not record it; redelivering`);
      return undefined;
    });
    if (!recorded) {
      message.nak(Math.min(1_000 * 2 ** (message.info.deliveryCount - 1), 30_000));
      return;
    }
    if (!recorded.retryAt) {
      message.term();
      return;
    }
    this.logger.warn({ err: error, eventId: event.id, attempts: recorded.attempts }, `${handler} failed at ${event.type}; redelivering at ${recorded.retryAt.toISOString()}`);
    message.nak(Math.max(0, recorded.retryAt.getTime() - Date.now()));
  }
}

/** The event a message carries, or undefined when it carries none (only the relay publishes to the stream). */
function eventOf(message: JsMsg): PublishedEvent | undefined {
  try {
    const sent = message.json<Partial<Omit<PublishedEvent, 'occurredAt'>> & { occurredAt?: unknown }>();
    const occurredAt = new Date(typeof sent.occurredAt === 'string' ? sent.occurredAt : Number.NaN);
    const { id, type, aggregateId, payload } = sent;
    if (!isUuid(id) || typeof type !== 'string' || !isUuid(aggregateId) || typeof payload !== 'object' || payload === null) return undefined;
    return Number.isNaN(occurredAt.getTime()) ? undefined : { id, type, aggregateId, occurredAt, payload };
  } catch {
    return undefined;
  }
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
