import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type Page, type PageRequest, pageOf } from '../../../application/shared/page';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  type DeliveryView,
  type OutgoingEvent,
  WebhookDeliveries,
} from '../../../application/webhooks/webhook-deliveries';
import type { DeliveryStatus } from '../../../domain/webhooks/webhook-delivery';
import { signingSecrets } from '../../../domain/webhooks/webhook-endpoint';
import { SecretBox } from '../../webhooks/secret-box';
import { toArrayLiteral } from './sql-webhook-endpoints';

type Instant = Date | string;

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number | string;
  next_attempt_at: Instant | null;
  last_attempt_at: Instant | null;
  last_response_status: number | null;
  last_response_body: string | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: Instant;
  delivered_at: Instant | null;
}

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  url: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number | string;
  due_at: Instant;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Instant | null;
}

const VIEW_COLUMNS = `id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_attempt_at, last_response_status,
  last_response_body, last_error, last_duration_ms, created_at, delivered_at`;

/**
 * The `webhook_deliveries` table. Queueing goes through the caller's EntityManager, so it joins the transaction it
 * is called in (the relay's, for the event handler); the delivery job's statements each commit on their own. A
 * claim leases a delivery (`leased_until`) and counts the attempt; recording its outcome checks the attempt count,
 * so an instance whose lease ran out cannot overwrite the outcome of a later attempt.
 */
