import { DomainError } from '../shared/domain-error';

export class InvalidEmail extends DomainError {
  readonly code = 'invalid-email';
  readonly kind = 'invalid';
  constructor() {
    super('The email address is not valid.');
  }
}

export class InvalidName extends DomainError {
  readonly code = 'invalid-name';
  readonly kind = 'invalid';
}

export class WeakPassword extends DomainError {
  readonly code = 'weak-password';
  readonly kind = 'invalid';
}

export class EmailAlreadyRegistered extends DomainError {
  readonly code = 'email-already-registered';
  readonly kind = 'conflict';
  constructor() {
    super('An account with this email address already exists.');
  }
}

/** One error for an unknown email and a wrong password, so the answer never reveals which accounts exist. */
export class InvalidCredentials extends DomainError {
  readonly code = 'invalid-credentials';
  readonly kind = 'unauthenticated';
  constructor() {
    super('The email or password is incorrect.');
  }
}

export class AccountLocked extends DomainError {
  readonly code = 'account-locked';
  readonly kind = 'throttled';
  override readonly details: { retryAfterSeconds: number };
  constructor(retryAfterSeconds: number) {
    super('Too many failed logins; the account is locked for a while.');
    this.details = { retryAfterSeconds };
  }
}

export class InvalidRefreshToken extends DomainError {
  readonly code = 'invalid-refresh-token';
  readonly kind = 'unauthenticated';
  constructor() {
    super('The refresh token is invalid, expired or already used.');
  }
}

export class SessionEnded extends DomainError {
  readonly code = 'invalid-token';
  readonly kind = 'unauthenticated';
  constructor() {
    super('The access token is invalid, expired, or its session has ended.');
  }
}

export class UserNotFound extends DomainError {
  readonly code = 'user-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No user ${id}.`);
  }
}

export class SelfModificationRefused extends DomainError {
  readonly code = 'self-modification-refused';
  readonly kind = 'forbidden';
  constructor(what: string) {
    super(`An admin cannot ${what} their own account.`);
  }
}

export class WrongCurrentPassword extends DomainError {
  readonly code = 'wrong-current-password';
  readonly kind = 'invalid';
  constructor() {
    super('The current password is incorrect.');
  }
}

/** One answer for a token that is unknown, spent, expired or superseded: which one helps only an attacker. */
export class InvalidAccountToken extends DomainError {
  readonly code = 'invalid-account-token';
  readonly kind = 'invalid';
  constructor() {
    super('The link is invalid, expired, already used or replaced by a newer one.');
  }
}

export class EmailUnchanged extends DomainError {
  readonly code = 'email-unchanged';
  readonly kind = 'invalid';
  constructor() {
    super('This is already the account’s email address.');
  }
}

export class TooManyTokenRequests extends DomainError {
  readonly code = 'too-many-requests';
  readonly kind = 'throttled';
  override readonly details: { retryAfterSeconds: number };
  constructor(retryAfterSeconds: number) {
    super('Too many mails were asked for this account; try again later.');
    this.details = { retryAfterSeconds };
  }
}

export class EmailAlreadyVerified extends DomainError {
  readonly code = 'email-already-verified';
  readonly kind = 'conflict';
  constructor() {
    super('The account’s email address is already verified.');
  }
}
