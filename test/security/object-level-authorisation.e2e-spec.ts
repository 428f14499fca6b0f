import { randomUUID } from 'node:crypto';
import { anOrder, asAdmin, newCustomer, pay, type LoggedIn } from '../support/journeys';
import { type DocumentedOperation, operationsOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * OWASP API1 (broken object-level authorisation): every operation that takes an id of an order, transaction or
 * user, tried by another customer on a real object of Alice's, must answer as if it did not exist (404) or refuse
 * the role (403), and change nothing.
 */
describe('Object-level authorisation on every id-taking operation', () => {
  let t: TestApp;
  let operations: DocumentedOperation[];
  let alice: LoggedIn;
  let mallory: LoggedIn;
  let ids: Record<'orders' | 'transactions' | 'users', string>;
  beforeAll(async () => {
    t = await startTestApp();
    operations = operationsOf((await t.http.get('/docs/openapi.json')).body).filter((op) =>
      /^\/api\/v1\/(orders|transactions|users)\/\{id\}/.test(op.template),
    );
    const admin = await asAdmin(t.http);
    alice = await newCustomer(t.http, 'Alice');
    mallory = await newCustomer(t.http, 'Mallory');
    const order = await anOrder(t.http, admin.token, alice);
    const paid = await pay(t.http, alice.token, (await anOrder(t.http, admin.token, alice)).id);
    ids = { orders: order.id, transactions: paid.body.id, users: alice.userId };
  });
  afterAll(() => t.close());

  const bodies: Record<string, unknown> = {
    cancelOrder: undefined,
    fulfilOrder: undefined,
    payOrder: { paymentMethod: 'pm_card_visa' },
    refundOrder: { amount: { amount: 1, currency: 'USD' }, reason: 'mine now' },
    updateUser: { status: 'disabled' },
  };

  // Admin-only operations refuse the role (403) before looking the id up; a customer's own things answer another
  // customer as if they did not exist (404), so that nobody learns which orders or transactions exist.
  const refusal: Record<string, 403 | 404> = {
    cancelOrder: 404,
    fulfilOrder: 403,
    getOrder: 404,
    getTransaction: 404,
    getUser: 403,
    payOrder: 404,
    refundOrder: 403,
    updateUser: 403,
  };

  it('covers every such operation in the document', () => {
    expect(operations.map((op) => op.operation.operationId).sort()).toEqual(Object.keys(refusal).sort());
  });

  it('answers another customer 404, or 403 for an admin\'s operation, and leaves Alice\'s things as they were', async () => {
    const before = await Promise.all([
      t.http.get(`/api/v1/orders/${ids.orders}`, { token: alice.token }),
      t.http.get(`/api/v1/transactions/${ids.transactions}`, { token: alice.token }),
      t.http.get('/api/v1/users/me', { token: alice.token }),
    ]);
    for (const op of operations) {
      const resource = op.template.split('/')[3] as keyof typeof ids;
      const url = op.template.replace('{id}', ids[resource]);
      const reply = await t.http.request(op.method, url, bodies[op.operation.operationId], {
        token: mallory.token,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect({ operation: op.operation.operationId, status: reply.status }).toEqual({ operation: op.operation.operationId, status: refusal[op.operation.operationId] });
      expect(reply.text).not.toContain(alice.email);
    }
    const after = await Promise.all([
      t.http.get(`/api/v1/orders/${ids.orders}`, { token: alice.token }),
      t.http.get(`/api/v1/transactions/${ids.transactions}`, { token: alice.token }),
      t.http.get('/api/v1/users/me', { token: alice.token }),
    ]);
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
  });
});
