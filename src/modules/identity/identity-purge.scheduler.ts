import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ForgetIdleUnknownAddresses } from '../../application/identity/forget-idle-unknown-addresses';
import { PurgeFinishedAccountTokens } from '../../application/identity/purge-finished-account-tokens';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/**
 * Forgets, after EVENT_RETENTION_DAYS, finished account tokens and the login failures of unknown addresses no one
 * tried since; every ten minutes on every instance.
 */
@Injectable()
export class IdentityPurgeScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly tokens: PeriodicJob;
  readonly unknownAddresses: PeriodicJob;

  constructor(orm: MikroORM, purgeTokens: PurgeFinishedAccountTokens, forgetUnknownAddresses: ForgetIdleUnknownAddresses) {
    this.tokens = new PeriodicJob('AccountTokenPurge', orm, () => purgeTokens.execute(), (n) => `Forgot ${n} finished account token(s)`);
    this.unknownAddresses = new PeriodicJob('UnknownAddressPurge', orm, () => forgetUnknownAddresses.execute(), (n) => `Forgot the failed logins of ${n} unknown address(es)`);
  }

  onApplicationBootstrap(): void {
    this.tokens.start(600);
    this.unknownAddresses.start(600);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.tokens.stop(), this.unknownAddresses.stop()]);
  }
}
