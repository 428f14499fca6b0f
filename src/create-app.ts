import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { type AppHooks, AppModule } from './app.module';
import type { AppConfig } from './infrastructure/config/app-config';
import { serveAsyncApi } from './infrastructure/http/asyncapi';
import { configureHttp } from './infrastructure/http/configure-http';
import { createFastifyAdapter } from './infrastructure/http/fastify-adapter';
import { serveOpenApi } from './infrastructure/http/openapi';
import { assertMigrated, migrate } from './infrastructure/persistence/migrate';
import { assertStoreCurrency } from './infrastructure/persistence/store-currency-check';

/** Builds the whole application, ready to listen: the same path for `npm start`, tests, scripts and benchmarks. */
export async function createApp(
  config: AppConfig,
  hooks: AppHooks = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, hooks), createFastifyAdapter(config.trustProxy, config.requestTimeoutMs), {
    bufferLogs: true,
    // A module that cannot be built (NATS unreachable, the embedded database in use) rejects here, and serve()
    // says so in one line; by default Nest printed its own trace in colour, whatever NODE_ENV, and exited.
    abortOnError: false,
    autoFlushLogs: false,
    bodyParser: false, // Fastify's own JSON parser; no form bodies
  });
  return prepareApp(app, config);
}

/** Configures an application whose module graph is already built (tests may have overridden providers). */
export async function prepareApp(app: NestFastifyApplication, config: AppConfig): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  // What the modules said while they were built, and from here on each line as it is said: a start waiting for
  // another instance's migrations was otherwise silent until it listened.
  app.flushLogs();
  await configureHttp(app, config);
  if (config.database.migrate) {
    await migrate(app.get(MikroORM), config.database);
  } else {
    await assertMigrated(app.get(MikroORM));
  }
  await assertStoreCurrency(app.get(MikroORM), config.storeCurrency);
  serveOpenApi(app);
  serveAsyncApi(app);
  await app.init();
  return app;
}
