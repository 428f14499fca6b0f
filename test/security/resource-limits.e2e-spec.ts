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

  // JSON takes any depth; the body's checks walk it recursively, and would overflow the stack (a 500).
  it('refuses a body nested deeper than any the API takes, on every operation with a body', async () => {
    const writes = operations.filter((op) => op.operation.requestBody);
    for (const op of writes) {
      const reply = await t.http.request<{ errors?: unknown }>(op.method, urlOf(op), undefined, {
        token: tokenFor(op),
        payload: '['.repeat(5000) + ']'.repeat(5000),
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      expect({ request: label(op, 'nested body'), status: reply.status, errors: reply.body.errors }).toEqual({
        request: label(op, 'nested body'),
        status: 400,
        errors: [{ field: 'body', message: 'body is nested more than 32 levels deep' }],
      });
    }
    expect(writes.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses text PostgreSQL cannot store (a lone surrogate, NUL) in any string of a body, naming the field', async () => {
    const register = (email: string, name: string) => t.http.post('/api/v1/auth/register', { email, password: 'a sufficiently long passphrase', name });
    const surrogate = await register(`\ud800-${randomUUID()}@test.example`, 'Someone');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors).toEqual([{ field: 'email', message: 'email must be valid Unicode text without NUL characters' }]);
    expect((await register(`x-${randomUUID()}@test.example`, 'A \udc00 name')).status).toBe(400);
    expect((await register(`x-${randomUUID()}@test.example`, 'A \u0000 name')).status).toBe(400);
  });

  it('refuses an Idempotency-Key longer than 255 characters', async () => {
    const reply = await t.http.post(`/api/v1/orders/${randomUUID()}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(reply.status).toBe(400);
  });
});

/** Password checks (argon2id) wait for a slot for PASSWORD_HASH_MAX_WAIT_MS at most: the queue of a flood stays bounded. */
describe('A bounded wait for password checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_MAX_WAIT_MS: '1' } });
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After to the checks that waited too long, having recorded nothing for them', async () => {
    const emails = Array.from({ length: 6 }, () => `burst-${randomUUID()}@test.example`);
    const replies = await Promise.all(emails.map((email) => t.http.post('/api/v1/auth/register', { email, password: 'a sufficiently long passphrase', name: 'Burst' })));
    const refused = emails.filter((_, i) => replies[i].status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(replies.every((reply) => reply.status === 201 || reply.status === 503)).toBe(true);
    const problem = replies.find((reply) => reply.status === 503)!;
    expect(problem.body.type).toMatch(/service-unavailable$/);
    expect(Number(problem.headers['retry-after'])).toBeGreaterThan(0);
    // No account was made for them: each registers now, alone, as new.
    for (const email of refused) expect((await t.http.post('/api/v1/auth/register', { email, password: 'a sufficiently long passphrase', name: 'Burst' })).status).toBe(201);
  });
});
