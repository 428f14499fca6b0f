import { randomUUID } from 'node:crypto';
import { bearerToken, type CommerceClient, createCommerceClient } from '../../clients/typescript';
import { ADMIN, PASSWORD } from '../support/journeys';
import { everyOperation, operationAt } from '../support/openapi-walk';
import { type RunningProcess, startInstance, startPrismProxy } from '../support/service-processes';
import { SmtpInbox } from '../support/smtp-inbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { verifiedPayload, WebhookReceiver } from '../support/webhook-receiver';

/** One request through the proxy and what came back. */
interface Exchange {
  method: string;
  path: string;
  status: number;
  /** Prism's findings on this exchange (request and response), if any. */
  violations: string | null;
  /** Set by the app on every reply: a reply without it was made up by Prism. */
  requestId: string | null;
}

/**
 * An independent validator on live traffic: the shipped artifact (started as start:prod starts it, on a
 * PostgreSQL test database) behind Stoplight Prism's validating proxy, loaded with the document the artifact
 * serves. A journey written with the generated client goes through every resource, successes and the documented
 * errors; Prism must find nothing to object to in any request or reply, and the journey must have reached every
 * operation of the document, so that a new route cannot slip past it.
 */
describe('Live traffic of the shipped app, validated by Prism against the served document', () => {
  let database: TestDatabase;
  let app: RunningProcess;
  let prism: RunningProcess & { log(): string };
  let inbox: SmtpInbox;
  let document: Parameters<typeof everyOperation>[0] & { tags: Array<{ name: string }> };
  const exchanges: Exchange[] = [];

  const client = (token?: () => string | undefined): CommerceClient => {
    const api = createCommerceClient({
      baseUrl: prism.url,
      fetch: async (request: Request) => {
        const response = await fetch(request);
        exchanges.push({
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          violations: response.headers.get('sl-violations'),
          requestId: response.headers.get('x-request-id'),
        });
        return response;
      },
    });
    if (token) api.use(bearerToken(token));
    return api;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The contract test needs PostgreSQL: set TEST_DATABASE_URL (npm run test:contract does).');
    inbox = await SmtpInbox.start();
    // The webhook journey's receiver listens on loopback over plain http.
    app = await startInstance({
      DATABASE_URL: database.url,
      SMTP_URL: inbox.url,
      MAIL_DISABLED: 'false',
      PUBLIC_APP_URL: 'https://shop.test.example',
      MAIL_DELIVERY_INTERVAL_MS: '200',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
    });
    const served = `${app.url}/docs/openapi.json`;
    document = (await (await fetch(served)).json()) as typeof document;
    prism = await startPrismProxy(served, app.url);
  }, 60_000);

  afterAll(async () => {
    await prism?.stop();
    await app?.stop();
    await database?.drop();
    await inbox?.close();
  });

  it('finds no violation on a journey through every resource, and the journey reaches every operation', async () => {
    await journey(client);
    await accountMails(client, inbox);

    const fromPrism = exchanges.filter((exchange) => exchange.violations !== null || exchange.requestId === null);
    expect(fromPrism).toEqual([]);
    // Its log too: a violation of any severity, or a request Prism itself refused.
    expect(prism.log().split('\n').filter((line) => /Violation|✖|⚠/.test(line))).toEqual([]);

    const operations = everyOperation(document);
    const reached = exchanges.map((exchange) => operationAt(operations, exchange.method, exchange.path));
    expect(reached.filter((op) => op === undefined)).toEqual([]);
    const missed = operations.filter((op) => !reached.includes(op)).map((op) => `${op.method} ${op.template}`);
    expect(missed).toEqual([]);
    const tags = new Set(reached.flatMap((op) => op?.operation.tags ?? []));
    expect(document.tags.map((tag) => tag.name).filter((tag) => !tags.has(tag))).toEqual([]);
  });
});

