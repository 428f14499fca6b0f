import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import fc from 'fast-check';
import { anOrder, asAdmin, newCustomer, pay, type LoggedIn } from '../support/journeys';
import { type DocumentedOperation, exampleBody, operationsOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';
import { MikroORM } from '../support/built';

/**
 * Property-based fuzzing driven by the OpenAPI document: random, boundary and type-confused bodies, queries and
 * path values (over-long and badly percent-encoded ones too) against every operation, as anonymous, customer and
 * admin. Properties: never a 5xx; every reply is what the document declares (checked by the harness, problems
 * included); every 4xx is a problem, whichever layer answered it, and changes nothing.
 * FUZZ_RUNS (default 400) and FUZZ_SEED (default 20261124) make a longer or different run: FUZZ_RUNS=20000 npm test.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 400);
const seed = Number(process.env.FUZZ_SEED ?? 20261124);

const confused = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e21, -0),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', "' or 1=1 --", '%_\\', '<script>', '../../etc/passwd', '\u0000', '\ud800', 'x\udc00y', '😀'.repeat(300), 'x'.repeat(5000)),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

describe('Fuzzing every documented operation', () => {
  let t: TestApp;
  let document: any;
  let operations: DocumentedOperation[];
  let sql: SqlEntityManager;
  let actors: Record<'anonymous' | 'customer' | 'admin', LoggedIn | undefined>;
  let knownIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs/openapi.json')).body;
    // Operations that end the fuzzer's own sessions or accounts have dedicated tests; fuzzing them would only
    // turn every later request into a 401. A wrong password given to changeEmail counts toward the account's
    // lockout, a 400 that changes the account on purpose (accounts.e2e-spec.ts).
    operations = operationsOf(document).filter((op) => !['logout', 'changePassword', 'changeEmail', 'updateUser'].includes(op.operation.operationId));
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    await pay(t.http, customer.token, order.id);
    knownIds = [order.id, customer.userId, admin.userId];
    actors = { anonymous: undefined, customer, admin };
  });
  afterAll(() => t.close());

  /** A fingerprint of everything a request could change. */
  const state = async () =>
    JSON.stringify(
      await sql.execute(`select
        (select count(*) from users) as users, (select coalesce(sum(failed_logins), 0) from users) as failures,
        (select string_agg(role || status || name, ',' order by id) from users) as profiles,
        (select count(*) from sessions where ended_at is null) as sessions,
        (select count(*) || ':' || coalesce(sum(stock), 0) || ':' || coalesce(sum(price_amount), 0) || ':' || string_agg(status, '' order by id) from products) as products,
        (select count(*) || ':' || string_agg(status, '' order by id) from orders) as orders,
        (select count(*) from transactions) as transactions`),
    );

  const request = fc.record({
    op: fc.integer({ min: 0, max: 1000 }),
    actor: fc.constantFrom('anonymous', 'customer', 'admin' as const),
    pathValue: fc.oneof(
      fc.constantFrom(...[0, 1, 2]).map(() => 'known'),
      fc.uuid(),
      fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
      // Longer than the router's maxParamLength (200), up to past the bound of a problem's instance.
      fc.integer({ min: 201, max: 3000 }).map((length) => 'x'.repeat(length)),
      fc.string({ minLength: 201, maxLength: 400 }).map(encodeURIComponent),
      // Percent signs that decode to nothing: the router refuses the path.
      fc.constantFrom('%', '%zz', 'a%E0%A4%A', '%C0%AF'),
    ),
    mutation: fc.oneof(
      fc.constant({ kind: 'example' as const }),
      fc.record({ kind: fc.constant('confuse' as const), field: fc.nat(), value: confused }),
      fc.record({ kind: fc.constant('replace' as const), value: confused }),
      fc.record({ kind: fc.constant('extra' as const), name: fc.string({ minLength: 1, maxLength: 10 }), value: confused }),
    ),
    query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'search', 'status', 'from', 'to', 'interval', 'orderId', 'type', 'customerId'), fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)), { maxKeys: 3 }),
  });

  it('never answers 5xx, always as documented, and changes nothing on a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const op = operations[input.op % operations.length];
        const path = op.template.replace(/\{[^}]+\}/g, () => (input.pathValue === 'known' ? knownIds[input.op % knownIds.length] : input.pathValue));
        const query = new URLSearchParams(input.query).toString();
        const url = query ? `${path}?${query}` : path;
        let body: unknown = exampleBody(op, document);
        const example = exampleBody(op, document);
        if (example) {
          const fields = Object.keys(example);
          if (input.mutation.kind === 'confuse' && fields.length) body = { ...example, [fields[input.mutation.field % fields.length]]: input.mutation.value };
          if (input.mutation.kind === 'replace') body = input.mutation.value;
          if (input.mutation.kind === 'extra') body = { ...example, [input.mutation.name]: input.mutation.value };
        }
        const before = await state();
        const reply = await t.http.request(op.method, url, op.operation.requestBody ? body : undefined, {
          token: actors[input.actor]?.token,
          headers: { 'idempotency-key': randomUUID() },
        });
        if (reply.status >= 500) throw new Error(`${op.operation.operationId} ${url} answered ${reply.status}: ${reply.text}`);
        if (reply.status >= 400) {
          // A problem from whichever layer refused the request, the router's and the body parser's included.
          expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(reply.body).toMatchObject({ status: reply.status, traceId: reply.headers['x-request-id'] });
          expect(await state()).toBe(before);
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  });
});
