import { randomUUID } from 'node:crypto';
import { asAdmin, newCustomer, type LoggedIn } from '../support/journeys';
import { type DocumentedOperation, exampleBody, operationsOf, requiresToken, urlOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';

/** OWASP API4 (unrestricted resource consumption): every documented bound is enforced. */
describe('Resource limits on every documented operation', () => {
  let t: TestApp;
  let document: any;
  let operations: DocumentedOperation[];
  let customer: LoggedIn;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs/openapi.json')).body;
    operations = operationsOf(document);
    customer = await newCustomer(t.http);
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const tokenFor = (op: DocumentedOperation) =>
    op.operation['x-required-roles']?.includes('admin') ? admin.token : requiresToken(op) ? customer.token : undefined;
  const label = (op: DocumentedOperation, what: string) => `${op.operation.operationId} ${what}`;

  it('refuses a page size above 100 and below 1 on every list', async () => {
    const lists = operations.filter((op) => op.operation.parameters?.some((p) => p.name === 'limit'));
    expect(lists.length).toBeGreaterThanOrEqual(5);
    for (const op of lists) {
      for (const limit of [101, 0, -1]) {
        const url = `${urlOf(op)}${urlOf(op).includes('?') ? '&' : '?'}limit=${limit}`;
        const reply = await t.http.get(url, { token: tokenFor(op) });
        expect({ request: label(op, `limit=${limit}`), status: reply.status }).toEqual({ request: label(op, `limit=${limit}`), status: 400 });
      }
    }
  });

  it('refuses every string longer than its documented maxLength', async () => {
    const writes = operations.filter((op) => op.operation.requestBody);
    let checked = 0;
    for (const op of writes) {
      const schemaRef: string = op.operation.requestBody!.content['application/json'].schema.$ref!;
      const schema = document.components.schemas[schemaRef.split('/').pop()!];
      for (const [name, property] of Object.entries<any>(schema.properties)) {
        if (property.type !== 'string' || !property.maxLength || property.pattern) continue;
        const body = { ...exampleBody(op, document), [name]: 'x'.repeat(property.maxLength + 1) };
        const reply = await t.http.request(op.method, urlOf(op), body, { token: tokenFor(op), headers: { 'idempotency-key': randomUUID() } });
        expect({ request: label(op, name), status: reply.status }).toEqual({ request: label(op, name), status: 400 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('refuses an Idempotency-Key longer than 255 characters', async () => {
    const reply = await t.http.post(`/api/v1/orders/${randomUUID()}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(reply.status).toBe(400);
  });
});