/** Fails when the status is not the expected one, naming the reply's body and what Prism found (its 500 on a violation says what). */
function expectStatus<T extends { response: Response; data?: unknown; error?: unknown }>(reply: T, status: number): T {
  const { url, status: received, headers } = reply.response;
  if (received !== status) {
    const violations = headers.get('sl-violations') ?? 'none';
    throw new Error(`${url} answered ${received}, not ${status}: ${JSON.stringify(reply.data ?? reply.error)}\nsl-violations: ${violations}`);
  }
  return reply;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Every resource, as its users meet it: probes, accounts, catalogue, orders, payments, refunds, transactions, reports. */
async function journey(client: (token?: () => string | undefined) => CommerceClient): Promise<void> {
  const anonymous = client();
  expectStatus(await anonymous.GET('/health/live'), 200);
  expectStatus(await anonymous.GET('/health/ready'), 200);
  const metrics = expectStatus(await anonymous.GET('/metrics', { parseAs: 'text' }), 200);
  expect(metrics.data).toContain('http_requests_total');

  const adminLogin = expectStatus(await anonymous.POST('/api/v1/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } }), 200);
  const admin = client(() => adminLogin.data!.accessToken);

  // Accounts: register, a duplicate, log in, refresh, the profile, the password.
  const email = `contract-${randomUUID()}@test.example`;
  const registered = expectStatus(await anonymous.POST('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Contract Carla' } }), 201);
  expect(registered.data).toMatchObject({ email, role: 'customer', status: 'active' });
  expectStatus(await anonymous.POST('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Contract Carla' } }), 409);
  const login = expectStatus(await anonymous.POST('/api/v1/auth/login', { body: { email, password: PASSWORD } }), 200);
  const refreshed = expectStatus(await anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: login.data!.refreshToken } }), 200);
  const customer = client(() => refreshed.data!.accessToken);
  expect((expectStatus(await customer.GET('/api/v1/users/me'), 200)).data).toMatchObject({ id: registered.data!.id, email });
  expect((expectStatus(await customer.PATCH('/api/v1/users/me', { body: { name: 'Carla C.' } }), 200)).data?.name).toBe('Carla C.');
  const newPassword = `${PASSWORD} and more`;
  expectStatus(await customer.POST('/api/v1/users/me/password', { body: { currentPassword: PASSWORD, newPassword } }), 204);
  expectStatus(await client(() => 'not-a-token').GET('/api/v1/users/me'), 401);

  // Accounts as an admin sees them; a customer may not.
  const users = expectStatus(await admin.GET('/api/v1/users', { params: { query: { limit: 100 } } }), 200);
  expect(users.data?.items.map((user) => user.email)).toContain(email);
  expectStatus(await customer.GET('/api/v1/users'), 403);
  expect((expectStatus(await admin.GET('/api/v1/users/{id}', { params: { path: { id: registered.data!.id } } }), 200)).data?.email).toBe(email);
  const other = expectStatus(
    await anonymous.POST('/api/v1/auth/register', { body: { email: `contract-${randomUUID()}@test.example`, password: PASSWORD, name: 'Disabled Dan' } }),
    201,
  );
  const disabled = expectStatus(await admin.PATCH('/api/v1/users/{id}', { params: { path: { id: other.data!.id } }, body: { status: 'disabled' } }), 200);
  expect(disabled.data?.status).toBe('disabled');

  // The catalogue.
  const sku = `CONTRACT-${randomUUID().slice(0, 8).toUpperCase()}`;
  const productBody = { sku, name: 'Contract mug', description: 'Validated on the wire', price: { amount: 1500, currency: 'USD' }, stock: 10 };
  const product = expectStatus(await admin.POST('/api/v1/products', { body: productBody }), 201).data!;
  expectStatus(await admin.POST('/api/v1/products', { body: productBody }), 409);
  const found = expectStatus(await anonymous.GET('/api/v1/products', { params: { query: { search: sku, limit: 10 } } }), 200);
  expect(found.data?.items.map((item) => item.id)).toEqual([product.id]);
  expect((expectStatus(await anonymous.GET('/api/v1/products/{id}', { params: { path: { id: product.id } } }), 200)).data?.sku).toBe(sku);
  expectStatus(await anonymous.GET('/api/v1/products/{id}', { params: { path: { id: randomUUID() } } }), 404);
  expect((expectStatus(await admin.PATCH('/api/v1/products/{id}', { params: { path: { id: product.id } }, body: { stock: 20 } }), 200)).data?.stock).toBe(20);
  const retired = expectStatus(await admin.POST('/api/v1/products', { body: { ...productBody, sku: `${sku}-OLD` } }), 201).data!;
  expectStatus(await admin.DELETE('/api/v1/products/{id}', { params: { path: { id: retired.id } } }), 204);

  // Orders: one to cancel, one for an unknown product, one to pay, fulfil and refund.
  const line = { items: [{ productId: product.id, quantity: 2 }] };
  const toCancel = expectStatus(await customer.POST('/api/v1/orders', { body: line }), 201).data!;
  const cancelled = expectStatus(await customer.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: toCancel.id } } }), 200);
  expect(cancelled.data?.status).toBe('cancelled');
  expectStatus(await customer.POST('/api/v1/orders', { body: { items: [{ productId: randomUUID(), quantity: 1 }] } }), 422);
  const order = expectStatus(await customer.POST('/api/v1/orders', { body: line }), 201).data!;
  expect(order).toMatchObject({ status: 'pending_payment', total: { amount: 3000, currency: 'USD' } });
  const orders = expectStatus(await customer.GET('/api/v1/orders'), 200);
  expect(orders.data?.items.map((item) => item.id)).toEqual([order.id, toCancel.id]);
  expectStatus(await customer.GET('/api/v1/orders/{id}', { params: { path: { id: randomUUID() } } }), 404);

  // Payments and refunds: a declined card, a paid order, a replayed retry, a refund.
  const pay = (paymentMethod: string, key: string) =>
    customer.POST('/api/v1/orders/{id}/payments', { params: { path: { id: order.id }, header: { 'Idempotency-Key': key } }, body: { paymentMethod } });
  expectStatus(await pay('pm_card_chargeDeclined', randomUUID()), 402);
  const key = randomUUID();
  const payment = expectStatus(await pay('pm_card_visa', key), 201).data!;
  expect(payment).toMatchObject({ orderId: order.id, type: 'payment', status: 'succeeded', amount: { amount: 3000, currency: 'USD' } });
  expect((expectStatus(await pay('pm_card_visa', key), 201)).data).toEqual(payment);
  expectStatus(await customer.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: order.id } } }), 409);
  expect((expectStatus(await admin.POST('/api/v1/orders/{id}/fulfil', { params: { path: { id: order.id } } }), 200)).data?.status).toBe('fulfilled');
  const refund = expectStatus(
    await admin.POST('/api/v1/orders/{id}/refunds', {
      params: { path: { id: order.id }, header: { 'Idempotency-Key': randomUUID() } },
      body: { amount: { amount: 500, currency: 'USD' }, reason: 'One mug arrived chipped' },
    }),
    201,
  ).data!;
  expect(refund).toMatchObject({ orderId: order.id, type: 'refund', status: 'succeeded', amount: { amount: 500, currency: 'USD' } });
  expect((expectStatus(await customer.GET('/api/v1/orders/{id}', { params: { path: { id: order.id } } }), 200)).data?.status).toBe('fulfilled');

  // The transactions that record it all.
  const transactions = expectStatus(await customer.GET('/api/v1/transactions', { params: { query: { orderId: order.id } } }), 200);
  expect(transactions.data?.items.map((t) => `${t.type} ${t.status}`).sort()).toEqual(['payment failed', 'payment succeeded', 'refund succeeded']);
  expect((expectStatus(await customer.GET('/api/v1/transactions/{id}', { params: { path: { id: refund.id } } }), 200)).data).toEqual(refund);

  // Reports, as JSON and as CSV; not for customers.
  const range = { from: today(), to: today() };
  const sales = expectStatus(await admin.GET('/api/v1/reports/sales', { params: { query: { ...range, interval: 'day' } } }), 200);
  expect(sales.data).toMatchObject({ totals: { orders: 1, gross: { amount: 3000 }, refunds: { amount: 500 }, net: { amount: 2500 } } });
  const salesCsv = expectStatus(await admin.GET('/api/v1/reports/sales', { params: { query: range }, headers: { accept: 'text/csv' }, parseAs: 'text' }), 200);
  expect(salesCsv.data?.split('\n')[0]).toContain('period');
  // The ranking reads a model the outbox relay feeds (every 200 ms): ask until the payment is in it.
  let top = expectStatus(await admin.GET('/api/v1/reports/top-products', { params: { query: range } }), 200);
  for (let attempt = 0; attempt < 50 && top.data?.length === 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    top = expectStatus(await admin.GET('/api/v1/reports/top-products', { params: { query: range } }), 200);
  }
  expect(top.data).toEqual([expect.objectContaining({ productId: product.id, unitsSold: 2 })]);
  const topCsv = expectStatus(await admin.GET('/api/v1/reports/top-products', { params: { query: range }, headers: { accept: 'text/csv' }, parseAs: 'text' }), 200);
  expect(topCsv.data).toContain(sku);
  expectStatus(await customer.GET('/api/v1/reports/sales', { params: { query: range } }), 403);

  // Events a consumer gave up on: none on this journey (test/events/poison-events.e2e-spec.ts parks and replays some).
  expect(expectStatus(await admin.GET('/api/v1/parked-events', { params: { query: { consumer: 'shop-mails', limit: 10 } } }), 200).data).toEqual({ items: [], nextCursor: null });
  expectStatus(await admin.POST('/api/v1/parked-events/{id}/replay', { params: { path: { id: randomUUID() } } }), 404);
  expectStatus(await customer.GET('/api/v1/parked-events'), 403);

  await webhookJourney(admin, customer);

  // Logging out ends the session at once.
  expectStatus(await customer.POST('/api/v1/auth/logout'), 204);
  expectStatus(await customer.GET('/api/v1/users/me'), 401);
}

