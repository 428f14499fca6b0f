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
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('JWT_SECRET')]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }).jwt.secretGenerated).toBe(false);
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
