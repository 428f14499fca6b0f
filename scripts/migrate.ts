/**
 * Migrations by hand (they also run at start-up unless DB_MIGRATE=false):
 *   npm run migration:up | migration:down | migration:pending
 * Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR. New migrations are classes in
 * src/infrastructure/persistence/migrations, added to the list in index.ts.
 */
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../src/infrastructure/config/load-config';
import { migrate } from '../src/infrastructure/persistence/migrate';
import { mikroOrmOptions } from '../src/infrastructure/persistence/mikro-orm-options';

async function main(command: string | undefined): Promise<void> {
  // Settings production requires of a server, which the migrations never use: without them, migration:up refused
  // to run in production until mail and webhook signing were configured.
  const notUsedHere = { JWT_SECRET: 'm'.repeat(32), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY: Buffer.alloc(32).toString('base64') };
  const config = loadConfig({ ...process.env, ...notUsedHere });
  const orm = await MikroORM.init({ ...(await mikroOrmOptions(config.database)), allowGlobalContext: true });
  try {
    if (command === 'up') {
      const applied = await migrate(orm, config.database);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Nothing to apply.');
    } else if (command === 'down') {
      const reverted = await orm.migrator.down();
      console.log(reverted.length ? `Reverted ${reverted.map((m) => m.name).join(', ')}` : 'Nothing to revert.');
    } else if (command === 'pending') {
      const pending = await orm.migrator.getPending();
      console.log(pending.length ? pending.map((m) => m.name).join('\n') : 'No pending migrations.');
    } else {
      throw new Error('usage: migrate up|down|pending');
    }
  } finally {
    await orm.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
