import { DemoDataSeeder } from '../support/built';
import { asAdmin } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Demo data on an empty database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_DEMO_DATA: 'true' } });
  });
  afterAll(() => t.close());

  // Each start runs the seeder: once every demo product was archived, it took the database for an empty one and
  // failed on the demo customer it had registered before, so the app no longer started.
  it('fills it once, and leaves it be after every demo product was archived', async () => {
    const admin = await asAdmin(t.http);
    const products: Array<{ id: string }> = (await t.http.get('/api/v1/products?limit=100')).body.items;
    expect(products.length).toBeGreaterThan(0);
    for (const product of products) expect((await t.http.delete(`/api/v1/products/${product.id}`, { token: admin.token })).status).toBe(204);
    await t.app.get(DemoDataSeeder).onApplicationBootstrap(); // what the next start does
    expect((await t.http.get('/api/v1/products')).body.items).toEqual([]);
  });
});
