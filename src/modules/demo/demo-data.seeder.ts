import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CreateProduct } from '../../application/catalogue/create-product';
import { ListProducts } from '../../application/catalogue/list-products';
import { BootstrapAdmin } from '../../application/identity/bootstrap-admin';
import { RegisterUser } from '../../application/identity/register-user';
import { UnitOfWork } from '../../application/shared/unit-of-work';
import { EmailAlreadyRegistered } from '../../domain/identity/identity.errors';
import { AppConfig } from '../../infrastructure/config/app-config';
import { DEMO_ADMIN, DEMO_CUSTOMER, DEMO_PRODUCTS } from './demo-catalogue';

/**
 * Fills an empty database with a demo admin, a demo customer and a catalogue, through the same use cases as
 * the API, so `npm start` is immediately explorable. Never runs on a database that has products on sale, nor on one
 * it filled before (its demo customer is there): whoever archived every demo product meant it. All of it is one
 * transaction: a first run that fails half-way leaves nothing behind, not a demo customer that would make the
 * next start take the database for filled.
 */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly bootstrapAdmin: BootstrapAdmin,
    private readonly registerUser: RegisterUser,
    private readonly listProducts: ListProducts,
    private readonly createProduct: CreateProduct,
    private readonly uow: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    await RequestContext.create(this.orm.em, async () => {
      if ((await this.listProducts.execute({ limit: 1 })).items.length > 0) return;
      await this.uow.run(async () => {
        try {
          await this.registerUser.execute(DEMO_CUSTOMER);
        } catch (error) {
          if (error instanceof EmailAlreadyRegistered) return;
          throw error;
        }
        const admin = this.config.auth.adminEmail ? null : DEMO_ADMIN;
        if (admin) await this.bootstrapAdmin.execute(admin);
        for (const product of DEMO_PRODUCTS) {
          await this.createProduct.execute({ ...product, price: { amount: product.price, currency: this.config.storeCurrency } });
        }
        const accounts = [admin && `admin ${admin.email} / ${admin.password}`, `customer ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`];
        this.logger.log(`Demo data created: ${DEMO_PRODUCTS.length} products; log in as ${accounts.filter(Boolean).join(' or ')}`);
      });
    });
  }
}
