import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PurgeFinishedAccountTokens } from '../../application/identity/purge-finished-account-tokens';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/** Forgets finished account tokens after EVENT_RETENTION_DAYS, every ten minutes on every instance. */
@Injectable()
export class AccountTokenPurgeScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(orm: MikroORM, purge: PurgeFinishedAccountTokens) {
    this.job = new PeriodicJob('AccountTokenPurge', orm, () => purge.execute(), (n) => `Forgot ${n} finished account token(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(600);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
