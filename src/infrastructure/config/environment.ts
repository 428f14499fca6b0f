import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  MinLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { Email } from '../../domain/identity/email';
import { InvalidEmail } from '../../domain/identity/identity.errors';
import { isMailbox } from './mailbox';
import { ed25519KeyPair } from './signing-key';
import { parseTrustedProxies } from './trusted-proxies';
import { isOrigin, isPostgresUrl, isServiceUrl } from './url-shape';

export const DEFAULT_RECONCILE_AFTER_SECONDS = 60;
export const DEFAULT_EVENT_RETENTION_DAYS = 7;

/** A switch: `true` or `false`, nothing else (`1` read as false would turn REQUIRE_VERIFIED_EMAIL off unseen). */
const IsTrueOrFalse = () => IsIn(['true', 'false'], { message: '$property must be true or false' });

// Decimal digits only: Number() also read 0x1069, 1e3 and 1e20 as numbers.
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN);

/** A rule whose test is a function of the value: the message names the setting. */
const Satisfies = (name: string, test: (value: unknown) => boolean, message: string) =>
  ValidateBy({ name, validator: { validate: test, defaultMessage: () => message } });

const isEmailAddress = (value: unknown) => {
  try {
    return typeof value === 'string' && Email.parse(value) !== undefined;
  } catch (error) {
    if (error instanceof InvalidEmail) return false;
    throw error;
  }
};

/** Seconds between attempts, comma-separated: `10,60,300`. */
const RETRY_SCHEDULE = /^[1-9]\d{0,6}(,[1-9]\d{0,6}){0,29}$/;
const retryScheduleMessage = (name: string) =>
  `${name} must be 1 to 30 comma-separated whole numbers of seconds, each from 1 to 9999999 (e.g. 10,60,300)`;

const appUrlShape = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;
/** Production with mail on: links with tokens leave for real inboxes. */
const mailsLinks = (env: Environment) => env.NODE_ENV === 'production' && env.MAIL_DISABLED !== 'true';

/** The environment variables the process reads, with their rules. Names are the variables' own. */
export class Environment {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  @IsOptional()
  @Satisfies('origins', (value) => typeof value === 'string' && value.split(',').every((origin) => isOrigin(origin.trim())), 'CORS_ORIGINS must be comma-separated origins as browsers send them: scheme, host and port, without a path or trailing slash (https://shop.example.com)')
  CORS_ORIGINS?: string;

