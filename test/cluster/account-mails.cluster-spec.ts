import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterClient } from '../support/cluster-client';
import { ADMIN, PASSWORD } from '../support/journeys';
import { type RunningProcess, startInstance, startNats } from '../support/service-processes';
import { SmtpInbox } from '../support/smtp-inbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Three instances of the built app, one database, NATS, one SMTP server: a reset asked on one instance is
 * confirmed on another, and every event is mailed once, whichever instance relays and delivers it.
 */
describe('Account and shop mails across three instances', () => {
  let database: TestDatabase;
  let nats: Awaited<ReturnType<typeof startNats>>;
  let inbox: SmtpInbox;
  let instances: Array<RunningProcess & { logs: string[] }> = [];
  let api: ClusterClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    [nats, inbox] = await Promise.all([startNats(), SmtpInbox.start()]);
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      SMTP_URL: inbox.url,
      MAIL_DISABLED: 'false',
      PUBLIC_APP_URL: 'https://shop.test.example',
      MAIL_DELIVERY_INTERVAL_MS: '200',
      AUTH_THROTTLE_LIMIT: '1000',
      LOG_LEVEL: 'info', // production's level: no token may reach it
    };
    instances = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
    api = new ClusterClient(instances.map((instance) => instance.url));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await nats?.stop();
    nats?.removeStore();
    await inbox?.close();
    await database?.drop();
  });

  const subjectsTo = (address: string) => inbox.to(address).map((mail) => mail.subject).sort();

  it('confirms on one instance the reset asked on another, and mails each event once', async () => {
    const email = `cluster-mail-${randomUUID()}@test.example`;
    expect((await api.post('/auth/register', { email, password: PASSWORD, name: 'Cluster mail' }, { instance: 0 })).status).toBe(201);
    expect((await api.post('/auth/password-reset', { email }, { instance: 1 })).status).toBe(202);

    const mail = await inbox.waitFor((received) => received.to.includes(email) && received.subject === 'Reset your password', 20_000);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const newPassword = 'a new cluster passphrase';
    expect((await api.post('/auth/password-reset/confirm', { token, password: newPassword }, { instance: 2 })).status).toBe(204);
    expect((await api.post('/auth/login', { email, password: newPassword }, { instance: 0 })).status).toBe(200);
    expect((await api.post('/auth/password-reset/confirm', { token, password: 'and yet another one' }, { instance: 1 })).status).toBe(400);
    const proof = await inbox.waitFor((received) => received.to.includes(email) && received.subject === 'Confirm your email address', 20_000);
    const verification = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(proof.text)![1];

    const adminToken = await api.logIn(ADMIN.email, ADMIN.password);
    const product = await api.post('/products', { sku: `CM-${randomUUID().slice(0, 8).toUpperCase()}`, name: 'Cluster mug', price: { amount: 700, currency: 'USD' }, stock: 10 }, { token: adminToken });
    const token2 = await api.logIn(email, newPassword);
    const orders = await Promise.all([0, 1, 2].map((instance) => api.post('/orders', { items: [{ productId: product.body.id, quantity: 1 }] }, { token: token2, instance })));
    expect(orders.map((order) => order.status)).toEqual([201, 201, 201]);

    const expected = ['Confirm your email address', 'Reset your password', 'Your password was changed', ...orders.map((order) => `Your order ${order.body.id}`)].sort();
    const deadline = Date.now() + 20_000;
    while (subjectsTo(email).length < expected.length && Date.now() < deadline) await sleep(100);
    await sleep(1_000); // time for a duplicate to arrive, had any instance sent one, and for the logs' last batches
    expect(subjectsTo(email)).toEqual(expected);
    const logged = instances.flatMap((instance) => instance.logs).join('');
    expect(logged).toContain('request completed');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(verification);
  });
});
