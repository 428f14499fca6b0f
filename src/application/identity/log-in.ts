import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { InvalidCredentials, InvalidEmail } from '../../domain/identity/identity.errors';
import { assertNotLocked, recordFailedLogin } from '../../domain/identity/login-failures';
import { Session } from '../../domain/identity/session';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccessTokenIssuer } from './access-token-issuer';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { SessionLifetime } from './session-lifetime';
import { SessionRepository } from './session.repository';
import type { TokenPair } from './token-pair';
import { UnknownAddressLogins } from './unknown-address-logins';
import { UserRepository } from './user.repository';

@Injectable()
export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokens,
    private readonly lifetime: SessionLifetime,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly unknownAddresses: UnknownAddressLogins,
  ) {}

  async execute(input: { email: string; password: string }): Promise<TokenPair> {
    // A password changed while this one was hashed (a reset, say) is checked again, against the new hash, once.
    const first = await this.attempt(input);
    const pair = first === 'password-changed' ? await this.attempt(input) : first;
    if (pair === 'password-changed') throw new InvalidCredentials();
    return pair;
  }

  private async attempt(input: { email: string; password: string }): Promise<TokenPair | 'password-changed'> {
    const email = this.parseEmail(input.email);
    if (email === null) {
      await this.hasher.verifyDummy(input.password);
      throw new InvalidCredentials();
    }
    // Both read for every address, at once: a known and an unknown one cost the same before the hash (a 429 to a
    // locked address comes without one, and its time alone must not tell which it is).
    const [user, unknownFailures] = await Promise.all([this.users.byEmail(email), this.unknownAddresses.failuresOf(email)]);
    if (!user) {
      assertNotLocked(unknownFailures, this.clock.now());
      return this.refuseUnknownAddress(email, input.password);
    }
    user.assertNotLocked(this.clock.now());
    // Kept apart: reading the row again under its lock refreshes this same object.
    const checkedHash = user.passwordHash;
    // Verified outside the transaction: a 40 ms hash must not hold a row lock.
    const passwordMatches = await this.hasher.verify(checkedHash, input.password);

    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const current = await this.users.byIdForUpdate(user.id);
      if (!current) return null;
      current.assertNotLocked(now);
      // Whoever knew the former password must not start a session after the reset that ended every other one.
      if (current.passwordHash !== checkedHash) return 'password-changed' as const;
      const letIn = current.recordLogin(passwordMatches, now);
      await this.users.save(current);
      if (!letIn) return null; // committed, then refused: the failure must count even though the request fails
      const sessionId = this.sessions.nextId();
      const refresh = this.refreshTokens.create(sessionId);
      const session = Session.start({
        id: sessionId,
        userId: current.id,
        refreshTokenHash: refresh.hash,
        now,
        ttlSeconds: this.lifetime.refreshTtlSeconds,
      });
      await this.sessions.add(session);
      return { user: current, session, refreshToken: refresh.token };
    });
    if (!outcome) throw new InvalidCredentials();
    if (outcome === 'password-changed') return outcome;

    const access = await this.accessTokens.issue({ userId: outcome.user.id, role: outcome.user.role, sessionId: outcome.session.id });
    return { ...access, refreshToken: outcome.refreshToken, user: outcome.user };
  }

  /**
   * An address no account has is answered as one whose password is wrong, lockout included: its failure counted
   * after the same hash time, under its row's lock, in as many statements as an account's.
   */
  private async refuseUnknownAddress(email: string, password: string): Promise<never> {
    await this.hasher.verifyDummy(password);
    await this.uow.run(async () => {
      const now = this.clock.now();
      const failures = await this.unknownAddresses.failuresForUpdate(email, now);
      assertNotLocked(failures, now);
      recordFailedLogin(failures, now);
      await this.unknownAddresses.save(email, failures, now);
    });
    throw new InvalidCredentials();
  }

  private parseEmail(rawEmail: string): string | null {
    try {
      return Email.parse(rawEmail).value;
    } catch (error) {
      if (error instanceof InvalidEmail) return null;
      throw error;
    }
  }
}
