import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type Page, type PageRequest, pageOf } from '../../../application/shared/page';
import { WebhookEndpoints } from '../../../application/webhooks/webhook-endpoints';
import { SIGNING_SECRET_PREFIX, WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint';
import type { WebhookEventType } from '../../../domain/webhooks/webhook-event-types';
import { SecretBox } from '../../webhooks/secret-box';

interface EndpointRow {
  id: string;
  url: string;
  events: string[] | string;
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | string | null;
  failing_since: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = `id, url, events, description, enabled, disabled_reason, secret_ciphertext, previous_secret_ciphertext,
  previous_secret_expires_at, failing_since, created_at, updated_at`;

/**
 * The `webhook_endpoints` table. Signing secrets are sealed by the SecretBox (AES-256-GCM, bound to the endpoint's
 * id) on the way in, so the table never holds one in clear; an endpoint loaded here carries them still sealed, so
 * reading endpoints never needs the key (a rotation moves the sealed current secret to `previous` as it is). Only
 * the delivery job opens them (SqlWebhookDeliveries).
 */
@Injectable()
export class SqlWebhookEndpoints extends WebhookEndpoints {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly box: SecretBox,
  ) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  async add(endpoint: WebhookEndpoint): Promise<void> {
    await this.em.execute(
      `insert into webhook_endpoints (${COLUMNS}) values (?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [endpoint.id, ...this.columnsOf(endpoint), endpoint.createdAt, endpoint.updatedAt],
      'run',
    );
  }

  async save(endpoint: WebhookEndpoint): Promise<void> {
    await this.em.execute(
      `update webhook_endpoints set url = ?, events = ?::text[], description = ?, enabled = ?, disabled_reason = ?, secret_ciphertext = ?,
        previous_secret_ciphertext = ?, previous_secret_expires_at = ?, failing_since = ?, updated_at = ? where id = ?`,
      [...this.columnsOf(endpoint), endpoint.updatedAt, endpoint.id],
      'run',
    );
  }

  async byId(id: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.em.execute<EndpointRow[]>(`select ${COLUMNS} from webhook_endpoints where id = ?`, [id]);
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

  // One statement, so that attempts failing at once on several instances start one streak and disable once.
  async markFailing(id: string, at: Date, disableIfFailingBefore: Date, reason: string): Promise<void> {
    await this.em.execute(
      `update webhook_endpoints set failing_since = coalesce(failing_since, ?),
          disabled_reason = case when enabled and coalesce(failing_since, ?) <= ? then ? else disabled_reason end,
          enabled = enabled and coalesce(failing_since, ?) > ?
        where id = ?`,
      [at, at, disableIfFailingBefore, reason, at, disableIfFailingBefore, id],
      'run',
    );
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.em.execute('update webhook_endpoints set enabled = false, disabled_reason = ? where id = ? and enabled', [reason, id], 'run');
  }

  /** The mapped columns after `id`, up to `failing_since`, secrets sealed. */
  private columnsOf(endpoint: WebhookEndpoint): unknown[] {
    return [
      endpoint.url,
      toArrayLiteral(endpoint.events),
      endpoint.description,
      endpoint.enabled,
      endpoint.disabledReason,
      this.sealed(endpoint.secret, endpoint.id),
      endpoint.previousSecret === null ? null : this.sealed(endpoint.previousSecret, endpoint.id),
      endpoint.previousSecretExpiresAt,
      endpoint.failingSince,
    ];
  }

  /** A secret just generated is in clear (`whsec_...`); one loaded from the table is sealed already. */
  private sealed(secret: string, endpointId: string): string {
    return secret.startsWith(SIGNING_SECRET_PREFIX) ? this.box.seal(secret, endpointId) : secret;
  }

  private endpointOf(row: EndpointRow): WebhookEndpoint {
    const endpoint = new WebhookEndpoint();
    endpoint.id = row.id;
    endpoint.url = row.url;
    endpoint.events = fromArray(row.events) as WebhookEventType[];
    endpoint.description = row.description;
    endpoint.enabled = row.enabled;
    endpoint.disabledReason = row.disabled_reason;
    endpoint.secret = row.secret_ciphertext;
    endpoint.previousSecret = row.previous_secret_ciphertext;
    endpoint.previousSecretExpiresAt = dateOrNull(row.previous_secret_expires_at);
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