/** The link of the newest mail with this subject to the address: its token. */
async function mailedToken(inbox: SmtpInbox, address: string, subject: string, count = 1): Promise<string> {
  await inbox.waitFor(() => inbox.to(address).filter((mail) => mail.subject === subject).length >= count, 15_000);
  const mails = inbox.to(address).filter((mail) => mail.subject === subject);
  return /token=([A-Za-z0-9_-]+)/.exec(mails[count - 1].text)![1];
}

/** Account recovery and proven addresses, with the tokens the app mails: every route, with its documented refusals. */
async function accountMails(client: (token?: () => string | undefined) => CommerceClient, inbox: SmtpInbox): Promise<void> {
  const anonymous = client();
  const email = `contract-mail-${randomUUID()}@test.example`;
  expectStatus(await anonymous.POST('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Contract Mila' } }), 201);
  const login = expectStatus(await anonymous.POST('/api/v1/auth/login', { body: { email, password: PASSWORD } }), 200);
  const customer = client(() => login.data!.accessToken);

  await mailedToken(inbox, email, 'Confirm your email address');
  expectStatus(await customer.POST('/api/v1/auth/email-verification'), 202);
  const verification = await mailedToken(inbox, email, 'Confirm your email address', 2);
  expectStatus(await anonymous.POST('/api/v1/auth/email-verification/confirm', { body: { token: verification } }), 204);
  expectStatus(await customer.POST('/api/v1/auth/email-verification'), 409);
  expect(expectStatus(await customer.GET('/api/v1/users/me'), 200).data?.emailVerified).toBe(true);

  const moved = `moved-${email}`;
  expectStatus(await customer.POST('/api/v1/users/me/email', { body: { email: moved, password: PASSWORD } }), 202);
  expectStatus(await anonymous.POST('/api/v1/auth/email-verification/confirm', { body: { token: await mailedToken(inbox, moved, 'Confirm your new email address') } }), 204);

  const accepted = expectStatus(await anonymous.POST('/api/v1/auth/password-reset', { body: { email: moved } }), 202);
  expect(accepted.data?.message).toEqual(expect.any(String));
  const reset = await mailedToken(inbox, moved, 'Reset your password');
  const newPassword = 'a contract-tested new passphrase';
  expectStatus(await anonymous.POST('/api/v1/auth/password-reset/confirm', { body: { token: reset, password: newPassword } }), 204);
  expectStatus(await anonymous.POST('/api/v1/auth/password-reset/confirm', { body: { token: reset, password: newPassword } }), 400);
  expectStatus(await customer.GET('/api/v1/users/me'), 401);
}

