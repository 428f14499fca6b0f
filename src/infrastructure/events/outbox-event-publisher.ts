import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { EventPublisher } from '../../application/shared/event-publisher';
import type { DomainEvent } from '../../domain/shared/domain-event';
import { runNative } from '../persistence/native-statement';

/**
 * Writes events to the outbox table through the request's EntityManager, so inside a unit of work they commit
 * or roll back with the change that caused them. The relay publishes them afterwards.
 */
@Injectable()
export class OutboxEventPublisher extends EventPublisher {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => {
      const { type, aggregateId, occurredAt, ...payload } = event as DomainEvent & Record<string, unknown>;
      return [uuidv7(), type, aggregateId, occurredAt, JSON.stringify(payload)];
    });
    await runNative(
      this.em,
      `insert into outbox_events (id, type, aggregate_id, occurred_at, payload) values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }
}
