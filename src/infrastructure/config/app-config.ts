import type { SigningKeyPair } from './signing-key';
import type { TrustedProxies } from './trusted-proxies';

/**
 * The validated, typed configuration of one process, built once at start-up by `loadConfig`.
 * An abstract class rather than an interface so that it is its own DI token.
 */
export abstract class AppConfig {
  declare readonly nodeEnv: 'development' | 'production' | 'test';
  declare readonly host: string;
  declare readonly port: number;
  declare readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  declare readonly corsOrigins: readonly string[];
  /** Who may set X-Forwarded-For, the client address of rate limits and logs (TRUST_PROXY). */
  declare readonly trustProxy: TrustedProxies;
  /** How long a client may take to send a whole request, headers and body (HTTP_REQUEST_TIMEOUT_MS): then 408. */
  declare readonly requestTimeoutMs: number;
  /** How long, after SIGTERM, readiness fails while the server still serves, before it closes (SHUTDOWN_DRAIN_MS). */
  declare readonly shutdownDrainMs: number;
  declare readonly storeCurrency: string;
  declare readonly database: DatabaseConfig;
  declare readonly jwt: JwtConfig;
  declare readonly auth: AuthConfig;
  declare readonly ordering: OrderingConfig;
  declare readonly payments: PaymentsConfig;
  declare readonly rateLimits: RateLimitsConfig;
  declare readonly events: EventsConfig;
  declare readonly mail: MailConfig;
  declare readonly webhooks: WebhooksConfig;
  /** Demo accounts and products on an empty database (development on the embedded database by default). */
  declare readonly seedDemoData: boolean;
  /** The longest range, in days, a report may cover. */
  declare readonly reportMaxDays: number;
}

export interface DatabaseConfig {
  /** PostgreSQL connection string; absent means the embedded PGlite database in `dataDir`. */
  readonly url?: string;
  /** Read replicas of `url`, for list and report queries; empty means every query goes to `url`. */
  readonly replicaUrls: readonly string[];
  readonly dataDir: string;
  readonly migrate: boolean;
  readonly poolMax: number;
  /** How long a request may wait for a connection before it is answered 503. */
  readonly connectTimeoutMs: number;
  /** Bounds every statement; 0, none, only for the migrations' and the volume seed's own connections (DB_STATEMENT_TIMEOUT_MS is at least 100). */
  readonly statementTimeoutMs: number;
}

export interface JwtConfig {
  /** How access tokens are signed, the one algorithm they are verified with (JWT_ALGORITHM). */
  readonly algorithm: 'HS256' | 'EdDSA';
  /** HS256's key; with either algorithm, what the key of mailed account tokens is derived from. */
  readonly secret: string;
  readonly secretGenerated: boolean;
  /** EdDSA's keys (JWT_PRIVATE_KEY); undefined with HS256. */
  readonly keyPair?: SigningKeyPair;
  readonly keyPairGenerated: boolean;
  readonly issuer: string;
  readonly audience: string;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

export interface AuthConfig {
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly throttleLimit: number;
  readonly throttleTtlSeconds: number;
  /** Every API route, per client IP: a ceiling against floods, far above what a busy office sends. */
  readonly apiRateLimit: number;
  /** argon2id runs at once, at most; the rest wait, so logins never take every core from the event loop. */
  readonly passwordHashConcurrency: number;
  /** How long a password check waits for its turn at most; then 503. */
  readonly passwordHashMaxWaitMs: number;
  /** How long a mailed password-reset link works. */
  readonly passwordResetTtlSeconds: number;
  /** How long a mailed link that proves an address (a new account's, or the one it moves to) works. */
  readonly emailVerificationTtlSeconds: number;
  /** Customers may order only once their address is proven. */
  readonly requireVerifiedEmail: boolean;
}

/**
 * Where throttling counters live: in Redis when `REDIS_URL` is set, in PostgreSQL otherwise, so that every
 * instance counts the same hits; in memory only on the embedded database, which one process owns anyway.
 */
export interface RateLimitsConfig {
  readonly store: 'redis' | 'postgres' | 'memory';
  readonly redisUrl?: string;
}

/** The outbox relay: to NATS JetStream when `NATS_URL` is set, to the in-process dispatcher otherwise. */
export interface EventsConfig {
  readonly natsUrl?: string;
  readonly natsStream: string;
  readonly relayIntervalMs: number;
  /** How long published events stay in the outbox table and the stream, for replays and audits. */
  readonly retentionDays: number;
  /** Seconds between a consumer's attempts at an event it failed on; after the last, the event is parked for it. */
  readonly handlerRetryDelaysSeconds: readonly number[];
}

export interface OrderingConfig {
  readonly paymentTimeoutSeconds: number;
  readonly maxOpenOrders: number;
  readonly expirySweepSeconds: number;
}

export interface PaymentsConfig {
  /** Simulated processor latency, to exercise timeouts and retries. */
  readonly gatewayLatencyMs: number;
  /** The longest a request waits for the processor's answer; shorter than `reconcileAfterSeconds`. */
  readonly gatewayTimeoutMs: number;
  /** A transaction pending longer than this is settled by reconciliation through the gateway. */
  readonly reconcileAfterSeconds: number;
  readonly reconcileSweepSeconds: number;
}

/**
 * How mail leaves: through SMTP, to the log (development without SMTP_URL; never chosen in production), or not at
 * all (MAIL_DISABLED=true).
 */
export interface MailConfig {
  readonly transport: 'smtp' | 'log' | 'disabled';
  readonly smtpUrl?: string;
  /** The From header of every mail. */
  readonly from: string;
  /** How often each instance looks for mails due to be sent. */
  readonly deliveryIntervalMs: number;
  /** The frontend's base URL, without a trailing slash: links in mails point there. */
  readonly publicAppUrl: string;
}

/** Webhooks to integrators: how their signing secrets are kept, where they may point, how they are retried. */
export interface WebhooksConfig {
  /** The AES-256-GCM key (32 bytes) the signing secrets are encrypted with at rest. */
  readonly secretKey: Buffer;
  /** True when no WEBHOOK_SECRET_KEY was set (development): secrets stored now cannot be read after a restart. */
  readonly secretKeyGenerated: boolean;
  /** Endpoints may point at loopback, private and link-local addresses (development and tests only). */
  readonly allowPrivateNetworks: boolean;
  /** Plain http URLs may be registered: the default outside production. */
  readonly allowHttp: boolean;
  /** Seconds to wait after each failed attempt; the delivery is given up after the last. */
  readonly retryDelaysSeconds: readonly number[];
  /** How long one attempt may take, connection and answer included. */
  readonly timeoutMs: number;
  /** How often each instance looks for deliveries due. */
  readonly deliveryIntervalMs: number;
}
