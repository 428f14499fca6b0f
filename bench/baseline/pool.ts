import { Pool } from 'pg';

/**
 * A bare server's pool, sized and kept as the app's (DB_POOL_MAX, idle connections kept 30 s: mikro-orm-options.ts).
 * With pg's default of 10 s, a bare server idle while two other servers took their rounds had its connections
 * closed, and began each of its rounds by opening and preparing them again.
 */
export const barePool = () => new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10), idleTimeoutMillis: 30_000 });
