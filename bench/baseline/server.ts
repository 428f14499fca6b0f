/**
 * The bare-metal baseline: Fastify and pg, no Nest, no ORM, answering the product read and list and placing an
 * order with the same SQL and JSON shape as the app, with the same pool size. The reads are named prepared
 * statements, as the app's are (read-queries.ts): sent unnamed, PostgreSQL parsed and planned each one, 70 against
 * 39 µs of its CPU per read, taken on two cores from what the baseline's server and wrk share, and the baseline
 * served 12,800 reads/s instead of 17,500 (side by side). The order's statements are not prepared, as the app's
 * (sent by MikroORM) are not. Started by bench/run.ts:
 *   DATABASE_URL=... JWT_SECRET=... PORT=... node dist-tools/bench/baseline/server.js
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import type { PoolClient } from 'pg';
import { barePool } from './pool';
import { activeProduct, type ProductRow, productByIdQuery, productPage, productPageQuery } from './product-reads';

const pool = barePool();
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/v1/products/:id', async (request, reply) => {
  const { rows } = await pool.query<ProductRow>(productByIdQuery(request.params.id));
  return activeProduct(rows) ?? reply.code(404).send({ status: 404 });
});

app.get<{ Querystring: { limit?: string } }>('/api/v1/products', async (request) => {
  const limit = Number(request.query.limit ?? 20);
  const { rows } = await pool.query<ProductRow>(productPageQuery(limit));
  return productPage(rows, limit);
});

const secret = Buffer.from(process.env.JWT_SECRET ?? '');

/** The HS256 signature and expiry of the bearer token; its subject and session id. No library: the bare cost. */
function claimsOf(authorization: string | undefined): { sub: string; sid: string } | null {
  const [header, payload, signature] = (authorization ?? '').replace(/^Bearer /, '').split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return claims.exp * 1000 > Date.now() ? claims : null;
}

interface OrderBody {
  items: Array<{ productId: string; quantity: number }>;
}

/**
 * The statements the app runs to place an order, one line per product: the session check, then in one
 * transaction the customer's advisory lock, the open-order count, the conditional stock update returning the
 * price, the order and its outbox event.
 */
async function placeOrder(client: PoolClient, customerId: string, { items }: OrderBody) {
  await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`orders:${customerId}`]);
  await client.query("select count(*)::int as count from orders where customer_id = $1 and status = 'pending_payment'", [customerId]);
  const lines = [];
  for (const item of [...items].sort((a, b) => a.productId.localeCompare(b.productId))) {
    const { rows } = await client.query<{ id: string; sku: string; name: string; price_amount: string; currency: string }>(
      `update products set stock = stock - $1, version = version + 1 where id = $2 and status = 'active' and stock >= $1
        returning id, sku, name, price_amount, currency`,
      [item.quantity, item.productId],
    );
    if (!rows[0]) return null;
    const unitPrice = Number(rows[0].price_amount);
    lines.push({ productId: rows[0].id, sku: rows[0].sku, name: rows[0].name, unitPrice, quantity: item.quantity, lineTotal: unitPrice * item.quantity, currency: rows[0].currency });
  }
  const now = new Date();
  const order = {
    id: randomUUID(),
    customerId,
    status: 'pending_payment',
    lines: lines.map(({ currency: _currency, ...line }) => line),
    currency: lines[0].currency,
    totalAmount: lines.reduce((sum, line) => sum + line.lineTotal, 0),
    createdAt: now,
    paymentDueAt: new Date(now.getTime() + 30 * 60_000),
  };
  await client.query(
    `insert into orders (id, customer_id, status, lines, currency, total_amount, created_at, updated_at, payment_due_at)
      values ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
    [order.id, customerId, order.status, JSON.stringify(order.lines), order.currency, order.totalAmount, now, order.paymentDueAt],
  );
  await client.query('insert into outbox_events (id, type, aggregate_id, occurred_at, payload) values ($1, $2, $3, $4, $5)', [
    randomUUID(),
    'order.placed',
    order.id,
    now,
    JSON.stringify({ customerId, lines: order.lines, totalAmount: order.totalAmount, currency: order.currency }),
  ]);
  return order;
}

app.post<{ Body: OrderBody }>('/api/v1/orders', async (request, reply) => {
  const claims = claimsOf(request.headers.authorization);
  const session = claims
    ? await pool.query(
        `select s.user_id, u.role from sessions s join users u on u.id = s.user_id
          where s.id = $1 and s.ended_at is null and s.expires_at > $2 and u.status = 'active'`,
        [claims.sid, new Date()],
      )
    : null;
  if (!claims || !session?.rows[0]) return reply.code(401).send({ status: 401 });
  const client = await pool.connect();
  try {
    await client.query('begin');
    const order = await placeOrder(client, claims.sub, request.body);
    await client.query(order ? 'commit' : 'rollback');
    if (!order) return reply.code(409).send({ status: 409 });
    const money = (amount: number) => ({ amount, currency: order.currency });
    return reply.code(201).send({
      id: order.id,
      customerId: order.customerId,
      status: order.status,
      lines: order.lines.map((line) => ({ ...line, unitPrice: money(line.unitPrice), lineTotal: money(line.lineTotal) })),
      total: money(order.totalAmount),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.createdAt.toISOString(),
      paymentDueAt: order.paymentDueAt.toISOString(),
      paidAt: null,
      fulfilledAt: null,
      cancelledAt: null,
      cancellationReason: null,
    });
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.send?.('ready'));
