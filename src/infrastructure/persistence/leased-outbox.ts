import type { SqlEntityManager } from '@mikro-orm/sql';
import type { LeasedAttempt } from '../../application/shared/leased-attempts';

/**
 * The lease scheme of the outbox tables whose rows are attempted against another system (`mail_messages`,
 * `webhook_deliveries`; application/shared/leased-attempts.ts): a row waits `pending` until `next_attempt_at`; a
 * claim counts the attempt (`attempts + 1`) and leases the row (`leased_until`) in one statement that commits at once,
 * taking a row no other claim holds (FOR UPDATE SKIP LOCKED) and whose lease, if any, has run out; an outcome is
 * recorded `where id = ? and attempts = ?` and ends the lease, so an attempt whose row has been claimed again since
 * changes nothing. Each statement runs on its own, outside any transaction.
 */
export class LeasedOutbox {
  /** The condition on a row (columns unqualified, or qualified by `alias`) that a claim at `now` may take: 2 parameters, now and now. */
  static claimable(alias?: string): string {
    const column = (name: string) => (alias ? `${alias}.${name}` : name);
    return `${column('status')} = 'pending' and ${column('next_attempt_at')} <= ? and (${column('leased_until')} is null or ${column('leased_until')} <= ?)`;
  }

  constructor(
    private readonly table: string,
    private readonly em: SqlEntityManager,
  ) {}

  /**
   * Claims the row `due` selects (one row with its `id`, locked `for update skip locked`), leased until `leaseUntil`;
   * `join` may add tables to read from (as `from due <join>`), `returning` names what to return of `claimed` and them.
   */
  async claim<Row>(query: { due: string; params: readonly unknown[]; join?: string; returning: string }, leaseUntil: Date): Promise<Row | undefined> {
    const [row] = await this.em.execute<Row[]>(
      `update ${this.table} claimed set attempts = claimed.attempts + 1, leased_until = ?
        from (${query.due}) due ${query.join ?? ''}
        where claimed.id = due.id
        returning ${query.returning}`,
      [leaseUntil, ...query.params],
    );
    return row;
  }

  /**
   * Records an attempt's outcome (`changes`, column to value; `fromRow`, column to an SQL expression of the row's
   * columns as they were) and ends the lease; false, changing nothing, when the row has been claimed again since.
   */
  async record(attempt: LeasedAttempt, changes: Readonly<Record<string, unknown>>, fromRow: Readonly<Record<string, string>> = {}): Promise<boolean> {
    const columns = Object.keys(changes);
    const assignments = [...columns.map((column) => `${column} = ?`), ...Object.entries(fromRow).map(([column, expression]) => `${column} = ${expression}`)];
    const result = await this.em.execute<{ affectedRows: number }>(
      `update ${this.table} set ${assignments.join(', ')}, leased_until = null where id = ? and attempts = ?`,
      [...columns.map((column) => changes[column]), attempt.id, attempt.attempts],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** Deletes the rows no longer pending (sent, delivered, given up) whose last activity, `finishedAt` (an SQL expression), is before `before`. */
  async purgeFinished(finishedAt: string, before: Date): Promise<number> {
    const result = await this.em.execute<{ affectedRows: number }>(
      `delete from ${this.table} where status <> 'pending' and ${finishedAt} < ?`,
      [before],
      'run',
    );
    return result.affectedRows;
  }
}
