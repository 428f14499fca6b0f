import { type DynamicModule, Global, Module } from '@nestjs/common';
import { StoreCurrency } from '../../application/shared/store-currency';
import { AppConfig } from './app-config';

/** Makes the one validated configuration injectable everywhere as `AppConfig`, and the store currency as a port. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: StoreCurrency, useValue: { code: config.storeCurrency } },
      ],
      exports: [AppConfig, StoreCurrency],
    };
  }
}
