import type { AuditEntry } from '../../domain/audit/audit-entry';

export abstract class AuditLog {
  /** Appends the entry unless one with its event id is there already. */
  abstract append(entry: AuditEntry): Promise<void>;
}
