import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { PublishedEvent } from '../../application/shared/domain-event-handler';
import type { EventBroker } from './event-broker';

/** Any fixed number: the advisory lock whose holder is, for one batch, the only relay of all instances. */
const RELAY_LOCK = 727_001;

interface OutboxRow {
  position: string;
  id: string;
  type: string;
  aggregate_id: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox events to the broker in `position` order, at least once. One relay at a time across
 * all instances (an advisory lock held for the batch), so events of one aggregate, whose changes are
 * serialised by row locks and so take increasing positions, are published in the order they happened. An
 * event is marked published only after the broker confirmed it; a crash in between re-sends it later.
 */
export class OutboxRelay {
  constructor(
    private readonly orm: MikroORM,
    private readonly broker: EventBroker,
    private readonly batchSize = 200,
  ) {}

  /** Publishes one batch; returns how many events went out. Throws, after recording the progress, if the broker failed. */
  async relayOnce(): Promise<number> {
    const em = this.orm.em.fork() as SqlEntityManager;
    // Most ticks find nothing: one look at the unpublished events' partial index instead of a transaction and the
    // relay's lock (four round trips), on every instance five times a second.
    if (!(await hasUnpublished(em))) return 0;
    let failure: unknown;
    const published = await em.transactional(async (tx) => {
      const [{ locked }] = await tx.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(?) as locked', [RELAY_LOCK]);
      if (!locked) return 0;
      const rows = await tx.execute<OutboxRow[]>(
        'select position, id, type, aggregate_id, occurred_at, payload from outbox_events where published_at is null order by position limit ?',
        [this.batchSize],
      );
      const handedOver = await this.broker.publishAll(rows.map(toPublished));
      failure = handedOver.failure;
      const sent = rows.slice(0, handedOver.published).map((row) => row.position);
      if (sent.length > 0) {
        await tx.execute(`update outbox_events set published_at = now() where position in (${sent.map(() => '?').join(', ')})`, sent);
      }
      return sent.length;
    });
    if (failure) throw failure;
    return published;
  }

  /** Forgets events published longer ago than the retention; returns how many. */
  async purgePublished(retentionDays: number): Promise<number> {
    const result = await this.orm.em
      .getConnection()
      .execute<{ affectedRows: number }>('delete from outbox_events where published_at < now() - make_interval(days => ?)', [retentionDays], 'run');
    return result.affectedRows;
  }

  /** Events committed but not yet confirmed by the broker. */
  async backlog(): Promise<number> {
    const [{ count }] = await (this.orm.em.fork() as SqlEntityManager).execute<Array<{ count: string }>>(
      'select count(*) as count from outbox_events where published_at is null',
    );
    return Number(count);
  }
}

async function hasUnpublished(em: SqlEntityManager): Promise<boolean> {
  const [{ pending }] = await em.execute<Array<{ pending: boolean }>>('select exists (select 1 from outbox_events where published_at is null) as pending');
  return pending;
}

const toPublished = (row: OutboxRow): PublishedEvent => ({
  id: row.id,
  type: row.type,
  aggregateId: row.aggregate_id,
  occurredAt: new Date(row.occurred_at),
  payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
});
