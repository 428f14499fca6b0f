/**
 * Fills a database with a realistic trading history for benchmarks and report checks:
 *   npm run seed:volume -- --orders 1000000 [--customers 50000] [--products 500] [--batch 50000]
 * Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR, migrated first.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { loadConfig } from '../src/infrastructure/config/load-config';
import { mikroOrmOptions } from '../src/infrastructure/persistence/mikro-orm-options';
import { Argon2PasswordHasher } from '../src/infrastructure/security/argon2-password-hasher';
import { recordPaidOrdersSql } from '../src/infrastructure/persistence/reporting/product-sales-sql';
import * as sql from './volume/volume-sql';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    customers: { type: 'string' },
    products: { type: 'string', default: '500' },
    batch: { type: 'string', default: '50000' },
  },
});
const orders = Number(values.orders);
const customers = Number(values.customers ?? Math.max(1000, Math.round(orders / 20)));
const products = Number(values.products);
const batchSize = Number(values.batch);

export const VOLUME_PASSWORD = 'volume-customer-password';

function progress(done: number, total: number, started: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const seconds = (performance.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  process.stdout.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${((done / total) * 100).toFixed(0).padStart(3)}% ` +
      `${done.toLocaleString('en')}/${total.toLocaleString('en')} orders, ${seconds.toFixed(1)} s, ${Math.round(rate)} orders/s`,
  );
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', JWT_SECRET: 'x'.repeat(32), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'x').toString('base64') });
  // No statement timeout, as for migrations: a batch's set-based statements are not an API request's, to be cut at 15 s.
  const orm = await MikroORM.init({ ...(await mikroOrmOptions({ ...config.database, poolMax: 1, statementTimeoutMs: 0 })), allowGlobalContext: true });
  await orm.migrator.up();
  const em = orm.em.fork() as SqlEntityManager;
  const currency = config.storeCurrency;
  const passwordHash = await new Argon2PasswordHasher(config).hash(VOLUME_PASSWORD);

  console.log(`Seeding ${customers} customers, ${products} products, ${orders} orders (${currency})`);
  await em.transactional(async (tx) => {
    await tx.execute(sql.UUID7_FUNCTION);
    await tx.execute(sql.CREATE_CUSTOMERS, [passwordHash, customers]);
    await tx.execute(sql.CREATE_PRODUCTS, [currency, products]);
  });

  const started = performance.now();
  for (let done = 0; done < orders; ) {
    const size = Math.min(batchSize, orders - done);
    await em.transactional(async (tx) => {
      await tx.execute(sql.UUID7_FUNCTION);
      for (const statement of sql.STAGE_LOOKUPS) await tx.execute(statement);
      await tx.execute(sql.STAGE_BATCH, [size, customers, products]);
      await tx.execute(sql.INSERT_BATCH_ORDERS, [currency]);
      await tx.execute(sql.INSERT_BATCH_PAYMENTS, [currency]);
      await tx.execute(sql.INSERT_BATCH_REFUNDS, [currency]);
      // The batch's rows counted before the read model is fed from them: autovacuum never analyses a temporary table
      // nor sees rows not yet committed, and taking the tables for nearly empty the planner chose plans that took
      // minutes a batch, more each time (243 orders/s by the second batch, against about 4,800/s analysed).
      await tx.execute('analyze volume_batch, orders, transactions');
      // What the app's order.paid consumer would have counted: these orders never went through the outbox.
      await tx.execute(recordPaidOrdersSql(sql.BATCH_PAID_ORDER_IDS));
    });
    done += size;
    progress(done, orders, started);
  }
  process.stdout.write('\nAnalysing tables...\n');
  await em.execute('vacuum analyze orders');
  await em.execute('vacuum analyze transactions');
  await em.execute('vacuum analyze product_sales_daily');
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Customers log in with password "${VOLUME_PASSWORD}".`);
  await orm.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
