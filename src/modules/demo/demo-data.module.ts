import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { IdentityModule } from '../identity/identity.module';
import { DemoDataSeeder } from './demo-data.seeder';

/** Development convenience: demo accounts and products. Composes identity and catalogue through their use cases. */
@Module({ imports: [IdentityModule, CatalogueModule], providers: [DemoDataSeeder] })
export class DemoDataModule {}
