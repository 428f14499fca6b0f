import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_RETRY_DELAYS_SECONDS } from '../../domain/webhooks/webhook-delivery';
import type { AppConfig } from './app-config';
import { DEFAULT_EVENT_RETENTION_DAYS, DEFAULT_RECONCILE_AFTER_SECONDS, Environment } from './environment';
import { ed25519KeyPair, generatedEd25519KeyPair } from './signing-key';
import { parseTrustedProxies } from './trusted-proxies';

/** A configuration that cannot run: the message names every offending setting. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const unset = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** EdDSA's key pair from JWT_PRIVATE_KEY (validated above), or one made for this process in development. */
function eddsaKeys(env: Environment): Pick<AppConfig['jwt'], 'keyPair' | 'keyPairGenerated'> {
  if (env.JWT_ALGORITHM !== 'EdDSA') return { keyPair: undefined, keyPairGenerated: false };
  return env.JWT_PRIVATE_KEY === undefined
    ? { keyPair: generatedEd25519KeyPair(), keyPairGenerated: true }
    : { keyPair: ed25519KeyPair(env.JWT_PRIVATE_KEY), keyPairGenerated: false };
}

function paymentsConfig(env: Environment): AppConfig['payments'] {
  const reconcileAfterSeconds = env.PAYMENT_RECONCILE_AFTER_SECONDS ?? DEFAULT_RECONCILE_AFTER_SECONDS;
  return {
    gatewayLatencyMs: env.PAYMENT_GATEWAY_LATENCY_MS ?? 0,
    // Half the grace by default, 20 s at most: validation refuses more than half.
    gatewayTimeoutMs: env.PAYMENT_GATEWAY_TIMEOUT_MS ?? Math.min(20_000, (reconcileAfterSeconds * 1000) / 2),
    reconcileAfterSeconds,
    reconcileSweepSeconds: env.PAYMENT_RECONCILE_SWEEP_SECONDS ?? 30,
  };
}

/** Reads, validates and types the configuration. Throws ConfigError naming each bad setting. */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const present = Object.fromEntries(
    Object.entries(source)
      .map(([name, value]) => [name, unset(value)])
      .filter(([, value]) => value !== undefined),
  );
  const env = plainToInstance(Environment, present);
  const failures = validateSync(env, { forbidUnknownValues: false });
  if (failures.length > 0) {
    throw new ConfigError(
      failures.map((f) => `${f.property}: ${Object.values(f.constraints ?? {}).join('; ') || 'invalid'}`),
    );
  }

  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    nodeEnv,
    host: env.HOST ?? '0.0.0.0',
    port: env.PORT ?? 3000,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: parseTrustedProxies(env.TRUST_PROXY) ?? false, // validated above
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS ?? 30_000,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS ?? 0,
    storeCurrency: env.STORE_CURRENCY ?? 'USD',
    database: {
      url: env.DATABASE_URL,
      replicaUrls: env.DATABASE_REPLICA_URLS?.split(',') ?? [],
      dataDir: env.DATA_DIR ?? '.data/pglite',
      migrate: (env.DB_MIGRATE ?? 'true') === 'true',
      poolMax: env.DB_POOL_MAX ?? 10,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS ?? 2_000,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS ?? 15_000,
    },
    jwt: {
      algorithm: env.JWT_ALGORITHM ?? 'HS256',
      // Development only: a random per-process secret, so no guessable default ever signs a token.
      secret: env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      secretGenerated: env.JWT_SECRET === undefined,
      ...eddsaKeys(env),
      issuer: env.JWT_ISSUER ?? 'commerce-backend',
      audience: env.JWT_AUDIENCE ?? 'commerce-backend-api',
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS ?? 900,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS ?? 30 * 24 * 3600,
    },
    auth: {
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      throttleLimit: env.AUTH_THROTTLE_LIMIT ?? 100,
      throttleTtlSeconds: env.AUTH_THROTTLE_TTL_SECONDS ?? 60,
      apiRateLimit: env.API_RATE_LIMIT ?? 6000,
      passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism() - 1),
      passwordHashMaxWaitMs: env.PASSWORD_HASH_MAX_WAIT_MS ?? 30_000,
      passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS ?? 30 * 60,
      emailVerificationTtlSeconds: env.EMAIL_VERIFICATION_TTL_SECONDS ?? 24 * 3600,
      requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL === 'true',
    },
    rateLimits: {
      store: env.REDIS_URL ? 'redis' : env.DATABASE_URL ? 'postgres' : 'memory',
      redisUrl: env.REDIS_URL,
    },
    events: {
      natsUrl: env.NATS_URL,
      natsStream: env.NATS_STREAM ?? 'commerce',
      relayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS ?? 200,
      retentionDays: env.EVENT_RETENTION_DAYS ?? DEFAULT_EVENT_RETENTION_DAYS,
      handlerRetryDelaysSeconds: env.EVENT_HANDLER_RETRY_SCHEDULE?.split(',').map(Number) ?? [1, 2, 5, 10, 30],
    },
    ordering: {
      paymentTimeoutSeconds: env.ORDER_PAYMENT_TIMEOUT ?? 30 * 60,
      maxOpenOrders: env.MAX_OPEN_ORDERS ?? 20,
      expirySweepSeconds: env.ORDER_EXPIRY_SWEEP_SECONDS ?? 30,
    },
    seedDemoData: env.SEED_DEMO_DATA === undefined ? nodeEnv === 'development' && !env.DATABASE_URL : env.SEED_DEMO_DATA === 'true',
    reportMaxDays: env.REPORT_MAX_DAYS ?? 731,
    payments: paymentsConfig(env),
    mail: {
      // Validation already refused production without SMTP_URL unless mail is disabled: the log is for development.
      transport: env.MAIL_DISABLED === 'true' ? 'disabled' : env.SMTP_URL ? 'smtp' : 'log',
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? 'Commerce Backend <no-reply@localhost>',
      deliveryIntervalMs: env.MAIL_DELIVERY_INTERVAL_MS ?? 1000,
      publicAppUrl: (env.PUBLIC_APP_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    },
    webhooks: {
      // Development only (validation refused production without it): a random per-process key, said at start-up.
      secretKey: Buffer.from(env.WEBHOOK_SECRET_KEY ?? randomBytes(32).toString('base64'), 'base64'),
      secretKeyGenerated: env.WEBHOOK_SECRET_KEY === undefined,
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
      allowHttp: env.WEBHOOK_ALLOW_HTTP === undefined ? nodeEnv !== 'production' : env.WEBHOOK_ALLOW_HTTP === 'true',
      retryDelaysSeconds: env.WEBHOOK_RETRY_SCHEDULE?.split(',').map(Number) ?? DEFAULT_RETRY_DELAYS_SECONDS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 10_000,
      deliveryIntervalMs: env.WEBHOOK_DELIVERY_INTERVAL_MS ?? 1000,
    },
  };
}
