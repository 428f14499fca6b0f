import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { REQUEST_KEY_HOURS } from '../../../domain/shared/request-key';
import type { StoredResponse } from './stored-response';

export type Claim =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'in_flight'; readonly fingerprint: string }
  | { readonly outcome: 'completed'; readonly fingerprint: string; readonly response: StoredResponse };

/** Keys are kept for their window; a claim whose process died is taken over after 5 minutes. */
const RETENTION = `${REQUEST_KEY_HOURS} hours`;
const ABANDONED_AFTER = '5 minutes';

/**
 * Idempotency keys in PostgreSQL. Every statement commits on its own, outside the request's unit of work,
 * so the claim is visible to concurrent duplicates at once and survives the request's own rollback.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly em: SqlEntityManager) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const claimed = await this.em.execute(
      `insert into idempotency_keys (scope, key, fingerprint, state, created_at, expires_at)
       values (?, ?, ?, 'in_flight', now(), now() + interval '${RETENTION}')
       on conflict (scope, key) do update
         set fingerprint = excluded.fingerprint, state = 'in_flight', response_status = null,
             response_content_type = null, response_body = null,
             created_at = excluded.created_at, expires_at = excluded.expires_at
         where idempotency_keys.expires_at < now()
            or (idempotency_keys.state = 'in_flight' and idempotency_keys.created_at < now() - interval '${ABANDONED_AFTER}')
       returning key`,
      [scope, key, fingerprint],
    );
    if (claimed.length === 1) return { outcome: 'claimed' };
    const [row] = await this.em.execute<
      Array<{ fingerprint: string; state: string; response_status: number | null; response_content_type: string | null; response_body: string | null }>
    >('select fingerprint, state, response_status, response_content_type, response_body from idempotency_keys where scope = ? and key = ?', [scope, key]);
    if (!row) return this.claim(scope, key, fingerprint); // purged between the two statements
    if (row.state === 'in_flight') return { outcome: 'in_flight', fingerprint: row.fingerprint };
    return {
      outcome: 'completed',
      fingerprint: row.fingerprint,
      response: { status: row.response_status!, contentType: row.response_content_type!, body: row.response_body! },
    };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.em.execute(
      `update idempotency_keys set state = 'completed', response_status = ?, response_content_type = ?, response_body = ?
        where scope = ? and key = ? and state = 'in_flight'`,
      [response.status, response.contentType, response.body, scope, key],
    );
  }

  /** Forgets a claim whose request failed on our side, so the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.em.execute(`delete from idempotency_keys where scope = ? and key = ? and state = 'in_flight'`, [scope, key]);
  }

  async purgeExpired(): Promise<number> {
    const rows = await this.em.execute('delete from idempotency_keys where expires_at < now() returning key');
    return rows.length;
  }
}
