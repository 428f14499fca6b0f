import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
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
import { type SealedSecret, type SigningSecret, signingSecrets } from '../../../domain/webhooks/webhook-endpoint';
import { SecretBox } from '../../webhooks/secret-box';
import { LeasedOutbox } from '../leased-outbox';
import { type StoredPreviousSecret, sealedPreviousSecrets, toArrayLiteral } from './sql-webhook-endpoints';

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
  resend_of: 'succeeded' | 'failed' | 'pending' | null;
  unscheduled_attempts: number | string;
  secret_ciphertext: string;
  previous_secrets: StoredPreviousSecret[] | string;
}

const VIEW_COLUMNS = `id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_attempt_at, last_response_status,
  last_response_body, last_error, last_duration_ms, created_at, delivered_at`;

/**
 * The first due delivery of each enabled endpoint: the index per endpoint is read for enabled endpoints only
 * (2 parameters: now, now). Nothing is locked here: every lateral runs, so a lock in it took the first due delivery
 * of every endpoint, and the claims other instances made beside it found nothing.
 */
const DUE_BY_ENABLED_ENDPOINT = `webhook_endpoints owner
  cross join lateral (select id, endpoint_id, next_attempt_at from webhook_deliveries
                       where endpoint_id = owner.id and ${LeasedOutbox.claimable()}
                       order by next_attempt_at limit 1) candidate
  where owner.enabled`;

/**
 * Recovered deliveries fall due this far apart, oldest first (100 a second per endpoint while the job keeps up): all
 * due at one instant, they would come before every delivery queued after them, to any endpoint, until the last was
 * claimed.
 */
const RECOVERY_SPACING_MS = 10;

/** How many endpoints' first due deliveries a claim looks at: more than the instances claiming at once. */
const CLAIM_CANDIDATES = 32;

/**
 * The `webhook_deliveries` table. Queueing goes through the caller's EntityManager, so it joins the transaction it
 * is called in (the relay's, for the event handler, when handlers run in-process); the delivery job's statements
 * each commit on their own, under the lease scheme of LeasedOutbox: a claim leases one delivery and counts the
 * attempt; recording its outcome checks the attempt count, so an instance whose lease ran out cannot overwrite the
 * outcome of a later attempt. Claims and the backlog's age start from the enabled endpoints and read each one's
 * due deliveries through an index per endpoint: the deliveries a disabled endpoint has waiting are never scanned.
 */
