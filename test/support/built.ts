/**
 * The application as `nest build` made it. HTTP tests exercise the production artifact (with the Swagger
 * plugin's metadata and Nest's decorator metadata), typed from the sources.
 */
import { resolve } from 'node:path';
import type * as AppModuleFile from '../../src/app.module';
import type * as ClockFile from '../../src/application/shared/clock';
import type * as CreateAppFile from '../../src/create-app';
import type * as ConfigFile from '../../src/infrastructure/config/load-config';
import type * as AdapterFile from '../../src/infrastructure/http/fastify-adapter';
import type * as OptionsFile from '../../src/infrastructure/persistence/mikro-orm-options';

const load = <T>(path: string): T => require(resolve(__dirname, '../../dist', path)) as T;

export const { createApp, prepareApp } = load<typeof CreateAppFile>('create-app');
export const { AppModule } = load<typeof AppModuleFile>('app.module');
export const { loadConfig } = load<typeof ConfigFile>('infrastructure/config/load-config');
export const { createFastifyAdapter } = load<typeof AdapterFile>('infrastructure/http/fastify-adapter');
export const { mikroOrmOptions } = load<typeof OptionsFile>('infrastructure/persistence/mikro-orm-options');
export const { Clock } = load<typeof ClockFile>('application/shared/clock');

/** Loads any other compiled module, e.g. a use case to call from a test. */
export const loadBuilt = load;