/** Webhooks as an admin manages them, with a receiver on loopback: register, read, change, rotate, test, follow, retry, remove. */
async function webhookJourney(admin: CommerceClient, customer: CommerceClient): Promise<void> {
  const receiver = await WebhookReceiver.start();
  try {
    const body = { url: receiver.url('/contract'), events: ['order.paid' as const], description: 'Contract receiver' };
    const created = expectStatus(await admin.POST('/api/v1/webhook-endpoints', { body }), 201).data!;
    expect(created.secret).toMatch(/^whsec_/);
    expectStatus(await admin.POST('/api/v1/webhook-endpoints', { body: { ...body, url: 'ftp://example.com/hook' } }), 400);
    expectStatus(await customer.GET('/api/v1/webhook-endpoints'), 403);
    const listed = expectStatus(await admin.GET('/api/v1/webhook-endpoints', { params: { query: { limit: 10 } } }), 200);
    expect(listed.data?.items.map((endpoint) => endpoint.id)).toContain(created.id);
    const byId = { params: { path: { id: created.id } } };
    expect(expectStatus(await admin.GET('/api/v1/webhook-endpoints/{id}', byId), 200).data).not.toHaveProperty('secret');
    expectStatus(await admin.GET('/api/v1/webhook-endpoints/{id}', { params: { path: { id: randomUUID() } } }), 404);
    const changed = expectStatus(await admin.PATCH('/api/v1/webhook-endpoints/{id}', { ...byId, body: { events: ['order.paid', 'refund.succeeded'] } }), 200);
    expect(changed.data?.events).toEqual(['order.paid', 'refund.succeeded']);
    const rotated = expectStatus(await admin.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', byId), 200).data!;

    const test = expectStatus(await admin.POST('/api/v1/webhook-endpoints/{id}/test', byId), 202).data!;
    expect(test).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    for (let attempt = 0; attempt < 100 && receiver.at('/contract').length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(verifiedPayload(rotated.secret, receiver.at('/contract')[0]).type).toBe('webhook.test');
    const deliveries = expectStatus(await admin.GET('/api/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: created.id }, query: { limit: 10 } } }), 200);
    expect(deliveries.data?.items.map((delivery) => delivery.id)).toEqual([test.id]);
    let retried = await admin.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', { params: { path: { id: created.id, deliveryId: test.id } } });
    // An attempt under way answers 409 until it has ended.
    for (let attempt = 0; attempt < 50 && retried.response.status === 409; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await admin.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', { params: { path: { id: created.id, deliveryId: test.id } } });
    }
    expectStatus(retried, 202);
    expectStatus(await admin.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', { params: { path: { id: created.id, deliveryId: randomUUID() } } }), 404);
    // Nothing was given up: a recovery finds nothing to attempt again.
    const recovered = expectStatus(await admin.POST('/api/v1/webhook-endpoints/{id}/recover', { ...byId, body: { since: '2020-01-01T00:00:00Z' } }), 202);
    expect(recovered.data).toEqual({ recovered: 0 });
    expectStatus(await admin.DELETE('/api/v1/webhook-endpoints/{id}', byId), 204);
  } finally {
    await receiver.close();
  }
}