@Injectable()
export class SqlWebhookDeliveries extends WebhookDeliveries {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly box: SecretBox,
  ) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  async enqueueForSubscribers(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    const types = [...new Set(events.map((event) => event.type))];
    const subscriptions = await this.em.execute<Array<{ endpoint_id: string; type: string }>>(
      `select e.id as endpoint_id, t.type from webhook_endpoints e, unnest(?::text[]) as t (type)
        where e.enabled and t.type = any (e.events) order by e.id`,
      [toArrayLiteral(types)],
    );
    const rows = events.flatMap((event) =>
      subscriptions
        .filter((subscription) => subscription.type === event.type)
        .map((subscription) => [uuidv7(), subscription.endpoint_id, event.eventId, event.type, event.body, now, now]),
    );
    if (rows.length === 0) return;
    await this.em.execute(
      `insert into webhook_deliveries (id, endpoint_id, event_id, event_type, body, next_attempt_at, created_at)
        values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (endpoint_id, event_id) do nothing`,
      rows.flat(),
      'run',
    );
  }

  async enqueueTo(endpointId: string, event: OutgoingEvent, now: Date): Promise<DeliveryView> {
    const [row] = await this.em.execute<DeliveryRow[]>(
      `insert into webhook_deliveries (id, endpoint_id, event_id, event_type, body, next_attempt_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?) returning ${VIEW_COLUMNS}`,
      [uuidv7(), endpointId, event.eventId, event.type, event.body, now, now],
    );
    return viewOf(row);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.em.execute<ClaimedRow[]>(
      `update webhook_deliveries d set attempts = d.attempts + 1, leased_until = ?
        from (select candidate.id, candidate.next_attempt_at from webhook_deliveries candidate
                join webhook_endpoints owner on owner.id = candidate.endpoint_id
               where candidate.status = 'pending' and candidate.next_attempt_at <= ?
                 and (candidate.leased_until is null or candidate.leased_until <= ?) and owner.enabled
               order by candidate.next_attempt_at limit ? for update of candidate skip locked) due,
             webhook_endpoints e
        where d.id = due.id and e.id = d.endpoint_id
        returning d.id, d.endpoint_id, e.url, d.event_id, d.event_type, d.body, d.attempts, due.next_attempt_at as due_at,
          e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at`,
      [leaseUntil, now, now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      eventId: row.event_id,
      eventType: row.event_type,
      body: row.body,
      attempts: Number(row.attempts),
      dueAt: new Date(row.due_at),
      secrets: this.secretsOf(row, now),
    }));
  }

  async recordSuccess(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<void> {
    await this.record(delivery, attempt, { status: 'succeeded', nextAttemptAt: null, deliveredAt: attempt.at });
  }

  async recordRetry(delivery: ClaimedDelivery, attempt: AttemptRecord, nextAttemptAt: Date): Promise<void> {
    await this.record(delivery, attempt, { status: 'pending', nextAttemptAt, deliveredAt: null });
  }

  async recordFailure(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<void> {
    await this.record(delivery, attempt, { status: 'failed', nextAttemptAt: null, deliveredAt: null });
  }

  async backlogAgeSeconds(now: Date): Promise<number> {
    const [{ oldest }] = await this.em.execute<Array<{ oldest: Instant | null }>>(
      `select min(next_attempt_at) as oldest from webhook_deliveries where status = 'pending' and next_attempt_at <= ?`,
      [now],
    );
    return oldest === null ? 0 : Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000);
  }

  async pageOf(endpointId: string, request: PageRequest): Promise<Page<DeliveryView>> {
    const rows = await this.em.execute<DeliveryRow[]>(
      `select ${VIEW_COLUMNS} from webhook_deliveries where endpoint_id = ? ${request.after ? 'and id < ?' : ''} order by id desc limit ?`,
      request.after ? [endpointId, request.after, request.limit + 1] : [endpointId, request.limit + 1],
    );
    return pageOf(rows.map(viewOf), request.limit, (delivery) => delivery.id);
  }

  async retryNow(endpointId: string, deliveryId: string, now: Date): Promise<DeliveryView | 'in-progress' | undefined> {
    const [row] = await this.em.execute<DeliveryRow[]>(
      `update webhook_deliveries set status = 'pending', next_attempt_at = ?, delivered_at = null
        where id = ? and endpoint_id = ? and (leased_until is null or leased_until <= ?) returning ${VIEW_COLUMNS}`,
      [now, deliveryId, endpointId, now],
    );
    if (row) return viewOf(row);
    const [exists] = await this.em.execute('select 1 from webhook_deliveries where id = ? and endpoint_id = ?', [deliveryId, endpointId]);
    return exists ? 'in-progress' : undefined;
  }

  private async record(
    delivery: ClaimedDelivery,
    attempt: AttemptRecord,
    outcome: { status: DeliveryStatus; nextAttemptAt: Date | null; deliveredAt: Date | null },
  ): Promise<void> {
    await this.em.execute(
      `update webhook_deliveries set status = ?, next_attempt_at = ?, delivered_at = ?, leased_until = null, last_attempt_at = ?,
          last_response_status = ?, last_response_body = ?, last_error = ?, last_duration_ms = ?
        where id = ? and attempts = ?`,
      [
        outcome.status,
        outcome.nextAttemptAt,
        outcome.deliveredAt,
        attempt.at,
        attempt.responseStatus,
        attempt.responseBody,
        attempt.error,
        attempt.durationMs,
        delivery.id,
        delivery.attempts,
      ],
      'run',
    );
  }

  /** The secrets in clear, by the domain's overlap rule; none when they cannot be decrypted with this key. */
  private secretsOf(row: ClaimedRow, now: Date): string[] {
    try {
      const previousSecret = row.previous_secret_ciphertext === null ? null : this.box.open(row.previous_secret_ciphertext, row.endpoint_id);
      const previousSecretExpiresAt = row.previous_secret_expires_at === null ? null : new Date(row.previous_secret_expires_at);
      return signingSecrets({ secret: this.box.open(row.secret_ciphertext, row.endpoint_id), previousSecret, previousSecretExpiresAt }, now);
    } catch {
      return [];
    }
  }
}

const dateOrNull = (value: Instant | null) => (value === null ? null : new Date(value));

function viewOf(row: DeliveryRow): DeliveryView {
  const lastAttemptAt = dateOrNull(row.last_attempt_at);
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    lastAttempt:
      lastAttemptAt === null
        ? null
        : {
            at: lastAttemptAt,
            responseStatus: row.last_response_status,
            responseBody: row.last_response_body,
            error: row.last_error,
            durationMs: row.last_duration_ms ?? 0,
          },
    nextAttemptAt: row.status === 'pending' ? dateOrNull(row.next_attempt_at) : null,
    createdAt: new Date(row.created_at),
    deliveredAt: dateOrNull(row.delivered_at),
  };
}
