import { randomUUID } from 'node:crypto';
import { asAdmin, newCustomer, type LoggedIn } from '../support/journeys';
import { type DocumentedOperation, operationsOf, requiresToken, urlOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';

/** OWASP API5 (broken function-level authorisation), for every operation the document lists. */
describe('Function-level authorisation on every documented operation', () => {
  let t: TestApp;
  let operations: DocumentedOperation[];
  let customer: LoggedIn;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    operations = operationsOf((await t.http.get('/docs/openapi.json')).body);
    customer = await newCustomer(t.http);
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const call = (op: DocumentedOperation, token?: string) =>
    t.http.request(op.method, urlOf(op), op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, {
      token,
      headers: { 'idempotency-key': randomUUID() },
    });

  it('finds the operations to check', () => {
    expect(operations.filter(requiresToken).length).toBeGreaterThan(15);
    expect(operations.filter((op) => op.operation['x-required-roles']?.includes('admin')).length).toBeGreaterThanOrEqual(10);
  });

  it('refuses anonymous callers on every secured operation with 401 and WWW-Authenticate: Bearer', async () => {
    for (const op of operations.filter(requiresToken)) {
      const reply = await call(op);
      const refusal = { operation: op.operation.operationId, status: reply.status, challenge: reply.headers['www-authenticate'] };
      expect(refusal).toEqual({ operation: op.operation.operationId, status: 401, challenge: 'Bearer' });
    }
  });

  it('refuses customers on every admin operation with 403', async () => {
    for (const op of operations.filter((o) => o.operation['x-required-roles'] && !o.operation['x-required-roles'].includes('customer'))) {
      const reply = await call(op, customer.token);
      expect({ operation: op.operation.operationId, status: reply.status }).toEqual({ operation: op.operation.operationId, status: 403 });
    }
  });

  it('refuses admins on operations only customers may take (placing and paying their own orders) with 403', async () => {
    for (const op of operations.filter((o) => o.operation['x-required-roles'] && !o.operation['x-required-roles'].includes('admin'))) {
      const reply = await call(op, admin.token);
      expect({ operation: op.operation.operationId, status: reply.status }).toEqual({ operation: op.operation.operationId, status: 403 });
    }
  });
});
