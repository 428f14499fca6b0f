import { randomUUID } from 'node:crypto';
import { asAdmin, newCustomer, type LoggedIn } from '../support/journeys';
import { type DocumentedOperation, exampleBody, operationsOf, requiresToken, urlOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';

/** OWASP API3 (property-level authorisation, mass assignment): no write accepts a property it does not declare. */
describe('Mass assignment on every documented write', () => {
  let t: TestApp;
  let document: any;
  let customer: LoggedIn;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs/openapi.json')).body;
    customer = await newCustomer(t.http);
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const tokenFor = (op: DocumentedOperation) => {
    const roles = op.operation['x-required-roles'];
    if (roles?.includes('admin')) return admin.token;
    return requiresToken(op) ? customer.token : undefined;
  };
  const injected = { role: 'admin', status: 'active', customerId: randomUUID(), total: { amount: 1, currency: 'USD' }, isAdmin: true };

  it('refuses privileged or unknown properties on every body with 400, naming them', async () => {
    const writes = operationsOf(document).filter((op) => op.operation.requestBody);
    expect(writes.length).toBeGreaterThan(8);
    for (const op of writes) {
      const body = exampleBody(op, document)!;
      const extra = Object.fromEntries(Object.entries(injected).filter(([name]) => !(name in body)));
      const reply = await t.http.request<any>(op.method, urlOf(op), { ...body, ...extra }, { token: tokenFor(op), headers: { 'idempotency-key': randomUUID() } });
      expect({ operation: op.operation.operationId, status: reply.status }).toEqual({ operation: op.operation.operationId, status: 400 });
      const fields = (reply.body.errors ?? []).map((e: { field: string }) => e.field);
      for (const name of Object.keys(extra)) expect({ operation: op.operation.operationId, fields }).toEqual({ operation: op.operation.operationId, fields: expect.arrayContaining([name]) });
    }
  });

  it('refuses properties named after Object.prototype\'s members on every body, and in a query, with 400 naming them', async () => {
    const writes = operationsOf(document).filter((op) => op.operation.requestBody);
    const named = { constructor: { role: 'admin' }, toString: 'x', hasOwnProperty: 1 };
    for (const op of writes) {
      const body = { ...exampleBody(op, document)!, ...named };
      const reply = await t.http.request<any>(op.method, urlOf(op), body, { token: tokenFor(op), headers: { 'idempotency-key': randomUUID() } });
      const fields = (reply.body.errors ?? []).map((e: { field: string }) => e.field);
      expect({ operation: op.operation.operationId, status: reply.status, fields }).toEqual({
        operation: op.operation.operationId,
        status: 400,
        fields: expect.arrayContaining(Object.keys(named)),
      });
    }
    const query = await t.http.get('/api/v1/products?limit=5&constructor=1&valueOf=2');
    expect({ status: query.status, errors: query.body.errors }).toEqual({
      status: 400,
      errors: [
        { field: 'constructor', message: 'property constructor should not exist' },
        { field: 'valueOf', message: 'property valueOf should not exist' },
      ],
    });
  });

  it('refuses a body on every documented write that takes none, and takes the empty {} some clients send', async () => {
    const bodiless = operationsOf(document).filter((op) => op.method !== 'GET' && !op.operation.requestBody);
    expect(bodiless.length).toBeGreaterThanOrEqual(9);
    for (const op of bodiless) {
      for (const body of [injected, [], 'text', 0]) {
        const reply = await t.http.request<any>(op.method, urlOf(op), body, { token: tokenFor(op) });
        expect({ operation: op.operation.operationId, status: reply.status, errors: reply.body.errors }).toEqual({
          operation: op.operation.operationId,
          status: 400,
          errors: [{ field: 'body', message: 'this operation takes no body' }],
        });
      }
    }
    const order = `/api/v1/orders/${randomUUID()}/cancel`;
    expect((await t.http.post(order, {}, { token: customer.token })).status).toBe(404);
    // Nothing at all, with the Content-Type some clients set on every request: no body either.
    const emptyJson = { payload: '', headers: { 'content-type': 'application/json' } };
    expect((await t.http.request('POST', order, undefined, { token: customer.token, ...emptyJson })).status).toBe(404);
    const leaving = await newCustomer(t.http);
    const logout = await t.http.request('POST', '/api/v1/auth/logout', undefined, { token: leaving.token, ...emptyJson });
    expect(logout.status).toBe(204);
  });
});
