import { DemoDataSeeder, MikroORM } from '../support/built';
import { DEMO_CUSTOMER, DEMO_PRODUCTS } from '../../src/modules/demo/demo-catalogue';
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

  // The seeder registered its customer first and committed each step: a first run that failed half-way left a
  // customer behind, and every later start took the database for filled, its catalogue missing.
  it('leaves nothing behind when a first run fails half-way, and fills the database on the next', async () => {
    const orm = t.app.get(MikroORM);
    await orm.em.getConnection().execute('delete from products');
    await orm.em.getConnection().execute('delete from users where email = ?', [DEMO_CUSTOMER.email]);
    const seeder = t.app.get(DemoDataSeeder);
    const createProduct = seeder['createProduct'];
    const create = createProduct.execute.bind(createProduct);
    let created = 0;
    const failing = jest.spyOn(createProduct, 'execute').mockImplementation((input) => {
      if (++created === 3) return Promise.reject(new Error('the database went away'));
      return create(input);
    });
    await expect(seeder.onApplicationBootstrap()).rejects.toThrow('the database went away');
    failing.mockRestore();

    expect((await t.http.get('/api/v1/products')).body.items).toEqual([]);
    const demoLogin = () => t.http.post('/api/v1/auth/login', { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password });
    expect((await demoLogin()).status).toBe(401);

    await seeder.onApplicationBootstrap();
    expect((await t.http.get('/api/v1/products?limit=100')).body.items).toHaveLength(DEMO_PRODUCTS.length);
    expect((await demoLogin()).status).toBe(200);
  });
});
