import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAsyncApiDocument } from '../../scripts/asyncapi/build-asyncapi';
import { startTestApp, type TestApp } from '../support/test-app';

const root = resolve(__dirname, '../..');
const committed = () => JSON.parse(readFileSync(resolve(root, 'asyncapi.json'), 'utf8'));

describe('The committed asyncapi.json', () => {
  it('is what the event types generate now (run `npm run asyncapi:write` after changing an event)', () => {
    expect(committed()).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument(root))));
  });

  it('documents every domain event on NATS and, as webhooks, only the offered ones under their published names', () => {
    const channels = Object.keys(committed().channels);
    expect(channels.filter((name) => name.startsWith('nats.'))).toEqual(
      expect.arrayContaining(['nats.order.placed', 'nats.payment.failed', 'nats.refund.issued', 'nats.user.registered']),
    );
    expect(channels.filter((name) => name.startsWith('webhook.')).sort()).toEqual([
      'webhook.order.cancelled',
      'webhook.order.fulfilled',
      'webhook.order.paid',
      'webhook.order.placed',
      'webhook.order.refunded',
      'webhook.payment.failed',
      'webhook.payment.succeeded',
      'webhook.refund.succeeded',
      'webhook.webhook.test',
    ]);
  });

  describe('as the app serves it', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('is at /docs/asyncapi.json', async () => {
      const reply = await t.app.inject({ method: 'GET', url: '/docs/asyncapi.json' });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body)).toEqual(committed());
    });
  });
});
