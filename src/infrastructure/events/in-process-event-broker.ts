import { Logger } from '@nestjs/common';
import type { DomainEventHandler, PublishedEvent } from '../../application/shared/domain-event-handler';
import { EventBroker } from './event-broker';
import { failureKey, type HandlerFailure, HandlerFailures } from './handler-failures';

/** Runs work in a savepoint of the relay's transaction: a consumer that fails leaves nothing of its own behind. */
export type Savepoint = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Without a broker: the relay hands its batch to every handler of this process, in the relay's transaction. A
 * handler that fails stops the relay at the event it failed on (the events before it are published), which waits
 * for its retry (HandlerFailures) and is handed over again with those after it; others may thus see it twice (they
 * deduplicate). Once the retries are used up the event is parked for that handler and the relay goes on.
 */
export class InProcessEventBroker extends EventBroker {
  private readonly logger = new Logger('InProcessEventBroker');

  constructor(
    private readonly failures: HandlerFailures,
    private readonly savepoint: Savepoint,
  ) {
    super();
  }

  protected async attach(handler: DomainEventHandler): Promise<void> {
    this.logger.log(`${handler.name} subscribed (in-process delivery)`);
  }

  async publish(event: PublishedEvent): Promise<void> {
    for (const handler of this.handlers) await handler.handle(event);
  }

  /**
   * The events up to the first whose retry is not yet due, to each handler at once (the audit log writes them in
   * one statement); if any handler fails, again one event and one handler at a time, to find which.
   */
  override async publishAll(events: readonly PublishedEvent[]): Promise<{ published: number; failure?: unknown }> {
    const known = await this.failures.of(events.map((event) => event.id));
    const now = new Date();
    const handlers = [...this.handlers];
    const waiting = events.findIndex((event) => handlers.some((handler) => isWaiting(known.get(failureKey(event.id, handler.name)), now)));
    const due = waiting === -1 ? events : events.slice(0, waiting);
    if (due.length === 0) return { published: 0 };
    try {
      await this.savepoint(async () => {
        for (const handler of handlers) await handler.handleAll(due.filter((event) => !isParked(known.get(failureKey(event.id, handler.name)))));
      });
      return await this.published(due, due.length, known);
    } catch {
      return this.oneAtATime(handlers, due, known);
    }
  }

  async close(): Promise<void> {}

  private async oneAtATime(
    handlers: readonly DomainEventHandler[],
    events: readonly PublishedEvent[],
    known: Map<string, HandlerFailure>,
  ): Promise<{ published: number; failure?: unknown }> {
    for (const [index, event] of events.entries()) {
      for (const handler of handlers) {
        const earlier = known.get(failureKey(event.id, handler.name));
        if (isParked(earlier)) continue;
        try {
          await this.savepoint(() => handler.handle(event));
        } catch (error) {
          const { attempts, retryAt } = await this.failures.record(event, handler.name, error);
          if (retryAt) return { ...(await this.published(events, index, known)), failure: new HandlerFailed(handler.name, event, attempts, retryAt, error) };
        }
      }
    }
    return this.published(events, events.length, known);
  }

  /** The first `count` events went to every handler: their earlier failures, retried, are forgotten. */
  private async published(events: readonly PublishedEvent[], count: number, known: Map<string, HandlerFailure>): Promise<{ published: number }> {
    if (known.size > 0) await this.failures.forgetRetried(events.slice(0, count).map((event) => event.id));
    return { published: count };
  }
}

const isParked = (failure: HandlerFailure | undefined): boolean => failure !== undefined && failure.retryAt === null;
const isWaiting = (failure: HandlerFailure | undefined, now: Date): boolean => (failure?.retryAt ?? now) > now;

/** A handler failed at an event and is tried again later; the relay logs it when its run ends. */
export class HandlerFailed extends Error {
  constructor(handler: string, event: PublishedEvent, attempts: number, retryAt: Date, cause: unknown) {
    super(`${handler} failed at ${event.type} ${event.id} (attempt ${attempts}); it and the events after it wait until ${retryAt.toISOString()}`, { cause });
    this.name = 'HandlerFailed';
  }
}
