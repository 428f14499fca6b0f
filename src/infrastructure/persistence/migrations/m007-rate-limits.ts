import { Migration } from '@mikro-orm/migrations';

/**
 * Throttling counters shared by every instance when there is no Redis. Unlogged: a hit count is worth no WAL
 * write, and losing the counters in a crash only resets the windows.
 */
export class M007RateLimits extends Migration {
  override name = 'M007RateLimits';

  override up(): void {
    this.addSql(`
      create unlogged table rate_limit_counters (
        key varchar(300) primary key,
        hits integer not null,
        expires_at timestamptz not null,
        blocked_until timestamptz null
      )`);
  }

  override down(): void {
    this.addSql('drop table rate_limit_counters');
  }
}
