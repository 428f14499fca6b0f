import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import type { PublishedEvent } from '../../application/shared/domain-event-handler';
import { RetrySchedule } from '../../domain/shared/retry-schedule';
import { AppConfig } from '../config/app-config';

/** One consumer's failure at one event: when its next attempt is due, or null once the event is parked for it. */
export interface HandlerFailure {
  readonly retryAt: Date | null;
}

export const failureKey = (eventId: string, handler: string): string => `${eventId} ${handler}`;

/**
 * The failures of event consumers (`event_handler_failures`): a consumer that fails on an event is tried again after
 * EVENT_HANDLER_RETRY_SCHEDULE's delays, and once they are used up the event is parked for that consumer (logged as an
 * error, counted, the event kept in the row) so that the events after it reach every consumer: one event no consumer
 * can take must not stop the audit log, the mails, the reports and the webhooks for good. Statements go through the
 * caller's EntityManager: in-process, the relay's transaction.
 */
@Injectable()
export class HandlerFailures {
  private readonly logger = new Logger('EventHandlerFailures');
  private readonly schedule: RetrySchedule;
  private readonly failed: Counter<'handler' | 'outcome'>;

  constructor(
    private readonly em: SqlEntityManager,
    config: AppConfig,
    registry: Registry,
  ) {
    this.schedule = new RetrySchedule(config.events.handlerRetryDelaysSeconds);
    this.failed = new Counter({
      name: 'domain_event_handler_failures_total',
      help: 'Failed attempts of event consumers, by consumer and outcome: retrying, or parked (given up on that event)',
      labelNames: ['handler', 'outcome'],
      registers: [registry],
    });
  }

  /** The failures recorded for these events, by `failureKey`. */
  async of(eventIds: readonly string[]): Promise<Map<string, HandlerFailure>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.em.execute<Array<{ event_id: string; handler: string; next_attempt_at: Date | null }>>(
      `select event_id, handler, next_attempt_at from event_handler_failures where event_id in (${placeholders(eventIds)})`,
      eventIds,
    );
    return new Map(rows.map((row) => [failureKey(row.event_id, row.handler), { retryAt: row.next_attempt_at && new Date(row.next_attempt_at) }]));
  }

  /**
   * Records a failed attempt of `handler` at `event`, counted in its row (deliveries that failed for want of the
   * database, or that a broker repeated, are no attempts); returns the count and when to try again, or null: parked.
   * A row already parked is left as it is (an overlapping delivery of one message may fail after another parked it).
   */
  async record(event: PublishedEvent, handler: string, error: unknown, failedAt = new Date()): Promise<{ attempts: number; retryAt: Date | null }> {
    const [counted] = await this.em.execute<Array<{ attempts: number }>>(
      `insert into event_handler_failures
          (id, event_id, handler, event_type, aggregate_id, occurred_at, payload, attempts, last_error, first_failed_at, next_attempt_at)
        values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
        on conflict (event_id, handler) do update set attempts = event_handler_failures.attempts + 1, last_error = excluded.last_error
          where event_handler_failures.parked_at is null
        returning attempts`,
      [uuidv7(), event.id, handler, event.type, event.aggregateId, event.occurredAt, JSON.stringify(event.payload), describeFailure(error), failedAt, this.schedule.nextAttemptAfter(1, failedAt)],
    );
    if (!counted) return { attempts: 0, retryAt: null };
    const { attempts } = counted;
    const retryAt = this.schedule.nextAttemptAfter(attempts, failedAt);
    if (attempts > 1) {
      // Outside a transaction (a NATS consumer) another delivery may have counted a later attempt meanwhile: its say stands.
      await this.em.execute(
        'update event_handler_failures set next_attempt_at = ?, parked_at = ? where event_id = ? and handler = ? and attempts = ? and parked_at is null',
        [retryAt, retryAt ? null : failedAt, event.id, handler, attempts],
      );
    }
    this.failed.inc({ handler, outcome: retryAt ? 'retrying' : 'parked' });
    if (!retryAt) {
      this.logger.error(
        { err: error, eventId: event.id, eventType: event.type, handler, attempts },
        `${handler} gave up on ${event.type} ${event.id} after ${attempts} attempts: parked in event_handler_failures`,
      );
    }
    return { attempts, retryAt };
  }

  /** Forgets the failures of these events that a later attempt got past (`handler`'s only, when named); parked ones stay. */
  async forgetRetried(eventIds: readonly string[], handler?: string): Promise<void> {
    if (eventIds.length === 0) return;
    await this.em.execute(
      `delete from event_handler_failures where event_id in (${placeholders(eventIds)}) and parked_at is null${handler ? ' and handler = ?' : ''}`,
      handler ? [...eventIds, handler] : eventIds,
    );
  }

  /**
   * Forgets events parked longer ago than the retention, and failures whose retry fell due as long ago without
   * anyone coming back to them (a NATS message the stream expired, or one another delivery acknowledged); returns
   * how many.
   */
  async purgeParked(retentionDays: number): Promise<number> {
    const result = await this.em.getConnection().execute<{ affectedRows: number }>(
      `delete from event_handler_failures
        where parked_at < now() - make_interval(days => ?) or next_attempt_at < now() - make_interval(days => ?)`,
      [retentionDays, retentionDays],
      'run',
    );
    return result.affectedRows;
  }
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** The error as the row keeps it: its name and message. */
export function describeFailure(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
}
