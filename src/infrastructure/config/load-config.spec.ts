import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './load-config';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

const WEBHOOK_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('has working defaults for development on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      storeCurrency: 'USD',
      seedDemoData: true,
      database: { url: undefined, dataDir: '.data/pglite', migrate: true },
      ordering: { paymentTimeoutSeconds: 1800, maxOpenOrders: 20 },
      auth: { throttleLimit: 100, throttleTtlSeconds: 60 },
    });
  });

  it('trusts X-Forwarded-For from nobody by default or from listed proxies, never from anyone nor from a number of hops', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', 'loopback']);
    for (const refused of ['true', '1', '2', '10.0.0.0/33', '10.0.0/8', 'proxy.internal', '::1/129', '1.2.3.4/8/8', '0.0.0.0/0', '::/0']) {
      expect(problemsOf({ TRUST_PROXY: refused })).toEqual([expect.stringContaining('TRUST_PROXY')]);
    }
  });

  it('waits for the payment processor less long than reconciliation waits for a pending transaction', () => {
    expect(loadConfig({}).payments).toMatchObject({ gatewayTimeoutMs: 20_000, reconcileAfterSeconds: 60 });
    expect(loadConfig({ PAYMENT_RECONCILE_AFTER_SECONDS: '10' }).payments.gatewayTimeoutMs).toBe(5_000);
    expect(loadConfig({ PAYMENT_GATEWAY_TIMEOUT_MS: '5000', PAYMENT_RECONCILE_AFTER_SECONDS: '10' }).payments.gatewayTimeoutMs).toBe(5_000);
    expect(problemsOf({ PAYMENT_GATEWAY_TIMEOUT_MS: '5001', PAYMENT_RECONCILE_AFTER_SECONDS: '10' })).toEqual([expect.stringContaining('PAYMENT_GATEWAY_TIMEOUT_MS')]);
    expect(problemsOf({ PAYMENT_GATEWAY_TIMEOUT_MS: '59999' })).toEqual([expect.stringContaining('PAYMENT_GATEWAY_TIMEOUT_MS')]);
  });

  it('takes a switch as true or false only: 1 read as false turned REQUIRE_VERIFIED_EMAIL off unseen', () => {
    expect(loadConfig({ REQUIRE_VERIFIED_EMAIL: 'true' }).auth.requireVerifiedEmail).toBe(true);
    for (const name of ['REQUIRE_VERIFIED_EMAIL', 'DB_MIGRATE', 'SEED_DEMO_DATA', 'MAIL_DISABLED', 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'WEBHOOK_ALLOW_HTTP']) {
      expect(problemsOf({ [name]: '1' })).toEqual([`${name}: ${name} must be true or false`]);
    }
  });

  it('refuses durations past what timers and PostgreSQL take, naming the setting', () => {
    for (const [name, value] of [
      ['ORDER_EXPIRY_SWEEP_SECONDS', '3000000'],
      ['PAYMENT_RECONCILE_SWEEP_SECONDS', '3000000'],
      ['DB_STATEMENT_TIMEOUT_MS', '3000000000'],
      ['HTTP_REQUEST_TIMEOUT_MS', '3000000000'],
      ['SHUTDOWN_DRAIN_MS', '3000000000'],
      ['DB_CONNECT_TIMEOUT_MS', '3000000000'],
      ['JWT_REFRESH_TTL_SECONDS', '1000000000000000'],
      ['ORDER_PAYMENT_TIMEOUT', '1000000000000'],
    ]) {
      expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: ${name} must not be greater than`))]);
    }
  });

  it('refuses the demo data in production: its accounts have published passwords', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY };
    expect(problemsOf({ ...production, SEED_DEMO_DATA: 'true' })).toEqual([expect.stringContaining('SEED_DEMO_DATA=true is refused in production')]);
    expect(loadConfig({ ...production, SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
  });

  it('generates a random JWT secret in development and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.jwt.secretGenerated).toBe(true);
    expect(a.jwt.secret).not.toBe(b.jwt.secret);
    expect(a.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('requires JWT_SECRET in production, naming it', () => {
    expect(problemsOf({ NODE_ENV: 'production', MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY })).toEqual([expect.stringContaining('JWT_SECRET')]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY }).jwt.secretGenerated).toBe(false);
  });

  describe('the access tokens\' algorithm', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY };
    const pem = (type: 'ed25519' | 'ed448') => generateKeyPairSync(type as 'ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

    it('is HS256 unless EdDSA is asked for, with no key pair', () => {
      expect(loadConfig(production).jwt).toMatchObject({ algorithm: 'HS256', keyPair: undefined, keyPairGenerated: false });
    });

    it('signs with EdDSA under the given Ed25519 key, its line breaks as they are or written \\n', () => {
      const key = pem('ed25519');
      for (const written of [key, key.replace(/\n/g, '\\n')]) {
        const { jwt } = loadConfig({ ...production, JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY: written });
        expect(jwt).toMatchObject({ algorithm: 'EdDSA', keyPairGenerated: false });
        expect(jwt.keyPair!.privateKey.export({ format: 'pem', type: 'pkcs8' })).toBe(key);
        expect(jwt.keyPair!.publicKey.asymmetricKeyType).toBe('ed25519');
      }
    });

    it('makes a key pair per process in development and says so', () => {
      const a = loadConfig({ JWT_ALGORITHM: 'EdDSA' }).jwt;
      const b = loadConfig({ JWT_ALGORITHM: 'EdDSA' }).jwt;
      expect(a.keyPairGenerated).toBe(true);
      expect(a.keyPair!.publicKey.export({ format: 'der', type: 'spki' })).not.toEqual(b.keyPair!.publicKey.export({ format: 'der', type: 'spki' }));
    });

    it('refuses EdDSA without a key in production, a key that is not Ed25519, a key with HS256 and other algorithms, naming them', () => {
      const keyProblem = [expect.stringMatching(/^JWT_PRIVATE_KEY: JWT_PRIVATE_KEY must be an Ed25519 private key/)];
      expect(problemsOf({ ...production, JWT_ALGORITHM: 'EdDSA' })).toEqual(keyProblem);
      expect(problemsOf({ ...production, JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY: pem('ed448') })).toEqual(keyProblem);
      expect(problemsOf({ ...production, JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY: 'not a key' })).toEqual(keyProblem);
      expect(problemsOf({ ...production, JWT_PRIVATE_KEY: pem('ed25519') })).toEqual(keyProblem);
      expect(problemsOf({ ...production, JWT_ALGORITHM: 'RS256' })).toEqual(['JWT_ALGORITHM: JWT_ALGORITHM must be HS256 or EdDSA']);
    });
  });

  it('reads the event consumers\' retry schedule in seconds, under a minute of retries by default', () => {
    expect(loadConfig({ EVENT_HANDLER_RETRY_SCHEDULE: '2,4' }).events.handlerRetryDelaysSeconds).toEqual([2, 4]);
    expect(loadConfig({}).events.handlerRetryDelaysSeconds.reduce((sum, delay) => sum + delay, 0)).toBeLessThan(60);
  });

  it('refuses event retries that outlast the events kept (EVENT_RETENTION_DAYS, 7 days unless set)', () => {
    const outlasts = ['EVENT_HANDLER_RETRY_SCHEDULE: EVENT_HANDLER_RETRY_SCHEDULE must take less time in all than EVENT_RETENTION_DAYS keeps an event (7 days unless set)'];
    expect(problemsOf({ EVENT_RETENTION_DAYS: '1', EVENT_HANDLER_RETRY_SCHEDULE: '3600,21600,86400' })).toEqual(outlasts);
    expect(problemsOf({ EVENT_HANDLER_RETRY_SCHEDULE: '604800' })).toEqual(outlasts);
    expect(loadConfig({ EVENT_RETENTION_DAYS: '2', EVENT_HANDLER_RETRY_SCHEDULE: '3600,21600,86400' }).events.handlerRetryDelaysSeconds).toEqual([3600, 21600, 86400]);
    expect(loadConfig({ EVENT_HANDLER_RETRY_SCHEDULE: '604799' }).events.retentionDays).toBe(7);
  });

  describe('webhooks', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), MAIL_DISABLED: 'true' };

    it('refuses to run in production without WEBHOOK_SECRET_KEY, naming it', () => {
      const problems = problemsOf(production);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^WEBHOOK_SECRET_KEY: .*required in production/);
    });

    it('takes the key in production, where only https URLs to public addresses may be registered', () => {
      const { webhooks } = loadConfig({ ...production, WEBHOOK_SECRET_KEY });
      expect(webhooks).toMatchObject({ secretKeyGenerated: false, allowHttp: false, allowPrivateNetworks: false, timeoutMs: 10_000 });
      expect(webhooks.secretKey).toEqual(Buffer.from(WEBHOOK_SECRET_KEY, 'base64'));
      expect(loadConfig({ ...production, WEBHOOK_SECRET_KEY, WEBHOOK_ALLOW_HTTP: 'true' }).webhooks.allowHttp).toBe(true);
    });

    it('generates a random 32-byte key in development and says so; plain http is allowed there', () => {
      const a = loadConfig({}).webhooks;
      expect(a).toMatchObject({ secretKeyGenerated: true, allowHttp: true });
      expect(a.secretKey).toHaveLength(32);
      expect(a.secretKey).not.toEqual(loadConfig({}).webhooks.secretKey);
    });

    it('reads the retry schedule in seconds, about three days by default', () => {
      expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: '1,2,30' }).webhooks.retryDelaysSeconds).toEqual([1, 2, 30]);
      const total = loadConfig({}).webhooks.retryDelaysSeconds.reduce((sum, delay) => sum + delay, 0);
      expect(Math.round(total / 86_400)).toBe(3);
    });
  });

  describe('mail', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), WEBHOOK_SECRET_KEY };

    const PUBLIC_APP_URL = 'https://shop.example.com';

    it('refuses to run in production without SMTP_URL, naming SMTP_URL and MAIL_DISABLED', () => {
      const problems = problemsOf({ ...production, PUBLIC_APP_URL });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SMTP_URL: /);
      expect(problems[0]).toContain('MAIL_DISABLED=true');
    });

    it('refuses links to a missing, plain-http or query-carrying PUBLIC_APP_URL when production mails them', () => {
      const mailing = { ...production, SMTP_URL: 'smtp://mail.example.com:587' };
      for (const url of [undefined, 'http://shop.example.com', 'https://shop.example.com/?ref=mail']) {
        const problems = problemsOf(url === undefined ? mailing : { ...mailing, PUBLIC_APP_URL: url });
        expect(problems).toEqual([expect.stringMatching(/^PUBLIC_APP_URL: .*https.*MAIL_DISABLED=true/)]);
      }
      expect(loadConfig({ ...production, MAIL_DISABLED: 'true' }).mail.publicAppUrl).toBe('http://localhost:3000');
    });

    it('takes MAIL_FROM as an address or a name and an address, and refuses anything else, naming it', () => {
      const senders = [
        'no-reply@shop.example',
        'Shop <no-reply@shop.example>',
        '"Shop, Inc." <no-reply@shop.example>',
        '"Acme" Orders <orders+eu@shop.example>',
        '"Shop \\"Best\\"" <a@shop.example>',
        'Commerce Backend <no-reply@localhost>',
        'shop@bücher.de',
      ];
      for (const from of senders) expect(loadConfig({ MAIL_FROM: from }).mail.from).toBe(from);
      for (const from of ['not an address', 'Shop <no-reply>', 'a@b.example, c@d.example', 'Shop: Orders <a@b.example>;']) {
        expect({ from, problems: problemsOf({ MAIL_FROM: from }) }).toEqual({ from, problems: [expect.stringMatching(/^MAIL_FROM: /)] });
      }
    });

    it('runs in production with SMTP_URL, or with mail disabled on purpose', () => {
      expect(loadConfig({ ...production, SMTP_URL: 'smtps://user:pass@mail.example.com:465', PUBLIC_APP_URL }).mail).toMatchObject({
        transport: 'smtp',
        smtpUrl: 'smtps://user:pass@mail.example.com:465',
      });
      expect(loadConfig({ ...production, MAIL_DISABLED: 'true' }).mail.transport).toBe('disabled');
    });

    it('writes mail to the log in development without SMTP_URL, with working defaults', () => {
      expect(loadConfig({}).mail).toEqual({
        transport: 'log',
        smtpUrl: undefined,
        from: 'Commerce Backend <no-reply@localhost>',
        deliveryIntervalMs: 1000,
        publicAppUrl: 'http://localhost:3000',
      });
    });

    it('keeps PUBLIC_APP_URL without a trailing slash, so links join with one', () => {
      expect(loadConfig({ PUBLIC_APP_URL: 'https://shop.example.com/' }).mail.publicAppUrl).toBe('https://shop.example.com');
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://somewhere'],
    ['STORE_CURRENCY', 'usd'],
    ['MAX_OPEN_ORDERS', '0'],
    ['DB_MIGRATE', 'sometimes'],
    ['NODE_ENV', 'staging'],
    ['JWT_SECRET', 'short'],
    ['SMTP_URL', 'mail.example.com:25'],
    ['MAIL_DISABLED', 'maybe'],
    ['PUBLIC_APP_URL', 'shop.example.com'],
    ['MAIL_DELIVERY_INTERVAL_MS', '0'],
    ['WEBHOOK_SECRET_KEY', 'too-short'],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'yes'],
    ['WEBHOOK_ALLOW_HTTP', 'sure'],
    ['WEBHOOK_RETRY_SCHEDULE', '10, 0'],
    ['EVENT_HANDLER_RETRY_SCHEDULE', '0.5'],
    ['WEBHOOK_TIMEOUT_MS', '5'],
    // What the drivers once met at start-up as stack traces of their own, or mail as failures on every send:
    ['DATABASE_URL', 'postgres://db.example.com'],
    ['DATABASE_URL', 'postgres://db.example.com:99999/shop'],
    ['DATABASE_URL', 'postgresql://%zz@db.example.com/shop'],
    ['DATABASE_REPLICA_URLS', 'postgres://replica.example.com'],
    ['REDIS_URL', 'redis://127.0.0.1:99999'],
    ['NATS_URL', 'nats://127.0.0.1:99999'],
    ['NATS_URL', 'nats://a.example.com:4222,nats://'],
    ['SMTP_URL', 'smtp://u:p@127.0.0.1:99999'],
    ['SMTP_URL', 'smtp://%zz@mail.example.com'],
    ['PUBLIC_APP_URL', 'https://shop.example.com:99999'],
    // Origins with a path or a trailing slash never match a browser's Origin: CORS silently off.
    ['CORS_ORIGINS', 'https://shop.example.com/'],
    ['CORS_ORIGINS', '*'],
    ['PORT', '0x1069'],
    ['PORT', '1e3'],
    ['API_RATE_LIMIT', '1e20'],
    ['API_RATE_LIMIT', '100000000000000000000'],
    ['AUTH_THROTTLE_LIMIT', '2000000000'],
  ])('refuses a bad %s, naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('takes well-formed URLs, origins and numbers', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://shop:p%40ss@db.example.com:5433/shop',
      DATABASE_REPLICA_URLS: 'postgres://r1.example.com/shop,postgres://user@/shop?host=/var/run/postgresql',
      REDIS_URL: 'rediss://:secret@cache.example.com:6380',
      NATS_URL: 'nats://n1.example.com:4222, tls://n2.example.com',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      PUBLIC_APP_URL: 'https://shop.example.com:8443/app',
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      ADMIN_EMAIL: 'Root@Example.com',
      ADMIN_PASSWORD: 'a long admin passphrase',
      PORT: '8080',
      API_RATE_LIMIT: '1000000000',
    });
    expect(config).toMatchObject({ port: 8080, corsOrigins: ['https://shop.example.com', 'http://localhost:5173'], auth: { apiRateLimit: 1_000_000_000 } });
  });

  it('names every bad setting at once', () => {
    expect(problemsOf({ PORT: 'x', STORE_CURRENCY: 'dollars' }).map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'STORE_CURRENCY']);
  });

  it('needs ADMIN_PASSWORD with ADMIN_EMAIL', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'root@example.com' })).toEqual([expect.stringContaining('ADMIN_PASSWORD')]);
    // Once met at start-up as the bootstrap's "The email address is not valid.", naming no setting.
    expect(problemsOf({ ADMIN_EMAIL: 'not-an-address', ADMIN_PASSWORD: 'a long admin passphrase' })).toEqual(['ADMIN_EMAIL: ADMIN_EMAIL must be an email address']);
  });

  it('selects PostgreSQL when DATABASE_URL is set and then seeds no demo data', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/shop' });
    expect(config.database.url).toBe('postgres://u:p@db:5432/shop');
    expect(config.seedDemoData).toBe(false);
  });
});
