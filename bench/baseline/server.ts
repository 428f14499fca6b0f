/**
 * The bare-metal baseline: Fastify and pg, no Nest, no ORM, answering the product read and list with the same
 * SQL and JSON shape as the app, with the same pool size. Started by bench/run.ts:
 *   DATABASE_URL=... PORT=... node dist-tools/bench/baseline/server.js
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_amount: string;
  currency: string;
  stock: number;
  status: string;
  created_at: Date;
  updated_at: Date;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const columns = 'id, sku, name, description, price_amount, currency, stock, status, created_at, updated_at, version';
const toDto = (row: ProductRow) => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  price: { amount: Number(row.price_amount), currency: row.currency },
  stock: row.stock,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/v1/products/:id', async (request, reply) => {
  const { rows } = await pool.query<ProductRow>(`select ${columns} from products where id = $1 limit 1`, [request.params.id]);
  if (!rows[0] || rows[0].status !== 'active') return reply.code(404).send({ status: 404 });
  return toDto(rows[0]);
});

app.get<{ Querystring: { limit?: string } }>('/api/v1/products', async (request) => {
  const limit = Number(request.query.limit ?? 20);
  const { rows } = await pool.query<ProductRow>(
    `select ${columns} from products where status = 'active' order by name asc, id asc limit $1`,
    [limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toDto),
    nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
  };
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.send?.('ready'));
