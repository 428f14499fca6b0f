import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditLog } from '../../application/audit/audit-log';
import { RecordAuditEntry } from '../../application/audit/record-audit-entry';
import { EventSubscriptions } from '../../application/shared/domain-event-handler';
import { SqlAuditLog } from '../../infrastructure/persistence/audit/sql-audit-log';

/** The audit context: an append-only log of every domain event, fed by the outbox through the event broker. */
@Module({ providers: [{ provide: AuditLog, useClass: SqlAuditLog }, RecordAuditEntry] })
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly recorder: RecordAuditEntry,
  ) {}

  // On init, before any application bootstrap hook starts the outbox relay, so no event goes by unseen.
  onModuleInit(): Promise<void> {
    return this.subscriptions.subscribe(this.recorder);
  }
}
