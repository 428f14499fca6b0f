import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BootstrapAdmin } from '../../application/identity/bootstrap-admin';
import { WeakPassword } from '../../domain/identity/identity.errors';
import { AppConfig } from '../../infrastructure/config/app-config';
import { SettingRefused } from '../../infrastructure/config/setting-refused';

/** At start-up, creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if that account does not exist. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly bootstrapAdmin: BootstrapAdmin,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) return;
    const outcome = await RequestContext.create(this.orm.em, () =>
      this.bootstrapAdmin.execute({ email: adminEmail, password: adminPassword }).catch((error: unknown) => {
        // The password policy (length, the common-password list) is the domain's, met only here: name the setting.
        if (error instanceof WeakPassword) throw new SettingRefused(`ADMIN_PASSWORD: ${error.message}`);
        throw error;
      }),
    );
    if (outcome === 'created') this.logger.log(`Created the first admin ${adminEmail}`);
  }
}
