import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '../../domain/audit/audit-entry';
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
    return this.log.append([entryOf(event)]);
  }

  /** A batch is one append: one statement for the relay's whole batch rather than one per event. */
  override handleAll(events: readonly PublishedEvent[]): Promise<void> {
    return this.log.append(events.map(entryOf));
  }
}

const entryOf = (event: PublishedEvent): AuditEntry => ({
  eventId: event.id,
  type: event.type,
  aggregateId: event.aggregateId,
  occurredAt: event.occurredAt,
  details: event.payload,
});
