import type { MikroORM } from '@mikro-orm/core';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Throttling counters in PostgreSQL, shared by every instance: one atomic upsert per hit, a fixed window per
 * key like the Redis storage's script (hits reset when the window or a block has run out; past the limit the
 * key is blocked for the block duration).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly orm: MikroORM) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [row] = await this.orm.em.getConnection().execute<Array<{ hits: number; expires_in_ms: number; blocked_for_ms: number | null }>>(
      INCREMENT,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration, limit, blockDuration],
    );
    const blockedForMs = Number(row.blocked_for_ms ?? 0);
    return {
      totalHits: row.hits,
      timeToExpire: Math.ceil(Number(row.expires_in_ms) / 1000),
      isBlocked: blockedForMs > 0,
      timeToBlockExpire: blockedForMs > 0 ? Math.ceil(blockedForMs / 1000) : 0,
    };
  }

  /** Forgets windows and blocks that have run out; returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.orm.em
      .getConnection()
      .execute<{ affectedRows: number }>('delete from rate_limit_counters where expires_at < now() and (blocked_until is null or blocked_until < now())', [], 'run');
    return result.affectedRows;
  }
}

// A window that has run out, or a block that has, starts the count again.
const restarts = 'c.expires_at <= clock_timestamp() or c.blocked_until <= clock_timestamp()';
const INCREMENT = `
  insert into rate_limit_counters as c (key, hits, expires_at, blocked_until)
  values (?, 1, clock_timestamp() + make_interval(secs => ? / 1000.0), case when 1 > ? then clock_timestamp() + make_interval(secs => ? / 1000.0) end)
  on conflict (key) do update set
    hits = case when ${restarts} then 1 else c.hits + 1 end,
    expires_at = case when ${restarts} then excluded.expires_at else c.expires_at end,
    blocked_until = case
      when c.blocked_until > clock_timestamp() then c.blocked_until
      when (case when ${restarts} then 1 else c.hits + 1 end) > ? then clock_timestamp() + make_interval(secs => ? / 1000.0)
    end
  returning hits,
    extract(epoch from expires_at - clock_timestamp()) * 1000 as expires_in_ms,
    extract(epoch from blocked_until - clock_timestamp()) * 1000 as blocked_for_ms`;
