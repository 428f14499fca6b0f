import { createHash } from 'node:crypto';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { UnknownAddressLogins } from '../../../application/identity/unknown-address-logins';
import { type LoginFailures, noLoginFailures } from '../../../domain/identity/login-failures';

interface FailuresRow {
  failed_logins: number | string;
  locked_until: Date | string | null;
}

/** Addresses are kept as SHA-256 hashes: anyone can type any address at the login form, and none is an account's. */
const keyOf = (email: string) => createHash('sha256').update(email).digest('hex');

const failuresOf = (row: FailuresRow | undefined): LoginFailures =>
  row ? { failedLogins: Number(row.failed_logins), lockedUntil: row.locked_until === null ? null : new Date(row.locked_until) } : noLoginFailures();

@Injectable()
export class SqlUnknownAddressLogins extends UnknownAddressLogins {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async failuresOf(email: string): Promise<LoginFailures> {
    const [row] = await this.em.execute<FailuresRow[]>('select failed_logins, locked_until from unknown_address_logins where email_hash = ?', [keyOf(email)]);
    return failuresOf(row);
  }

  async failuresForUpdate(email: string): Promise<LoginFailures> {
    const key = keyOf(email);
    await this.em.execute('insert into unknown_address_logins (email_hash, failed_logins, updated_at) values (?, 0, now()) on conflict do nothing', [key], 'run');
    const [row] = await this.em.execute<FailuresRow[]>('select failed_logins, locked_until from unknown_address_logins where email_hash = ? for update', [key]);
    return failuresOf(row);
  }

  async save(email: string, failures: LoginFailures, now: Date): Promise<void> {
    await this.em.execute(
      'update unknown_address_logins set failed_logins = ?, locked_until = ?, updated_at = ? where email_hash = ?',
      [failures.failedLogins, failures.lockedUntil, now, keyOf(email)],
      'run',
    );
  }

  async forgetIdle(before: Date): Promise<number> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'delete from unknown_address_logins where updated_at < ? and (locked_until is null or locked_until < ?)',
      [before, before],
      'run',
    );
    return result.affectedRows;
  }
}
