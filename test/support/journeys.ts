import { randomUUID } from 'node:crypto';
import type { HttpClient } from './http-client';

/** The admin every test app bootstraps from ADMIN_EMAIL / ADMIN_PASSWORD. */
export const ADMIN = { email: 'admin@test.example', password: 'admin password for tests' } as const;

export const PASSWORD = 'a sufficiently long passphrase';

export interface LoggedIn {
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
}

export async function logIn(http: HttpClient, email: string, password: string): Promise<LoggedIn> {
  const login = await http.post('/api/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status} ${login.text}`);
  const me = await http.get('/api/v1/users/me', { token: login.body.accessToken });
  return { userId: me.body.id, email, token: login.body.accessToken, refreshToken: login.body.refreshToken };
}

export async function newCustomer(http: HttpClient, name = 'Customer'): Promise<LoggedIn> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID()}@test.example`;
  const registered = await http.post('/api/v1/auth/register', { email, password: PASSWORD, name });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  return logIn(http, email, PASSWORD);
}

export const asAdmin = (http: HttpClient) => logIn(http, ADMIN.email, ADMIN.password);

export async function newProduct(http: HttpClient, adminToken: string, fields: { stock?: number; price?: number; name?: string } = {}) {
  const sku = `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
  const created = await http.post(
    '/api/v1/products',
    { sku, name: fields.name ?? `Product ${sku}`, price: { amount: fields.price ?? 1000, currency: 'USD' }, stock: fields.stock ?? 100 },
    { token: adminToken },
  );
  if (created.status !== 201) throw new Error(`product creation failed: ${created.status} ${created.text}`);
  return created.body as { id: string; sku: string; stock: number; price: { amount: number } };
}

export async function placeOrder(http: HttpClient, token: string, items: Array<{ productId: string; quantity: number }>) {
  return http.post('/api/v1/orders', { items }, { token });
}

export const stockOf = async (http: HttpClient, productId: string, adminToken?: string) =>
  (await http.get(`/api/v1/products/${productId}`, { token: adminToken })).body.stock as number;

export const pay = (http: HttpClient, token: string, orderId: string, paymentMethod = 'pm_card_visa', key: string = randomUUID()) =>
  http.post(`/api/v1/orders/${orderId}/payments`, { paymentMethod }, { token, headers: { 'idempotency-key': key } });

export const refund = (http: HttpClient, adminToken: string, orderId: string, amount: number, key: string = randomUUID()) =>
  http.post(`/api/v1/orders/${orderId}/refunds`, { amount: { amount, currency: 'USD' }, reason: 'Test refund' }, { token: adminToken, headers: { 'idempotency-key': key } });

/** A customer's unpaid order for `quantity` of a fresh product at `price`. */
export async function anOrder(http: HttpClient, adminToken: string, customer: LoggedIn, price = 1000, quantity = 1) {
  const product = await newProduct(http, adminToken, { price, stock: 1000 });
  const order = await placeOrder(http, customer.token, [{ productId: product.id, quantity }]);
  if (order.status !== 201) throw new Error(`order failed: ${order.status} ${order.text}`);
  return order.body as { id: string; total: { amount: number } };
}
