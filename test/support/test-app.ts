import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { AppModule, createFastifyAdapter, loadConfig, nestTesting, prepareApp } from './built';
import { HttpClient } from './http-client';
import { ADMIN } from './journeys';
import { OpenApiContract } from './openapi-contract';
import { createTestDatabase, type TestDatabase } from './test-database';
import { ThrowawayPostgres } from './throwaway-postgres';

export interface TestAppOptions {
  /** Extra environment, e.g. a short ORDER_PAYMENT_TIMEOUT. */
  env?: Record<string, string>;
  /** Replace providers, e.g. the Clock port. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** A database the test owns (e.g. a throwaway cluster), migrated at start instead of copied from the template. */
  database?: TestDatabase;
}

export interface TestApp {
  app: NestFastifyApplication;
  http: HttpClient;
  database: TestDatabase;
  /** Every JSON log line the app wrote. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The real application on a fresh, migrated database of its own, with every response checked against its OpenAPI document. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'test-secret-that-is-long-enough-to-sign-tokens',
    SEED_DEMO_DATA: 'false',
    DB_MIGRATE: options.database ? 'true' : 'false', // a template copy is already migrated by the real migrations
    AUTH_THROTTLE_LIMIT: '100000',
    API_RATE_LIMIT: '100000000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });

  const { Test } = await nestTesting();
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, { pglite: database.pglite, logStream })] });
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config.trustProxy, config.requestTimeoutMs), { bodyParser: false, bufferLogs: true });
  await prepareApp(app, config);
  await app.getHttpAdapter().getInstance().ready();

  const document = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
  const http = new HttpClient(app, new OpenApiContract(JSON.parse(document.body)));
  return {
    app,
    http,
    database,
    logs,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The app on a PostgreSQL cluster of its own, for tests that stop, start or inspect the server (migrated at start).
 * `close` closes the app, then destroys the cluster. Connections may take up to 10 s unless `env` says otherwise:
 * a cluster just started, on a host busy with a build, once took longer than the default 2 s to answer the app's
 * first connection, and the test failed at start-up.
 */
export async function startTestAppOnOwnPostgres(env: Record<string, string>): Promise<TestApp & { postgres: ThrowawayPostgres }> {
  const postgres = await ThrowawayPostgres.create();
  const t = await startTestApp({ database: { kind: 'postgresql', url: postgres.url, drop: () => postgres.destroy() }, env: { DB_CONNECT_TIMEOUT_MS: '10000', ...env } });
  return { ...t, postgres };
}
