import { asAdmin, newProduct } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/**
 * A replica URL naming a database the server does not have (a typo, a replica not yet built) is the operator's
 * mistake, not the client's: what reads from it answers 503 and Retry-After (it answered 500), what reads the
 * primary goes on.
 */
describe('A read replica whose database does not exist', () => {
  let postgres: ThrowawayPostgres;
  let t: TestApp;
  beforeAll(async () => {
    postgres = await ThrowawayPostgres.create();
    t = await startTestApp({
      database: { kind: 'postgresql', url: postgres.url, drop: () => postgres.destroy() },
      env: { DATABASE_REPLICA_URLS: postgres.url.replace(/\/postgres$/, '/no_such_replica') },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers lists 503 with Retry-After, and reads of the primary 200', async () => {
    const admin = await asAdmin(t.http);
    const product = await newProduct(t.http, admin.token);

    const list = await t.http.get('/api/v1/products?limit=5');
    expect([list.status, list.headers['retry-after'], list.body.type]).toEqual([503, '5', expect.stringMatching(/\/service-unavailable$/)]);
    expect(t.logs.filter((line) => line.msg === 'Unexpected error while serving a request')).toEqual([]);
    expect((await t.http.get(`/api/v1/products/${product.id}`)).body.id).toBe(product.id);
  });
});
