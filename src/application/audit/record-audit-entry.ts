import { Injectable } from '@nestjs/common';
import { DomainEventHandler, type PublishedEvent } from '../shared/domain-event-handler';
import { AuditLog } from './audit-log';

/** Keeps the audit log current with every domain event of every context; redeliveries change nothing. */
@Injectable()
export class RecordAuditEntry extends DomainEventHandler {
  readonly name = 'audit-log';

  constructor(private readonly log: AuditLog) {
    super();
  }

  handle(event: PublishedEvent): Promise<void> {
    return this.log.append({ eventId: event.id, type: event.type, aggregateId: event.aggregateId, occurredAt: event.occurredAt, details: event.payload });
  }
}
