import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from 'nestjs-pino';
import { createApp } from './create-app';
import { ConfigError, loadConfig } from './infrastructure/config/load-config';
import { Draining } from './infrastructure/http/draining';
import { listenFailure } from './infrastructure/http/listen-failure';
import { SettingRefused } from './infrastructure/config/setting-refused';

/** Starts the server from the environment (dist/main.js calls it): a bad setting or a failed start exits with 1. */
export function serve(): void {
  start().catch((error: unknown) => {
    console.error('Start-up failed:', error instanceof Error ? error.message : error);
    // What no setting explains is a fault to find: where it was thrown, and its cause.
    if (error instanceof Error && !(error instanceof SettingRefused)) console.error(error);
    process.exit(1);
  });
}

/** Where a browser on this machine reaches the server: an address bound on every interface is reached as localhost. */
function urlOf({ address, port, family }: AddressInfo): string {
  const host = address === '0.0.0.0' || address === '::' ? 'localhost' : family === 'IPv6' ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

async function start(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const logger = app.get(Logger);
  // Drain (readiness fails, replies close their connections), for SHUTDOWN_DRAIN_MS still taking new connections
  // (a load balancer that polls readiness sends some until it has seen it fail), and while background jobs finish
  // what they do; then stop accepting connections, let requests in flight finish, close the pool; then exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down gracefully`);
      app.get(Draining).begin();
      sleep(config.shutdownDrainMs)
        .then(() => app.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'Shutdown failed');
            process.exit(1);
          },
        );
    });
  }
  if (config.jwt.secretGenerated) {
    logger.warn('JWT_SECRET is not set: a random secret was generated; tokens will not survive a restart.');
  }
  if (config.jwt.keyPairGenerated) {
    logger.warn('JWT_PRIVATE_KEY is not set: an Ed25519 key pair was generated; tokens will not survive a restart.');
  }
  if (config.nodeEnv === 'production' && !config.database.url) {
    // Not refused: one machine serving from a volume is a documented way to run it (docker/Dockerfile). Said, since a
    // forgotten DATABASE_URL looks the same.
    logger.warn(
      `DATABASE_URL is not set: serving the embedded database in ${config.database.dataDir} (PGlite, fsync off, one process). ` +
        'Production data belongs on PostgreSQL.',
    );
  }
  if (config.webhooks.secretKeyGenerated) {
    logger.warn('WEBHOOK_SECRET_KEY is not set: a random key was generated; webhook signing secrets stored now cannot be read after a restart.');
  }
  await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
    const said = listenFailure(error, config.host, config.port);
    throw said ? new SettingRefused(said) : error;
  });
  const where = urlOf(app.getHttpServer().address() as AddressInfo);
  const database = config.database.url ? 'PostgreSQL' : `the embedded database in ${config.database.dataDir}`;
  logger.log(`Commerce Backend is serving ${where}/api/v1 on ${database}. Swagger UI: ${where}/docs`);
}
