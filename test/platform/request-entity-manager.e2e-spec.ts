import { MikroORM } from '@mikro-orm/core';
import { asAdmin, type LoggedIn, newProduct } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe("A request's EntityManager", () => {
  let t: TestApp;
  let admin: LoggedIn;
  let fork: jest.SpyInstance;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
    fork = jest.spyOn(t.app.get(MikroORM).em, 'fork');
  });
  afterAll(() => t.close());
  beforeEach(() => fork.mockClear());

  it('is never made for product reads, which query the connection', async () => {
    const product = await newProduct(t.http, admin.token);
    fork.mockClear();
    expect((await t.http.get(`/api/v1/products/${product.id}`)).status).toBe(200);
    expect((await t.http.get('/api/v1/products?limit=5')).status).toBe(200);
    expect(fork).not.toHaveBeenCalled();
  });

  it('is made by the first use, once per request, and not shared between requests', async () => {
    const [me, again] = await Promise.all([
      t.http.get('/api/v1/users/me', { token: admin.token }),
      t.http.get('/api/v1/users/me', { token: admin.token }),
    ]);
    expect([me.status, again.status]).toEqual([200, 200]);
    // Each request checks its session and then loads the user: two uses, one fork, its own.
    const forks = fork.mock.results.map((result) => result.value);
    expect(forks).toHaveLength(2);
    expect(forks[0]).not.toBe(forks[1]);
  });
});
