import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { ParkedEvents, type ParkedEventView } from '../../application/events/parked-events';
import type { PublishedEvent } from '../../application/shared/domain-event-handler';
import { type Page, type PageRequest, pageOf } from '../../application/shared/page';
import { utcInstant } from '../persistence/utc-instant';
import { describeFailure } from './handler-failures';

interface ParkedRow {
  id: string;
  event_id: string;
  event_type: string;
  aggregate_id: string;
  occurred_at: string;
  payload: Record<string, unknown> | string;
  handler: string;
  attempts: number;
  last_error: string;
  parked_at: string;
}

const VIEW_COLUMNS = `id, event_id, event_type, aggregate_id, ${utcInstant('occurred_at')}, payload, handler, attempts, last_error, ${utcInstant('parked_at')}`;
const payloadOf = (row: Pick<ParkedRow, 'payload'>) => (typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload);

/** The parked rows of `event_handler_failures` (HandlerFailures writes them), through the caller's EntityManager. */
@Injectable()
export class SqlParkedEvents extends ParkedEvents {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async list(request: PageRequest, consumer?: string): Promise<Page<ParkedEventView>> {
    const conditions = ['parked_at is not null', ...(consumer ? ['handler = ?'] : []), ...(request.after ? ['id < ?'] : [])];
    const rows = await this.em.execute<ParkedRow[]>(
      `select ${VIEW_COLUMNS} from event_handler_failures where ${conditions.join(' and ')} order by id desc limit ?`,
      [...(consumer ? [consumer] : []), ...(request.after ? [request.after] : []), request.limit + 1],
    );
    return pageOf(rows.map(viewOf), request.limit, (parked) => parked.id);
  }

  async lockForReplay(id: string): Promise<{ consumer: string; event: PublishedEvent } | undefined> {
    const [row] = await this.em.execute<Array<Omit<ParkedRow, 'occurred_at'> & { occurred_at: Date }>>(
      'select event_id, event_type, aggregate_id, occurred_at, payload, handler from event_handler_failures where id = ? and parked_at is not null for update',
      [id],
    );
    if (!row) return undefined;
    const event = { id: row.event_id, type: row.event_type, aggregateId: row.aggregate_id, occurredAt: new Date(row.occurred_at), payload: payloadOf(row) };
    return { consumer: row.handler, event };
  }

  async replayed(id: string): Promise<void> {
    await this.em.execute('delete from event_handler_failures where id = ?', [id]);
  }

  async failedAgain(id: string, error: unknown): Promise<void> {
    await this.em.execute('update event_handler_failures set attempts = attempts + 1, last_error = ?, parked_at = now() where id = ?', [describeFailure(error), id]);
  }
}

const viewOf = (row: ParkedRow): ParkedEventView => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  aggregateId: row.aggregate_id,
  occurredAt: row.occurred_at,
  payload: payloadOf(row),
  consumer: row.handler,
  attempts: row.attempts,
  lastError: row.last_error,
  parkedAt: row.parked_at,
});
