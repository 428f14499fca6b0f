import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type Page, type PageRequest, pageOf } from '../../../application/shared/page';
import { WebhookEndpoints } from '../../../application/webhooks/webhook-endpoints';
import { type FailureStreakBounds, type PreviousSecret, type SealedSecret, WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint';
import type { WebhookEventType } from '../../../domain/webhooks/webhook-event-types';

interface EndpointRow {
  id: string;
  url: string;
  events: string[] | string;
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  secret_ciphertext: string;
  previous_secrets: StoredPreviousSecret[] | string;
  failing_since: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A secret rotated away, as `previous_secrets` (jsonb) holds it. */
export interface StoredPreviousSecret {
  secret: string;
  expiresAt: string;
}

/** `previous_secrets` as the domain has it; drivers hand jsonb back parsed, or as text. */
export const sealedPreviousSecrets = (stored: StoredPreviousSecret[] | string): Array<PreviousSecret<SealedSecret>> =>
  (typeof stored === 'string' ? (JSON.parse(stored) as StoredPreviousSecret[]) : stored).map(({ secret, expiresAt }) => ({
    secret: secret as SealedSecret,
    expiresAt: new Date(expiresAt),
  }));

const COLUMNS = `id, url, events, description, enabled, disabled_reason, secret_ciphertext, previous_secrets, failing_since, created_at, updated_at`;

/**
 * The `webhook_endpoints` table. An endpoint carries its signing secrets sealed (the application seals a new one with
 * the SecretBox: AES-256-GCM, bound to the endpoint's id), so the table never holds one in clear and reading or
 * writing endpoints never needs the key. Only the delivery job opens them (SqlWebhookDeliveries).
 */
@Injectable()
export class SqlWebhookEndpoints extends WebhookEndpoints {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  async add(endpoint: WebhookEndpoint): Promise<void> {
    await this.em.execute(
      `insert into webhook_endpoints (${COLUMNS}) values (?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
      [endpoint.id, ...this.columnsOf(endpoint), endpoint.createdAt, endpoint.updatedAt],
      'run',
    );
  }

  async save(endpoint: WebhookEndpoint): Promise<void> {
    await this.em.execute(
      `update webhook_endpoints set url = ?, events = ?::text[], description = ?, enabled = ?, disabled_reason = ?, secret_ciphertext = ?,
        previous_secrets = ?::jsonb, failing_since = ?, updated_at = ? where id = ?`,
      [...this.columnsOf(endpoint), endpoint.updatedAt, endpoint.id],
      'run',
    );
  }

  async byId(id: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.em.execute<EndpointRow[]>(`select ${COLUMNS} from webhook_endpoints where id = ?`, [id]);
    return row ? this.endpointOf(row) : undefined;
  }

  async byIdForUpdate(id: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.em.execute<EndpointRow[]>(`select ${COLUMNS} from webhook_endpoints where id = ? for update`, [id]);
    return row ? this.endpointOf(row) : undefined;
  }

  async page(request: PageRequest): Promise<Page<WebhookEndpoint>> {
    const rows = await this.em.execute<EndpointRow[]>(
      `select ${COLUMNS} from webhook_endpoints ${request.after ? 'where id < ?' : ''} order by id desc limit ?`,
      request.after ? [request.after, request.limit + 1] : [request.limit + 1],
    );
    return pageOf(rows.map((row) => this.endpointOf(row)), request.limit, (endpoint) => endpoint.id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>('delete from webhook_endpoints where id = ?', [id], 'run');
    return result.affectedRows > 0;
  }

  async markHealthy(id: string): Promise<void> {
    await this.em.execute('update webhook_endpoints set failing_since = null where id = ? and failing_since is not null', [id], 'run');
  }

  /**
   * One statement, so that attempts failing at once on several instances start one streak and disable once. A streak
   * from before `last_failed_at` was kept (M024) counts as last failing when it started.
   */
  async markFailing(id: string, at: Date, streak: FailureStreakBounds, reason: string): Promise<void> {
    const since = 'case when failing_since is null or coalesce(last_failed_at, failing_since) < ? then ?::timestamptz else failing_since end';
    const sinceParams = [streak.lapsedIfLastFailedBefore, at];
    await this.em.execute(
      `update webhook_endpoints set failing_since = ${since},
          last_failed_at = greatest(last_failed_at, ?::timestamptz),
          disabled_reason = case when enabled and ${since} <= ? then ? else disabled_reason end,
          enabled = enabled and ${since} > ?
        where id = ?`,
      [...sinceParams, at, ...sinceParams, streak.disableIfFailingBefore, reason, ...sinceParams, streak.disableIfFailingBefore, id],
      'run',
    );
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.em.execute('update webhook_endpoints set enabled = false, disabled_reason = ? where id = ? and enabled', [reason, id], 'run');
  }

  /** The mapped columns after `id`, up to `failing_since`. */
  private columnsOf(endpoint: WebhookEndpoint): unknown[] {
    const previousSecrets: StoredPreviousSecret[] = endpoint.previousSecrets.map(({ secret, expiresAt }) => ({ secret, expiresAt: expiresAt.toISOString() }));
    return [
      endpoint.url,
      toArrayLiteral(endpoint.events),
      endpoint.description,
      endpoint.enabled,
      endpoint.disabledReason,
      endpoint.secret,
      JSON.stringify(previousSecrets),
      endpoint.failingSince,
    ];
  }

  private endpointOf(row: EndpointRow): WebhookEndpoint {
    const endpoint = new WebhookEndpoint();
    endpoint.id = row.id;
    endpoint.url = row.url;
    endpoint.events = fromArray(row.events) as WebhookEventType[];
    endpoint.description = row.description;
    endpoint.enabled = row.enabled;
    endpoint.disabledReason = row.disabled_reason;
    endpoint.secret = row.secret_ciphertext as SealedSecret;
    endpoint.previousSecrets = sealedPreviousSecrets(row.previous_secrets);
    endpoint.failingSince = dateOrNull(row.failing_since);
    endpoint.createdAt = new Date(row.created_at);
    endpoint.updatedAt = new Date(row.updated_at);
    return endpoint;
  }
}

/** A PostgreSQL array literal of event types (letters, dots and underscores only: nothing to quote). */
export const toArrayLiteral = (values: readonly string[]) => `{${values.join(',')}}`;

/** Drivers hand text[] back as an array, or as its literal. */
const fromArray = (value: string[] | string): string[] => (Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));
