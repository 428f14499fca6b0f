import type { EntityManager } from '@mikro-orm/core';
import { MikroORM } from '../support/built';
import { asAdmin, type LoggedIn, newProduct } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe("A request's EntityManager", () => {
  let t: TestApp;
  let admin: LoggedIn;
  /** Forks made for requests; the background jobs (outbox relay, sweeps) fork too, in scopes of their own. */
  const requestForks: EntityManager[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
    const { em } = t.app.get(MikroORM);
    const fork = em.fork.bind(em);
    jest.spyOn(em, 'fork').mockImplementation((options) => {
      const made = fork(options);
      if (new Error().stack?.includes('RequestScope.')) requestForks.push(made);
      return made;
    });
  });
  afterAll(() => t.close());
  beforeEach(() => void requestForks.splice(0));

  it('is never made for product reads, which query the connection', async () => {
    const product = await newProduct(t.http, admin.token);
    requestForks.splice(0);
    expect((await t.http.get(`/api/v1/products/${product.id}`)).status).toBe(200);
    expect((await t.http.get('/api/v1/products?limit=5')).status).toBe(200);
    expect(requestForks).toHaveLength(0);
  });

  it('is made by the first use, once per request, and not shared between requests', async () => {
    const [me, again] = await Promise.all([
      t.http.get('/api/v1/users/me', { token: admin.token }),
      t.http.get('/api/v1/users/me', { token: admin.token }),
    ]);
    expect([me.status, again.status]).toEqual([200, 200]);
    // Each request checks its session and then loads the user: two uses, one fork, its own.
    expect(requestForks).toHaveLength(2);
    expect(requestForks[0]).not.toBe(requestForks[1]);
  });
});
