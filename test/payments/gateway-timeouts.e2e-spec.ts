import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM } from '../support/built';
import { anOrder, asAdmin, newCustomer, pay } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('A slow payment gateway and impatient clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PAYMENT_GATEWAY_LATENCY_MS: '1500' } });
  });
  afterAll(() => t.close());

  it('charges once however often the client retries while the gateway is slow', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    const first = pay(t.http, customer.token, order.id, 'pm_card_visa', key); // the client gives up waiting on this one
    // The retries go out once the first request holds the key (its payment is then with the slow gateway).
    const claimed = () => t.app.get(MikroORM).em.getConnection().execute<Array<{ state: string }>>('select state from idempotency_keys where key = ?', [key]);
    const deadline = Date.now() + 5_000;
    while ((await claimed()).length === 0 && Date.now() < deadline) await sleep(20);
    expect(await claimed()).toEqual([{ state: 'in_flight' }]);
    const retries = await Promise.all([1, 2, 3].map(() => pay(t.http, customer.token, order.id, 'pm_card_visa', key)));
    expect(retries.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(retries[0].body.type).toMatch(/idempotent-request-in-flight$/);
    const original = await first;
    expect(original.status).toBe(201);
    const later = await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    expect(later.text).toBe(original.text);
    const history = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(history.body.items).toEqual([expect.objectContaining({ type: 'payment', status: 'succeeded' })]);
  });
});
