/**
 * What the benchmark scripts share: a fresh database of their own, the built app started on it, a catalogue
 * and customers seeded through the API, and the stock check that proves nothing was oversold.
 */
import { resolve } from 'node:path';
import { Client } from 'pg';
import { productionCommand } from '../scripts/production-command';
import type { ScenarioInput } from './load/scenarios';
import { startServer, type Started } from './processes';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password' };
const CUSTOMER_PASSWORD = 'bench customer password';
/** The app's and the baseline's: the baseline verifies the tokens the app issued. */
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!';

/** A database named for one benchmark, so two benchmarks never share one. */
export class BenchDatabase {
  readonly url: string;

  constructor(private readonly name: string) {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    this.url = url.toString();
  }

  async recreate(): Promise<void> {
    await withClient(adminUrl, async (client) => {
      await client.query(`drop database if exists ${this.name} with (force)`);
      await client.query(`create database ${this.name}`);
    });
  }

  /**
   * Forgets every client's rate-limit count (the PostgreSQL store's table): the scenarios before a flood counted
   * the same client under a limit nothing reaches, in a window the flood would otherwise start at any point of.
   */
  async emptyRateLimitCounters(): Promise<void> {
    await withClient(this.url, (client) => client.query('truncate rate_limit_counters'));
  }

  /** Stock taken must equal the quantities ordered and not cancelled: nothing oversold, nothing lost. */
  async productsWithWrongStock(): Promise<number> {
    const { rows } = await withClient(this.url, (client) =>
      client.query(`
      select p.id from products p
        left join (select (l->>'productId')::uuid as product_id, sum((l->>'quantity')::int) as ordered
                     from orders o, jsonb_array_elements(o.lines) l where o.status <> 'cancelled' group by 1) s on s.product_id = p.id
       where p.sku like 'BENCH-%' and 1000000000 - p.stock <> coalesce(s.ordered, 0)`),
    );
    return rows.length;
  }
}

/** One connection for `work`, closed after it whatever it does. */
async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The built app on the database, started as start:prod starts it, in production mode (access logs at info,
 * metrics, rate limits, all on), with limits that a benchmark must not hit. `build` is a directory holding a
 * build's main.js: start:prod's unless a kept build is compared (bench/compare-builds.ts); `nodeFlags` come after
 * start:prod's, so they win.
 */
export function startApp(port: number, databaseUrl: string, env: Record<string, string> = {}, build?: string, nodeFlags: string[] = []): Promise<Started> {
  const production = productionCommand();
  return startServer(
    build ? resolve(build, 'main.js') : resolve(production.entry),
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      MAX_OPEN_ORDERS: '1000', // per customer, the most the setting takes; CUSTOMERS share the POST /orders load
      AUTH_THROTTLE_LIMIT: '100000000',
      API_RATE_LIMIT: '1000000000',
      MAIL_DISABLED: 'true', // benchmarks measure the API, not an SMTP server
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'b').toString('base64'),
      ...env,
    },
    `http://127.0.0.1:${port}/health/ready`,
    [...production.nodeFlags, ...nodeFlags],
  );
}

async function post(url: string, body: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string; accessToken: string }>;
}

/**
 * Customers that POST /orders spreads its orders over. They stay unpaid, the app's and the baseline's alike: at
 * 1,000 orders a second (a fast hour), 50 customers reached MAX_OPEN_ORDERS in the last round.
 */
const CUSTOMERS = 150;

/** A catalogue whose stock never runs out and customers with tokens, through the API itself. */
export async function seed(base: string): Promise<Omit<ScenarioInput, 'url'>> {
  const admin = await post(`${base}/auth/login`, ADMIN);
  const productIds: string[] = [];
  for (let i = 0; i < 200; i++) {
    const product = await post(
      `${base}/products`,
      { sku: `BENCH-${i}`, name: `Bench product ${String(i).padStart(3, '0')}`, price: { amount: 500 + i, currency: 'USD' }, stock: 1_000_000_000 },
      admin.accessToken,
    );
    productIds.push(product.id);
  }
  return { productIds, ...(await seedCustomers(base, 'bench-customer', CUSTOMERS)), customerPassword: CUSTOMER_PASSWORD };
}

/** `count` customers registered and logged in, their addresses starting with `prefix`. */
export async function seedCustomers(base: string, prefix: string, count: number): Promise<Pick<ScenarioInput, 'tokens' | 'customerIds' | 'customerEmails'>> {
  const customerEmails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  const tokens: string[] = [];
  const customerIds: string[] = [];
  for (const email of customerEmails) {
    customerIds.push((await post(`${base}/auth/register`, { email, password: CUSTOMER_PASSWORD, name: email })).id);
    tokens.push((await post(`${base}/auth/login`, { email, password: CUSTOMER_PASSWORD })).accessToken);
  }
  return { tokens, customerIds, customerEmails };
}

/** Servers with nothing of the app's: bare Fastify + pg, and Nest on Fastify with one plain controller. */
export const BARE_SERVERS = { baseline: 'baseline/server.js', 'nest-floor': 'nest-floor/server.js' } as const;
export type BareServer = keyof typeof BARE_SERVERS;
export const isBareServer = (name: string): name is BareServer => Object.hasOwn(BARE_SERVERS, name);

/** The bare Fastify + pg baseline (bench/baseline/server.ts), or another bare server, on the database. */
export function startBaseline(port: number, databaseUrl: string, env: Record<string, string> = {}, nodeFlags: string[] = [], server: BareServer = 'baseline'): Promise<Started> {
  return startServer(
    resolve(__dirname, BARE_SERVERS[server]),
    { DATABASE_URL: databaseUrl, PORT: String(port), JWT_SECRET, ...env },
    `http://127.0.0.1:${port}/api/v1/products?limit=1`,
    nodeFlags,
  );
}