@Injectable()
export class SqlWebhookDeliveries extends WebhookDeliveries {
  private readonly outbox: LeasedOutbox;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly box: SecretBox,
  ) {
    super();
    this.outbox = new LeasedOutbox('webhook_deliveries', em);
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

  async enqueueTo(endpointId: string, event: OutgoingEvent, now: Date): Promise<DeliveryView | undefined> {
    try {
      // The endpoint's row is read under a key-share lock: one deleted or disabled meanwhile queues nothing.
      const [row] = await this.em.execute<DeliveryRow[]>(
        `insert into webhook_deliveries (id, endpoint_id, event_id, event_type, body, next_attempt_at, created_at)
          select ?, e.id, ?, ?, ?, ?, ? from webhook_endpoints e where e.id = ? and e.enabled for key share
          returning ${VIEW_COLUMNS}`,
        [uuidv7(), event.eventId, event.type, event.body, now, now, endpointId],
      );
      return row ? viewOf(row) : undefined;
    } catch (error) {
      if (error instanceof ForeignKeyConstraintViolationException) return undefined;
      throw error;
    }
  }

  async claimNext(now: Date, leaseUntil: Date, passOver: readonly string[]): Promise<ClaimedDelivery | undefined> {
    const row = await this.outbox.claim<ClaimedRow>(
      {
        // The oldest of the candidates no other claim holds, locked alone; the condition is checked again on the row
        // as locked, so one claimed and committed since the candidates were read is passed over, not claimed twice.
        due: `select d.id, d.endpoint_id, d.next_attempt_at from webhook_deliveries d
               where d.id in (select candidate.id from ${DUE_BY_ENABLED_ENDPOINT} and not (owner.id = any (?::uuid[]))
                               order by candidate.next_attempt_at limit ${CLAIM_CANDIDATES})
                 and ${LeasedOutbox.claimable('d')}
               order by d.next_attempt_at limit 1 for update skip locked`,
        params: [now, now, toArrayLiteral(passOver), now, now],
        join: 'join webhook_endpoints e on e.id = due.endpoint_id',
        returning: `claimed.id, claimed.endpoint_id, e.url, claimed.event_id, claimed.event_type, claimed.body, claimed.attempts,
          due.next_attempt_at as due_at, claimed.resend_of, claimed.unscheduled_attempts, e.secret_ciphertext, e.previous_secrets`,
      },
      leaseUntil,
    );
    if (!row) return undefined;
    const attempts = Number(row.attempts);
    return {
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      eventId: row.event_id,
      eventType: row.event_type,
      body: row.body,
      attempts,
      dueAt: new Date(row.due_at),
      resendOf: row.resend_of,
      scheduledAttempts: attempts - Number(row.unscheduled_attempts),
      secrets: this.secretsOf(row, now),
    };
  }

  recordSuccess(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean> {
    return this.record(delivery, attempt, { status: 'succeeded', nextAttemptAt: null, deliveredAt: attempt.at });
  }

  recordRetry(delivery: ClaimedDelivery, attempt: AttemptRecord, nextAttemptAt: Date): Promise<boolean> {
    return this.record(delivery, attempt, { status: 'pending', nextAttemptAt, deliveredAt: null });
  }

  recordFailure(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean> {
    switch (delivery.resendOf) {
      case null:
        return this.record(delivery, attempt, { status: 'failed', nextAttemptAt: null, deliveredAt: null });
      case 'pending':
        // Back to the scheduled attempt it stepped in front of, this attempt not one of the schedule's.
        return this.record(delivery, attempt, { status: 'pending' }, { next_attempt_at: 'resumes_at', unscheduled_attempts: 'unscheduled_attempts + 1' });
      default:
        // Back to the status it had, delivered_at as it is (a delivery once delivered stays delivered).
        return this.record(delivery, attempt, { status: delivery.resendOf, nextAttemptAt: null });
    }
  }

  async backlogAgeSeconds(now: Date): Promise<number> {
    const [{ oldest }] = await this.em.execute<Array<{ oldest: Instant | null }>>(
      `select min(candidate.next_attempt_at) as oldest from ${DUE_BY_ENABLED_ENDPOINT}`,
      [now, now],
    );
    return oldest === null ? 0 : Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000);
  }

  /** A delivery finished at its last attempt (delivered, given up, or answered 410). */
  purgeFinished(before: Date): Promise<number> {
    return this.outbox.purgeFinished('coalesce(last_attempt_at, created_at)', before);
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
      `update webhook_deliveries
          set status = 'pending', next_attempt_at = ?,
              resend_of = case when status <> 'pending' then status when resend_of is null and next_attempt_at > ? then 'pending' else resend_of end,
              resumes_at = case when status <> 'pending' then null when resend_of is null and next_attempt_at > ? then next_attempt_at else resumes_at end
        where id = ? and endpoint_id = ? and (leased_until is null or leased_until <= ?) returning ${VIEW_COLUMNS}`,
      [now, now, now, deliveryId, endpointId, now],
    );
    if (row) return viewOf(row);
    const [exists] = await this.em.execute('select 1 from webhook_deliveries where id = ? and endpoint_id = ?', [deliveryId, endpointId]);
    return exists ? 'in-progress' : undefined;
  }

  async recoverFailed(endpointId: string, since: Date, now: Date): Promise<number> {
    // The rows' own status is checked again as each is updated: one retried meanwhile is pending, and left alone.
    const result = await this.em.execute<{ affectedRows: number }>(
      `update webhook_deliveries d set status = 'pending', resend_of = 'failed',
              next_attempt_at = ?::timestamptz + (given_up.position - 1) * interval '${RECOVERY_SPACING_MS} milliseconds'
         from (select id, row_number() over (order by created_at, id) as position from webhook_deliveries
                where endpoint_id = ? and status = 'failed' and last_attempt_at >= ?) given_up
        where d.id = given_up.id and d.status = 'failed'`,
      [now, endpointId, since],
      'run',
    );
    return result.affectedRows;
  }

  /** `fromRow`: columns set to an expression of the row's own columns instead. */
  private record(
    delivery: ClaimedDelivery,
    attempt: AttemptRecord,
    outcome: { status: DeliveryStatus; nextAttemptAt?: Date | null; deliveredAt?: Date | null },
    fromRow: Readonly<Record<string, string>> = {},
  ): Promise<boolean> {
    return this.outbox.record(delivery, {
      status: outcome.status,
      ...(outcome.nextAttemptAt === undefined ? {} : { next_attempt_at: outcome.nextAttemptAt }),
      ...(outcome.deliveredAt === undefined ? {} : { delivered_at: outcome.deliveredAt }),
      resend_of: null,
      resumes_at: null,
      last_attempt_at: attempt.at,
      last_response_status: attempt.responseStatus,
      last_response_body: attempt.responseBody,
      last_error: attempt.error,
      last_duration_ms: attempt.durationMs,
    }, fromRow);
  }

  /**
   * The secrets in clear, by the domain's overlap rule; none when the current one cannot be decrypted with this
   * key. A previous one that cannot (sealed under the key before a change of WEBHOOK_SECRET_KEY, then rotated away
   * as the failure asks) is left out on its own: the rotation signs again at once.
   */
  private secretsOf(row: ClaimedRow, now: Date): SigningSecret[] {
    const secret = this.openOrNull(row.secret_ciphertext as SealedSecret, row.endpoint_id);
    if (secret === null) return [];
    const previousSecrets = sealedPreviousSecrets(row.previous_secrets).flatMap(({ secret: sealed, expiresAt }) => {
      const opened = this.openOrNull(sealed, row.endpoint_id);
      return opened === null ? [] : [{ secret: opened, expiresAt }];
    });
    return signingSecrets({ secret, previousSecrets }, now);
  }

  private openOrNull(sealed: SealedSecret, endpointId: string): SigningSecret | null {
    try {
      return this.box.open(sealed, endpointId);
    } catch {
      return null;
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
