/** One line of the audit log: a domain event as it happened, recorded once however often it is delivered. */
export interface AuditEntry {
  readonly eventId: string;
  readonly type: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly details: Readonly<Record<string, unknown>>;
}
