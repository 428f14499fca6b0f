import type { AuditEntry } from '../../domain/audit/audit-entry';

export abstract class AuditLog {
  /** Appends the entries, in order, except those whose event id is there already. */
  abstract append(entries: readonly AuditEntry[]): Promise<void>;
}
