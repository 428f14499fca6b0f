import { ConfigError, loadConfig } from './load-config';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

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

  it('generates a random JWT secret in development and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.jwt.secretGenerated).toBe(true);
    expect(a.jwt.secret).not.toBe(b.jwt.secret);
    expect(a.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('requires JWT_SECRET in production, naming it', () => {
    expect(problemsOf({ NODE_ENV: 'production', MAIL_DISABLED: 'true' })).toEqual([expect.stringContaining('JWT_SECRET')]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), MAIL_DISABLED: 'true' }).jwt.secretGenerated).toBe(false);
  });

  describe('mail', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };

    it('refuses to run in production without SMTP_URL, naming SMTP_URL and MAIL_DISABLED', () => {
      const problems = problemsOf(production);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SMTP_URL: /);
      expect(problems[0]).toContain('MAIL_DISABLED=true');
    });

    it('runs in production with SMTP_URL, or with mail disabled on purpose', () => {
      expect(loadConfig({ ...production, SMTP_URL: 'smtps://user:pass@mail.example.com:465' }).mail).toMatchObject({
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
  ])('refuses a bad %s, naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('names every bad setting at once', () => {
    expect(problemsOf({ PORT: 'x', STORE_CURRENCY: 'dollars' }).map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'STORE_CURRENCY']);
  });

  it('needs ADMIN_PASSWORD with ADMIN_EMAIL', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'root@example.com' })).toEqual([expect.stringContaining('ADMIN_PASSWORD')]);
  });

  it('selects PostgreSQL when DATABASE_URL is set and then seeds no demo data', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/shop' });
    expect(config.database.url).toBe('postgres://u:p@db:5432/shop');
    expect(config.seedDemoData).toBe(false);
  });
});
