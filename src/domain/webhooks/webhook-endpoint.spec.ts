import { MAX_WEBHOOK_URL_LENGTH } from './webhook-url';
import {
  DISABLE_AFTER_FAILING_DAYS,
  failureStreakAt,
  MAX_DESCRIPTION_LENGTH,
  MAX_PREVIOUS_SECRETS,
  type SealedSecret,
  type SigningSecret,
  signingSecrets,
  WebhookEndpoint,
} from './webhook-endpoint';
import { InvalidWebhookEndpoint } from './webhooks.errors';

const now = new Date('2026-03-01T12:00:00Z');
const register = (fields: Partial<Parameters<typeof WebhookEndpoint.register>[0]> = {}) =>
  WebhookEndpoint.register({ id: 'e1', url: 'https://hooks.example.com/in', events: ['order.paid'], secret: sealed('first'), now, allowHttp: false, ...fields });
const sealed = (name: string) => `sealed:${name}` as SealedSecret;
/** What the delivery job does with an endpoint's sealed secrets: opens them (here, by name). */
const opened = (endpoint: WebhookEndpoint) => ({
  secret: endpoint.secret.replace('sealed:', 'whsec_') as SigningSecret,
  previousSecrets: endpoint.previousSecrets.map(({ secret, expiresAt }) => ({ secret: secret.replace('sealed:', 'whsec_') as SigningSecret, expiresAt })),
});
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('a webhook endpoint', () => {
  it('is registered enabled, with its events, a trimmed description and one signing secret', () => {
    const endpoint = register({ description: '  Warehouse  ', events: ['order.paid', 'refund.succeeded'] });
    expect(endpoint).toMatchObject({ enabled: true, disabledReason: null, description: 'Warehouse', events: ['order.paid', 'refund.succeeded'] });
    expect(signingSecrets(opened(endpoint), now)).toEqual(['whsec_first']);
  });

  it('refuses plain http unless it is allowed, and URLs with credentials or a fragment', () => {
    expect(() => register({ url: 'http://hooks.example.com/in' })).toThrow(/WEBHOOK_ALLOW_HTTP/);
    expect(register({ url: 'http://hooks.example.com/in', allowHttp: true }).url).toBe('http://hooks.example.com/in');
    expect(() => register({ url: 'https://user:pw@hooks.example.com/' })).toThrow(InvalidWebhookEndpoint);
    expect(() => register({ url: 'https://hooks.example.com/#x' })).toThrow(/fragment/);
    expect(() => register({ url: 'ftp://hooks.example.com/' })).toThrow(InvalidWebhookEndpoint);
    expect(() => register({ url: 'not a url' })).toThrow(InvalidWebhookEndpoint);
  });

  it(`takes a description of at most ${MAX_DESCRIPTION_LENGTH} characters as PostgreSQL counts them: an emoji is one`, () => {
    expect(register({ description: '😀'.repeat(MAX_DESCRIPTION_LENGTH) }).description).toBe('😀'.repeat(MAX_DESCRIPTION_LENGTH));
    expect(() => register({ description: `${'😀'.repeat(MAX_DESCRIPTION_LENGTH)}x` })).toThrow(/at most/);
  });

  it(`takes a URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters as it is kept, percent-encoded`, () => {
    const base = 'https://hooks.example.com/';
    expect(register({ url: base + 'a'.repeat(MAX_WEBHOOK_URL_LENGTH - base.length) }).url).toHaveLength(MAX_WEBHOOK_URL_LENGTH);
    expect(() => register({ url: base + 'a'.repeat(MAX_WEBHOOK_URL_LENGTH - base.length + 1) })).toThrow(/at most/);
    // 400 characters as written, 2,426 once each é is %C3%A9.
    expect(() => register({ url: base + 'é'.repeat(400) })).toThrow(/percent-encoded \(2426\)/);
  });

  it('refuses no events, unknown ones (account events are never offered) and repeated ones', () => {
    expect(() => register({ events: [] })).toThrow(/at least one/);
    expect(() => register({ events: ['user.registered'] })).toThrow(/user.registered/);
    expect(() => register({ events: ['order.paid', 'order.paid'] })).toThrow(/repeat/);
  });

  it('keeps signing with the old secret beside the new one for 24 hours after a rotation', () => {
    const endpoint = register();
    endpoint.rotateSecret(sealed('second'), now);
    expect(signingSecrets(opened(endpoint), hoursLater(23.9))).toEqual(['whsec_second', 'whsec_first']);
    expect(signingSecrets(opened(endpoint), hoursLater(24))).toEqual(['whsec_second']);
    expect(endpoint.previousSecretsExpireAt).toEqual(hoursLater(24));
  });

  it('keeps every secret rotated away in the last 24 hours signing, each for 24 hours after its own rotation', () => {
    const endpoint = register();
    endpoint.rotateSecret(sealed('second'), now);
    endpoint.rotateSecret(sealed('third'), hoursLater(1));
    expect(signingSecrets(opened(endpoint), hoursLater(2))).toEqual(['whsec_third', 'whsec_second', 'whsec_first']);
    expect(signingSecrets(opened(endpoint), hoursLater(24.5))).toEqual(['whsec_third', 'whsec_second']);
    expect(signingSecrets(opened(endpoint), hoursLater(25))).toEqual(['whsec_third']);
    expect(endpoint.previousSecretsExpireAt).toEqual(hoursLater(25));
  });

  it(`keeps at most ${MAX_PREVIOUS_SECRETS} secrets rotated away, and drops those whose overlap has ended`, () => {
    const endpoint = register();
    for (let i = 1; i <= MAX_PREVIOUS_SECRETS + 2; i++) endpoint.rotateSecret(sealed(`s${i}`), hoursLater(i / 10));
    expect(endpoint.previousSecrets.map((previous) => previous.secret)).toEqual(
      Array.from({ length: MAX_PREVIOUS_SECRETS }, (_, i) => sealed(`s${MAX_PREVIOUS_SECRETS + 1 - i}`)),
    );
    endpoint.rotateSecret(sealed('later'), hoursLater(30));
    expect(endpoint.previousSecrets.map((previous) => previous.secret)).toEqual([sealed(`s${MAX_PREVIOUS_SECRETS + 2}`)]);
  });

  it('says why it was disabled by an admin, and forgets the reason and the failure streak when enabled again', () => {
    const endpoint = register();
    endpoint.change({ enabled: false }, now, { allowHttp: false });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'Disabled by an admin.' });
    endpoint.failingSince = now;
    endpoint.change({ enabled: true }, now, { allowHttp: false });
    expect(endpoint).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it(`is disabled by a failure once failures started ${DISABLE_AFTER_FAILING_DAYS} days before it, unless none failed for a day and twice the longest retry wait`, () => {
    expect(failureStreakAt(now, 86_400)).toEqual({
      lapsedIfLastFailedBefore: new Date('2026-02-27T12:00:00Z'),
      disableIfFailingBefore: new Date('2026-02-24T12:00:00Z'),
    });
    expect(failureStreakAt(now, 1).lapsedIfLastFailedBefore).toEqual(new Date('2026-02-28T12:00:00Z'));
  });

  it('forgets the failure streak when moved to another address, not when given the same one', () => {
    const endpoint = register();
    endpoint.failingSince = now;
    endpoint.change({ url: endpoint.url, description: 'same receiver' }, now, { allowHttp: false });
    expect(endpoint.failingSince).toEqual(now);
    endpoint.change({ url: 'https://other-receiver.example.com/hooks' }, now, { allowHttp: false });
    expect(endpoint).toMatchObject({ url: 'https://other-receiver.example.com/hooks', failingSince: null, enabled: true });
  });
});
