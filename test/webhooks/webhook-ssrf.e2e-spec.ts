import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { DestinationGuard, MikroORM, WebhookDeliveryScheduler } from '../support/built';
import { asAdmin, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** A public address (no DNS needed) that nothing here answers: only its registration matters. */
const PUBLIC_URL = 'https://93.184.215.14/webhooks';

/**
 * Webhooks cannot be aimed at this network (SSRF): with private networks not allowed (the default) and plain http
 * refused (as in production), a URL to a loopback, private, link-local or metadata address is refused at
 * registration, and a URL that reaches one by the time of a delivery (DNS changed) is refused when connecting.
 */
describe('Webhook destinations', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let receiver: WebhookReceiver;
  let sql: SqlEntityManager;
  const register = (url: string) => t.http.post('/api/v1/webhook-endpoints', { url, events: ['order.paid'] }, { token: admin.token });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp({ env: { WEBHOOK_ALLOW_HTTP: 'false', WEBHOOK_DELIVERY_INTERVAL_MS: '60000' } });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    admin = await asAdmin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://10.1.2.3/hook',
    'https://172.20.0.5/hook',
    'https://192.168.0.10/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/hook',
    'https://[fe80::1]/hook',
    'https://0.0.0.0/hook',
    'https://[::7f00:1]/hook',
    'https://[fec0::1]/hook',
    'https://[64:ff9b:1::a00:1]/hook',
    'https://sub.localhost/hook',
  ])('refuses to register %s with a 400 problem', async (url) => {
    const reply = await register(url);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: expect.stringMatching(/webhook-destination-refused$/), detail: expect.stringMatching(/is not a public address|resolves to an address that is not public/) });
  });

  it('refuses a host name that resolves to this network without naming the address', async () => {
    const reply = await register('https://sub.localhost/hook');
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toBe('url: sub.localhost resolves to an address that is not public; webhooks may only reach public addresses.');
  });

  it('refuses the integer form of 127.0.0.1 as no URL at all', async () => {
    const reply = await register('https://2130706433/hook');
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'url', message: 'url must be an absolute http(s) URL' }]);
  });

  it('refuses a host that does not resolve, and plain http where it is not allowed', async () => {
    const unresolvable = await register('https://no-such-host.invalid/hook');
    expect(unresolvable.status).toBe(400);
    expect(unresolvable.body.detail).toMatch(/does not resolve/);
    const plain = await register('http://93.184.215.14/hook');
    expect(plain.status).toBe(400);
    expect(plain.body.detail).toMatch(/WEBHOOK_ALLOW_HTTP/);
  });

  it('refuses a URL too long once percent-encoded with a 400, registering or moving an endpoint', async () => {
    const long = `${PUBLIC_URL}/${'é'.repeat(1000)}`; // 1,032 characters as written, 6,032 as kept
    const registered = await register(long);
    expect({ status: registered.status, detail: registered.body.detail }).toEqual({ status: 400, detail: expect.stringMatching(/at most 2048 characters once percent-encoded/) });
    const endpoint = await register(PUBLIC_URL);
    const moved = await t.http.patch(`/api/v1/webhook-endpoints/${endpoint.body.id}`, { url: long }, { token: admin.token });
    expect(moved.status).toBe(400);
    expect((await t.http.get(`/api/v1/webhook-endpoints/${endpoint.body.id}`, { token: admin.token })).body.url).toBe(PUBLIC_URL);
  });

  it('refuses to move an endpoint to a private address', async () => {
    const endpoint = await register(PUBLIC_URL);
    expect(endpoint.status).toBe(201);
    const moved = await t.http.patch(`/api/v1/webhook-endpoints/${endpoint.body.id}`, { url: 'https://192.168.1.1/hook' }, { token: admin.token });
    expect(moved.status).toBe(400);
    expect((await t.http.get(`/api/v1/webhook-endpoints/${endpoint.body.id}`, { token: admin.token })).body.url).toBe(PUBLIC_URL);
  });

  it.each([
    ['a host name that now resolves to loopback', (port: number) => `http://localhost:${port}/hook`, /^EDESTINATIONREFUSED: Refused: localhost resolves to an address that is not public$/],
    ['a loopback address', (port: number) => `http://127.0.0.1:${port}/hook`, /Refused: 127\.0\.0\.1 is not a public address/],
  ])('refuses, when delivering, %s: nothing reaches it', async (_what, urlAt, error) => {
    const endpoint = await register(PUBLIC_URL);
    expect(endpoint.status).toBe(201);
    // What a DNS change (rebinding) does to a registered name, done to the row: the next attempt must still be refused.
    await sql.execute('update webhook_endpoints set url = ? where id = ?', [urlAt(receiver.port), endpoint.body.id]);
    expect((await t.http.post(`/api/v1/webhook-endpoints/${endpoint.body.id}/test`, undefined, { token: admin.token })).status).toBe(202);
    const newestDelivery = async () => (await t.http.get(`/api/v1/webhook-endpoints/${endpoint.body.id}/deliveries`, { token: admin.token })).body.items[0];
    // Until the attempt is recorded: a run asked for while the app's own tick runs does nothing.
    for (const deadline = Date.now() + 10_000; (await newestDelivery()).lastAttemptAt === null; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > deadline) throw new Error('no attempt within 10 s');
      await t.app.get(WebhookDeliveryScheduler).job.runOnce();
    }

    const delivery = await newestDelivery();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: null, lastError: expect.stringMatching(error) });
    expect(receiver.received).toEqual([]);
  });
});

/**
 * Registration resolves the host with DNS queries of its own, each try bounded, so that a name server that never
 * answers cannot hold the admin's request (or a thread of the pool that password hashing shares) for long.
 */
describe('A webhook host whose name server never answers', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let silentNameServer: Socket;
  const queries: Buffer[] = [];

  beforeAll(async () => {
    silentNameServer = createSocket('udp4').on('message', (query) => queries.push(query));
    await new Promise<void>((resolve) => silentNameServer.bind(0, '127.0.0.1', resolve));
    const { port } = silentNameServer.address() as AddressInfo;
    const guard = new DestinationGuard(false, { servers: [`127.0.0.1:${port}`], tryMs: 200 });
    t = await startTestApp({ env: { WEBHOOK_ALLOW_HTTP: 'false' }, override: (builder) => builder.overrideProvider(DestinationGuard).useValue(guard) });
    admin = await asAdmin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    silentNameServer?.close();
  });

  it('refuses the registration with a 400 problem once the tries run out, and registers nothing', async () => {
    const reply = await t.http.post('/api/v1/webhook-endpoints', { url: 'https://hooks.example.com/hook', events: ['order.paid'] }, { token: admin.token });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: expect.stringMatching(/webhook-destination-refused$/), detail: expect.stringMatching(/hooks\.example\.com did not resolve in time/) });
    expect(queries.length).toBeGreaterThanOrEqual(2); // an A and an AAAA query at least, none answered
    expect((await t.http.get('/api/v1/webhook-endpoints', { token: admin.token })).body.items).toEqual([]);
  });
});
