import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ReadQueries } from '../persistence/read-queries';
import { type HitsCountedNow, type ThrottlerStorageRecord, throttlerKey } from './hits-counted-now';

/** Hits this instance took from the shared counter in one go, handed out one per request. */
interface Lease {
  /** The counter's value in PostgreSQL right after this lease was taken. */
  readonly hitsAfter: number;
  /** How many of the taken hits were within the limit, so may be handed out. */
  readonly granted: number;
  readonly size: number;
  readonly expiresAt: number;
  used: number;
}

/** At most one hit in a hundred of the limit, and at most 100, taken in one go; 1 for small limits. */
export const leaseSize = (limit: number) => Math.max(1, Math.min(100, Math.floor(limit / 100)));

/**
 * Throttling counters in PostgreSQL, shared by every instance: a fixed window per key like the Redis storage's
 * script (hits reset when the window or a block has run out; past the limit the key is blocked for the block
 * duration).
 *
 * A write per request would double the database work of a read, so hits are taken from the shared counter in
 * leases (see leaseSize): one atomic upsert adds a lease's worth of hits, and this instance then answers that
 * many requests from memory. The counter is never behind what was let through, so no more than the limit
 * ever passes; a lease's unused hits still count, so a client may be refused up to (lease - 1) hits per
 * instance early, at most 1% of the limit each. Limits under 200 take one hit at a time, exactly as before.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, HitsCountedNow {
  private readonly leases = new Map<string, Lease>();
  private readonly taking = new Map<string, Promise<unknown>>();
  /**
   * The lease's upsert as a named prepared statement: through MikroORM its parameters were formatted into the SQL
   * text, which PostgreSQL then parsed and planned for every lease (once per 100 requests of a busy client).
   */
  private readonly statements: ReadQueries;

  constructor(private readonly orm: MikroORM) {
    this.statements = new ReadQueries(orm.em as SqlEntityManager);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = throttlerKey(throttlerName, key);
    for (;;) {
      const fromLease = this.useLease(id);
      if (fromLease) return fromLease;
      const underWay = this.taking.get(id);
      if (!underWay) break;
      // Then use what it took, or take the next lease. A take that failed fails its waiters too: with the database
      // hung, each waiter taking a lease of its own in turn made the last of them wait a connect timeout per waiter.
      await underWay;
    }
    const taken = this.take(id, ttl, limit, blockDuration).finally(() => this.taking.delete(id));
    this.taking.set(id, taken);
    const { record, lease } = await taken;
    if (!lease) return record;
    this.leases.set(id, lease);
    return this.useLease(id) ?? record;
  }

  /** A hit of the lease this instance holds for the key, if any is left. */
  incrementNow(key: string, _ttl: number, _limit: number, _blockDuration: number, throttlerName: string): ThrottlerStorageRecord | undefined {
    return this.useLease(throttlerKey(throttlerName, key));
  }

  /** Forgets windows and blocks that have run out, here and in the table; returns how many rows went. */
  async purgeExpired(): Promise<number> {
    const now = Date.now();
    for (const [id, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(id);
    const result = await this.orm.em
      .getConnection()
      .execute<{ affectedRows: number }>('delete from rate_limit_counters where expires_at < now() and (blocked_until is null or blocked_until < now())', [], 'run');
    return result.affectedRows;
  }

  private useLease(id: string): ThrottlerStorageRecord | undefined {
    const lease = this.leases.get(id);
    const now = Date.now();
    if (!lease || lease.used >= lease.granted || lease.expiresAt <= now) return undefined;
    lease.used += 1;
    return {
      totalHits: lease.hitsAfter - lease.size + lease.used,
      timeToExpire: Math.ceil((lease.expiresAt - now) / 1000),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  private async take(id: string, ttl: number, limit: number, blockDuration: number): Promise<{ record: ThrottlerStorageRecord; lease?: Lease }> {
    const size = leaseSize(limit);
    const [row] = await this.statements.rows<{ hits: number; expires_in_ms: number; blocked_for_ms: number | null }>(
      INCREMENT,
      [id, size, ttl, size, limit, blockDuration, limit, blockDuration],
    );
    const blockedForMs = Number(row.blocked_for_ms ?? 0);
    const record = {
      totalHits: row.hits,
      timeToExpire: Math.ceil(Number(row.expires_in_ms) / 1000),
      isBlocked: blockedForMs > 0,
      timeToBlockExpire: blockedForMs > 0 ? Math.ceil(blockedForMs / 1000) : 0,
    };
    // The taken hits are the counter's values hitsAfter - size + 1 .. hitsAfter; those up to the limit may pass,
    // unless the key is blocked (a lease that crossed the limit is given up: refusing a few hits early is safe).
    const granted = Math.min(size, Math.max(0, limit - (row.hits - size)));
    if (granted === 0 || record.isBlocked) return { record };
    return { record, lease: { hitsAfter: row.hits, granted, size, expiresAt: Date.now() + Number(row.expires_in_ms), used: 0 } };
  }
}

// A window that has run out, or a block that has, starts the count again.
const restarts = 'c.expires_at <= clock_timestamp() or c.blocked_until <= clock_timestamp()';
const INCREMENT = `
  insert into rate_limit_counters as c (key, hits, expires_at, blocked_until)
  values (?, ?::int, clock_timestamp() + make_interval(secs => ? / 1000.0), case when ?::int > ? then clock_timestamp() + make_interval(secs => ? / 1000.0) end)
  on conflict (key) do update set
    hits = case when ${restarts} then excluded.hits else c.hits + excluded.hits end,
    expires_at = case when ${restarts} then excluded.expires_at else c.expires_at end,
    blocked_until = case
      when c.blocked_until > clock_timestamp() then c.blocked_until
      when (case when ${restarts} then excluded.hits else c.hits + excluded.hits end) > ? then clock_timestamp() + make_interval(secs => ? / 1000.0)
    end
  returning hits,
    extract(epoch from expires_at - clock_timestamp()) * 1000 as expires_in_ms,
    extract(epoch from blocked_until - clock_timestamp()) * 1000 as blocked_for_ms`;
