import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { AccountTokenPolicy } from './account-token-policy';
import { AccountTokenRepository } from './account-token.repository';

/** Forgets tokens that can no longer be used once the retention has passed: they name an address, and prove nothing more. */
@Injectable()
export class PurgeFinishedAccountTokens {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly policy: AccountTokenPolicy,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    return this.tokens.purgeFinished(new Date(this.clock.now().getTime() - this.policy.finishedRetentionDays * 24 * 3600 * 1000));
  }
}
