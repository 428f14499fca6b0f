import { InvalidWebhookEndpoint } from './webhooks.errors';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * The form of a receiver's URL: absolute, https (plain http only where allowed: development, or on purpose), no
 * credentials (they would be sent with every delivery and shown to every admin) and no fragment. Where the host
 * points is checked apart, at registration and again at each delivery, because DNS may change.
 */
export function checkWebhookUrl(raw: string, options: { allowHttp: boolean }): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidWebhookEndpoint('url must be an absolute http(s) URL.');
  }
  // The form kept and called is the parsed one, where each non-ASCII character is percent-encoded (up to 12
  // characters for one): its length is what must fit.
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new InvalidWebhookEndpoint(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters once percent-encoded (${url.href.length}).`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowHttp)) {
    throw new InvalidWebhookEndpoint(options.allowHttp ? 'url must be http or https.' : 'url must be https (plain http is allowed only with WEBHOOK_ALLOW_HTTP=true).');
  }
  if (url.username || url.password) throw new InvalidWebhookEndpoint('url must not carry a user name or password.');
  if (url.hash) throw new InvalidWebhookEndpoint('url must not have a fragment (#...).');
  if (!url.hostname) throw new InvalidWebhookEndpoint('url must name a host.');
  return url.href;
}