  @IsOptional()
  @ValidateBy({
    name: 'trustedProxies',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustedProxies(value) !== undefined,
      defaultMessage: () =>
        'TRUST_PROXY must be false or the addresses of the proxies in front of the app (IPs, CIDRs with a prefix of at least 1, loopback, linklocal or uniquelocal, comma-separated); true, or a number of hops, would believe an X-Forwarded-For a client writes itself',
    },
  })
  TRUST_PROXY?: string;

  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code such as USD' })
  STORE_CURRENCY?: string;

  @IsOptional() @Satisfies('postgresUrl', isPostgresUrl, 'DATABASE_URL must be a postgres:// connection string with a host, a port up to 65535 and a database name')
  DATABASE_URL?: string;

  @IsOptional()
  @Satisfies('postgresUrls', (value) => typeof value === 'string' && value.split(',').every(isPostgresUrl), 'DATABASE_REPLICA_URLS must be comma-separated postgres:// connection strings, each with a host and a database name')
  DATABASE_REPLICA_URLS?: string;

  @IsOptional() @Satisfies('redisUrl', (value) => isServiceUrl(value, ['redis', 'rediss']), 'REDIS_URL must be a redis:// or rediss:// URL with a host and a port up to 65535')
  REDIS_URL?: string;

  @IsOptional()
  @Satisfies('natsUrls', (value) => typeof value === 'string' && value.split(',').every((server) => isServiceUrl(server.trim(), ['nats', 'tls'])), 'NATS_URL must be a nats:// or tls:// URL with a host and a port up to 65535 (comma-separate several servers)')
  NATS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'NATS_STREAM must be 1-64 letters, digits, _ or -' })
  NATS_STREAM?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  OUTBOX_RELAY_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  EVENT_RETENTION_DAYS?: number;

  @IsOptional() @Matches(RETRY_SCHEDULE, { message: retryScheduleMessage('EVENT_HANDLER_RETRY_SCHEDULE') })
  @ValidateBy({
    name: 'retriesWithinRetention',
    validator: {
      // An event kept for less time than its retries take (NATS's stream drops it at EVENT_RETENTION_DAYS, the outbox
      // purges it) would be gone before its last attempt: never parked, and no trace of it left.
      validate: (value: unknown, args) => {
        const total = String(value).split(',').map(Number).reduce((sum, delay) => sum + delay, 0);
        const retentionDays = (args?.object as Environment).EVENT_RETENTION_DAYS ?? DEFAULT_EVENT_RETENTION_DAYS;
        return !Number.isFinite(total) || !Number.isFinite(retentionDays) || total < retentionDays * 86_400;
      },
      defaultMessage: () => `EVENT_HANDLER_RETRY_SCHEDULE must take less time in all than EVENT_RETENTION_DAYS keeps an event (${DEFAULT_EVENT_RETENTION_DAYS} days unless set)`,
    },
  })
  EVENT_HANDLER_RETRY_SCHEDULE?: string;

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @IsTrueOrFalse()
  DB_MIGRATE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(300_000)
  SHUTDOWN_DRAIN_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_MAX?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(300_000)
  DB_CONNECT_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS?: number;

  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (and is required in production)' })
  JWT_SECRET?: string;

  @IsOptional() @IsIn(['HS256', 'EdDSA'], { message: 'JWT_ALGORITHM must be HS256 or EdDSA' })
  JWT_ALGORITHM?: 'HS256' | 'EdDSA';

  // A key given with HS256 would sign nothing: refused, not ignored, so nobody believes tokens are EdDSA's.
  @ValidateIf((env: Environment) => (env.JWT_ALGORITHM === 'EdDSA' && env.NODE_ENV === 'production') || env.JWT_PRIVATE_KEY !== undefined)
  @ValidateBy({
    name: 'ed25519PrivateKey',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        typeof value === 'string' && (object as Environment).JWT_ALGORITHM === 'EdDSA' && ed25519KeyPair(value) !== undefined,
      defaultMessage: () =>
        'JWT_PRIVATE_KEY must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519), given with JWT_ALGORITHM=EdDSA (and is required with it in production)',
    },
  })
  JWT_PRIVATE_KEY?: string;

  @IsOptional() @IsString()
  JWT_ISSUER?: string;

  @IsOptional() @IsString()
  JWT_AUDIENCE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(30) @Max(86_400)
  JWT_ACCESS_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(365 * 24 * 3600)
  JWT_REFRESH_TTL_SECONDS?: number;

  @IsOptional() @Satisfies('emailAddress', isEmailAddress, 'ADMIN_EMAIL must be an email address')
  ADMIN_EMAIL?: string;

  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined)
  @IsString() @MinLength(12, { message: 'ADMIN_PASSWORD must be set with ADMIN_EMAIL and be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000_000)
  AUTH_THROTTLE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64)
  PASSWORD_HASH_CONCURRENCY?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(120_000)
  PASSWORD_HASH_MAX_WAIT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  AUTH_THROTTLE_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(24 * 3600)
  PASSWORD_RESET_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(30 * 24 * 3600)
  EMAIL_VERIFICATION_TTL_SECONDS?: number;

  @IsOptional() @IsTrueOrFalse()
  REQUIRE_VERIFIED_EMAIL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000_000)
  API_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(30 * 24 * 3600)
  ORDER_PAYMENT_TIMEOUT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  MAX_OPEN_ORDERS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  ORDER_EXPIRY_SWEEP_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  PAYMENT_GATEWAY_LATENCY_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  PAYMENT_RECONCILE_AFTER_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @ValidateBy({
    name: 'beforeReconciliation',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        typeof value === 'number' && value * 2 <= ((object as Environment).PAYMENT_RECONCILE_AFTER_SECONDS ?? DEFAULT_RECONCILE_AFTER_SECONDS) * 1000,
      defaultMessage: () =>
        'PAYMENT_GATEWAY_TIMEOUT_MS must be at most half of PAYMENT_RECONCILE_AFTER_SECONDS: reconciliation must not settle a transaction whose request still waits for the processor (the other half covers the commit before the call and clocks that differ between instances)',
    },
  })
  PAYMENT_GATEWAY_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  PAYMENT_RECONCILE_SWEEP_SECONDS?: number;

  @IsOptional()
  @IsTrueOrFalse()
  @ValidateBy({
    name: 'noDemoDataInProduction',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) => !(value === 'true' && (object as Environment).NODE_ENV === 'production'),
      defaultMessage: () => 'SEED_DEMO_DATA=true is refused in production: its demo accounts have published passwords',
    },
  })
  SEED_DEMO_DATA?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(36_600)
  REPORT_MAX_DAYS?: number;

  // Production sends real mail or says it will not: a shop that silently never mails its receipts is worse.
  @ValidateIf((env: Environment) => env.SMTP_URL !== undefined || (env.NODE_ENV === 'production' && env.MAIL_DISABLED !== 'true'))
  @Satisfies('smtpUrl', (value) => isServiceUrl(value, ['smtp', 'smtps']), 'SMTP_URL must be an smtp:// or smtps:// URL with a host and a port up to 65535 (and is required in production unless MAIL_DISABLED=true)')
  SMTP_URL?: string;

  @IsOptional() @IsString() @MaxLength(320) @Satisfies('mailbox', isMailbox, 'MAIL_FROM must be one address, or a name and an address as Shop <no-reply@shop.example>')
  MAIL_FROM?: string;

  @IsOptional() @IsTrueOrFalse()
  MAIL_DISABLED?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  MAIL_DELIVERY_INTERVAL_MS?: number;

  // Mailed links carry tokens: in production, with mail on, they must point at a real https address (not the
  // development default), and a query or fragment would break the `?token=` appended to the path.
  @ValidateIf((env: Environment) => env.PUBLIC_APP_URL !== undefined || mailsLinks(env))
  @ValidateBy({
    name: 'publicAppUrl',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        typeof value === 'string' && appUrlShape.test(value) && isServiceUrl(value, ['http', 'https']) && (!mailsLinks(object as Environment) || value.startsWith('https://')),
      defaultMessage: () =>
        'PUBLIC_APP_URL must be an http:// or https:// URL without a query or fragment; in production it is required, and https, unless MAIL_DISABLED=true',
    },
  })
  PUBLIC_APP_URL?: string;

  // Signing secrets are stored encrypted with this key: a key made up per process would leave every secret
  // unreadable after a restart, so production must set one.
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.WEBHOOK_SECRET_KEY !== undefined)
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'WEBHOOK_SECRET_KEY must be 32 random bytes in base64, e.g. from `openssl rand -base64 32` (and is required in production)',
  })
  WEBHOOK_SECRET_KEY?: string;

  @IsOptional() @IsTrueOrFalse()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: string;

  @IsOptional() @IsTrueOrFalse()
  WEBHOOK_ALLOW_HTTP?: string;

  @IsOptional() @Matches(RETRY_SCHEDULE, { message: retryScheduleMessage('WEBHOOK_RETRY_SCHEDULE') })
  WEBHOOK_RETRY_SCHEDULE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  WEBHOOK_DELIVERY_INTERVAL_MS?: number;
}
