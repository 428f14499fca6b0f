import { Client } from 'pg';
import { asAdmin, newProduct } from '../support/journeys';
import { startTestAppOnOwnPostgres } from '../support/test-app';

/** A statement that outlives DB_STATEMENT_TIMEOUT_MS is the database's trouble, not a bug: 503 and nothing changed. */
describe('A statement cancelled by its timeout', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({ DB_STATEMENT_TIMEOUT_MS: '300' });
  }, 60_000);
  afterAll(() => t.close());

  it('answers 503 with Retry-After while another transaction holds the row, and the edit goes through after', async () => {
    const admin = await asAdmin(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 5 });
    const holder = new Client({ connectionString: t.postgres.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from products where id = $1 for update', [product.id]);
      const edit = await t.http.patch(`/api/v1/products/${product.id}`, { stock: 6 }, { token: admin.token });
      expect([edit.status, edit.headers['retry-after'], edit.body.type]).toEqual([503, '5', expect.stringMatching(/\/service-unavailable$/)]);
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    expect((await t.http.get(`/api/v1/products/${product.id}`)).body.stock).toBe(5);
    expect((await t.http.patch(`/api/v1/products/${product.id}`, { stock: 6 }, { token: admin.token })).body.stock).toBe(6);
  });
});
