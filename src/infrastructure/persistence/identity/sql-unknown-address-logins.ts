import { createHmac, hkdfSync } from 'node:crypto';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { UnknownAddressLogins } from '../../../application/identity/unknown-address-logins';
import { type LoginFailures, noLoginFailures } from '../../../domain/identity/login-failures';
import { AppConfig } from '../../config/app-config';

interface FailuresRow {
  failed_logins: number | string;
  locked_until: Date | string | null;
  updated_at: Date | string;
}

const instant = (value: Date | string) => new Date(value);

/** A row is written by failures only: its last write is the last failure (or, with none counted yet, its creation). */
const failuresIn = (row: FailuresRow | undefined): LoginFailures =>
  row
    ? { failedLogins: Number(row.failed_logins), lockedUntil: row.locked_until === null ? null : instant(row.locked_until), lastFailedLoginAt: instant(row.updated_at) }
    : noLoginFailures();

/**
 * Addresses are kept as HMAC-SHA256 under a key derived (HKDF) from JWT_SECRET, which every instance shares: anyone
 * can type any address at the login form, and a plain hash of one is found again from a list of likely addresses.
 * A new JWT_SECRET starts every unknown address afresh, as it ends every session.
 */
@Injectable()
export class SqlUnknownAddressLogins extends UnknownAddressLogins {
  private readonly key: Buffer;

  constructor(
    private readonly em: SqlEntityManager,
    config: AppConfig,
  ) {
    super();
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'commerce-backend', 'unknown-address-logins', 32));
  }

  async failuresOf(email: string): Promise<LoginFailures> {
    const [row] = await this.em.execute<FailuresRow[]>('select failed_logins, locked_until, updated_at from unknown_address_logins where email_hash = ?', [
      this.keyOf(email),
    ]);
    return failuresIn(row);
  }

  /** One statement that creates the row or locks it, as an account's failure takes the account's row with one. */
  async failuresForUpdate(email: string, now: Date): Promise<LoginFailures> {
    const [row] = await this.em.execute<FailuresRow[]>(
      `insert into unknown_address_logins as u (email_hash, failed_logins, updated_at) values (?, 0, ?)
       on conflict (email_hash) do update set email_hash = u.email_hash
       returning failed_logins, locked_until, updated_at`,
      [this.keyOf(email), now],
    );
    return failuresIn(row);
  }

  async save(email: string, failures: LoginFailures, now: Date): Promise<void> {
    await this.em.execute(
      'update unknown_address_logins set failed_logins = ?, locked_until = ?, updated_at = ? where email_hash = ?',
      [failures.failedLogins, failures.lockedUntil, now, this.keyOf(email)],
      'run',
    );
  }

  async forgetIdle(before: Date): Promise<number> {
    const result = await this.em.execute<{ affectedRows: number }>('delete from unknown_address_logins where updated_at < ?', [before], 'run');
    return result.affectedRows;
  }

  private keyOf(email: string): string {
    return createHmac('sha256', this.key).update(email).digest('hex');
  }
}
