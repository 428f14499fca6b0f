import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { AccountTokenPolicy } from './account-token-policy';
import { UnknownAddressLogins } from './unknown-address-logins';

/** Forgets the login failures of unknown addresses not tried for the retention (unless locked): anyone can type one. */
@Injectable()
export class ForgetIdleUnknownAddresses {
  constructor(
    private readonly addresses: UnknownAddressLogins,
    private readonly policy: AccountTokenPolicy,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    return this.addresses.forgetIdle(new Date(this.clock.now().getTime() - this.policy.finishedRetentionDays * 24 * 3600 * 1000));
  }
}
