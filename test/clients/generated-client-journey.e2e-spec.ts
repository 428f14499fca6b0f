import { randomUUID } from 'node:crypto';
import { bearerToken, type CommerceClient, createCommerceClient } from '../../clients/typescript';
import { ADMIN, PASSWORD } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A frontend's first journey, written only with the generated client (clients/typescript) as a frontend team
 * would: register, log in, browse, order, pay, read the receipt. Requests go through the whole app (Fastify
 * inject behind a fetch) and every reply is still checked against the served document.
 */
describe('The generated TypeScript client', () => {
  let t: TestApp;
  const clientFor = (token?: () => string | undefined): CommerceClient => {
    const client = createCommerceClient({ baseUrl: 'http://commerce.test', fetch: t.http.fetch });
    if (token) client.use(bearerToken(token));
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = clientFor();
    const login = await admin.POST('/api/v1/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } });
    const adminApi = clientFor(() => login.data?.accessToken);
    const created = await adminApi.POST('/api/v1/products', {
      body: { sku: 'MUG-JOURNEY-1', name: 'Journey mug', description: 'Blue, 350 ml', price: { amount: 1250, currency: 'USD' }, stock: 10 },
    });
    expect(created.response.status).toBe(201);
  });
  afterAll(() => t.close());

  it('registers, logs in, browses, orders, pays and reads the receipt', async () => {
    const anonymous = clientFor();
    const email = `frontend-${randomUUID()}@test.example`;

    const registered = await anonymous.POST('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Frontend Fran' } });
    expect(registered.response.status).toBe(201);
    expect(registered.data).toMatchObject({ email, name: 'Frontend Fran', role: 'customer' });

    const login = await anonymous.POST('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.error).toBeUndefined();
    let token = login.data?.accessToken;
    const api = clientFor(() => token);

    const me = await api.GET('/api/v1/users/me');
    expect(me.data?.email).toBe(email);

    const browse = await api.GET('/api/v1/products', { params: { query: { search: 'journey', limit: 10 } } });
    expect(browse.data?.items.map((product) => product.sku)).toEqual(['MUG-JOURNEY-1']);
    const mug = browse.data!.items[0];

    const order = await api.POST('/api/v1/orders', { body: { items: [{ productId: mug.id, quantity: 2 }] } });
    expect(order.response.status).toBe(201);
    expect(order.data).toMatchObject({ status: 'pending_payment', total: { amount: 2500, currency: 'USD' } });
    const orderId = order.data!.id;

    const paid = await api.POST('/api/v1/orders/{id}/payments', {
      params: { path: { id: orderId }, header: { 'Idempotency-Key': randomUUID() } },
      body: { paymentMethod: 'pm_card_visa' },
    });
    expect(paid.response.status).toBe(201);
    expect(paid.data).toMatchObject({ orderId, type: 'payment', status: 'succeeded', amount: { amount: 2500, currency: 'USD' } });

    const receipt = await api.GET('/api/v1/transactions/{id}', { params: { path: { id: paid.data!.id } } });
    expect(receipt.data).toMatchObject({ id: paid.data!.id, orderId, status: 'succeeded', paymentMethod: 'pm_card_visa' });
    const paidOrder = await api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } });
    expect(paidOrder.data?.status).toBe('paid');

    const cancelPaid = await api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: orderId } } });
    expect(cancelPaid.response.status).toBe(409);
    expect(cancelPaid.error).toMatchObject({ status: 409, traceId: expect.any(String) });

    await api.POST('/api/v1/auth/logout');
    const afterLogout = await api.GET('/api/v1/users/me');
    expect(afterLogout.response.status).toBe(401);
    token = undefined;
    expect((await api.GET('/api/v1/users/me')).response.status).toBe(401);
  });
});
