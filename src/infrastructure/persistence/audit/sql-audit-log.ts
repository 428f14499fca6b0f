import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../application/audit/audit-log';
import type { AuditEntry } from '../../../domain/audit/audit-entry';

/** An append-only table keyed by event id: `on conflict do nothing` is what makes the consumer idempotent. */
@Injectable()
export class SqlAuditLog extends AuditLog {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.em.execute(
      `insert into audit_log (event_id, type, aggregate_id, occurred_at, payload)
        values ${entries.map(() => '(?, ?, ?, ?, ?)').join(', ')} on conflict (event_id) do nothing`,
      entries.flatMap((entry) => [entry.eventId, entry.type, entry.aggregateId, entry.occurredAt, JSON.stringify(entry.details)]),
    );
  }
}
