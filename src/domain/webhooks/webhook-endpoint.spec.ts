import { DISABLE_AFTER_FAILING_DAYS, failingTooLongBefore, signingSecrets, WebhookEndpoint } from './webhook-endpoint';
import { InvalidWebhookEndpoint } from './webhooks.errors';

const now = new Date('2026-03-01T12:00:00Z');
const register = (fields: Partial<Parameters<typeof WebhookEndpoint.register>[0]> = {}) =>
  WebhookEndpoint.register({ id: 'e1', url: 'https://hooks.example.com/in', events: ['order.paid'], secret: 'whsec_first', now, allowHttp: false, ...fields });
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('a webhook endpoint', () => {
  it('is registered enabled, with its events, a trimmed description and one signing secret', () => {
    const endpoint = register({ description: '  Warehouse  ', events: ['order.paid', 'refund.succeeded'] });
    expect(endpoint).toMatchObject({ enabled: true, disabledReason: null, description: 'Warehouse', events: ['order.paid', 'refund.succeeded'] });
    expect(signingSecrets(endpoint, now)).toEqual(['whsec_first']);
  });

  it('refuses plain http unless it is allowed, and URLs with credentials or a fragment', () => {
    expect(() => register({ url: 'http://hooks.example.com/in' })).toThrow(/WEBHOOK_ALLOW_HTTP/);
    expect(register({ url: 'http://hooks.example.com/in', allowHttp: true }).url).toBe('http://hooks.example.com/in');
    expect(() => register({ url: 'https://user:pw@hooks.example.com/' })).toThrow(InvalidWebhookEndpoint);
    expect(() => register({ url: 'https://hooks.example.com/#x' })).toThrow(/fragment/);
    expect(() => register({ url: 'ftp://hooks.example.com/' })).toThrow(InvalidWebhookEndpoint);
    expect(() => register({ url: 'not a url' })).toThrow(InvalidWebhookEndpoint);
  });

  it('refuses no events, unknown ones (account events are never offered) and repeated ones', () => {
    expect(() => register({ events: [] })).toThrow(/at least one/);
    expect(() => register({ events: ['user.registered'] })).toThrow(/user.registered/);
    expect(() => register({ events: ['order.paid', 'order.paid'] })).toThrow(/repeat/);
  });

  it('keeps signing with the old secret beside the new one for 24 hours after a rotation', () => {
    const endpoint = register();
    endpoint.rotateSecret('whsec_second', now);
    expect(signingSecrets(endpoint, hoursLater(23.9))).toEqual(['whsec_second', 'whsec_first']);
    expect(signingSecrets(endpoint, hoursLater(24))).toEqual(['whsec_second']);
  });

  it('says why it was disabled by an admin, and forgets the reason and the failure streak when enabled again', () => {
    const endpoint = register();
    endpoint.change({ enabled: false }, now, { allowHttp: false });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'Disabled by an admin.' });
    endpoint.failingSince = now;
    endpoint.change({ enabled: true }, now, { allowHttp: false });
    expect(endpoint).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it(`is disabled by a failure once failures started ${DISABLE_AFTER_FAILING_DAYS} days before it`, () => {
    expect(failingTooLongBefore(now)).toEqual(new Date('2026-02-24T12:00:00Z'));
  });
});
