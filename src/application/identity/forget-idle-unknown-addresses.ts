import { Injectable } from '@nestjs/common';
import { FAILURE_STREAK_LAPSE_SECONDS } from '../../domain/identity/login-failures';
import { Clock } from '../shared/clock';
import { AccountTokenPolicy } from './account-token-policy';
import { UnknownAddressLogins } from './unknown-address-logins';

/**
 * Forgets the login failures of unknown addresses not tried for the retention, and never sooner than their streak
 * lapses: anyone can type an address, and what is kept of one must not be what tells it from an account.
 */
@Injectable()
export class ForgetIdleUnknownAddresses {
  constructor(
    private readonly addresses: UnknownAddressLogins,
    private readonly policy: AccountTokenPolicy,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    const idleSeconds = Math.max(this.policy.finishedRetentionDays * 24 * 3600, FAILURE_STREAK_LAPSE_SECONDS);
    return this.addresses.forgetIdle(new Date(this.clock.now().getTime() - idleSeconds * 1000));
  }
}
