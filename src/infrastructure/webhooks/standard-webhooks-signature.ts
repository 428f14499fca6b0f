import { createHmac } from 'node:crypto';
import { SIGNING_SECRET_PREFIX } from '../../domain/webhooks/webhook-endpoint';

/**
 * The `webhook-signature` header of Standard Webhooks: for each secret, `v1,` + base64 HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the bytes the secret's base64 (after `whsec_`) encodes;
 * several signatures are separated by spaces (a receiver accepts the request if any one verifies).
 */
export function signatureHeader(id: string, timestampSeconds: number, body: string, secrets: readonly string[]): string {
  const signed = `${id}.${timestampSeconds}.${body}`;
  return secrets
    .map((secret) => `v1,${createHmac('sha256', Buffer.from(secret.slice(SIGNING_SECRET_PREFIX.length), 'base64')).update(signed, 'utf8').digest('base64')}`)
    .join(' ');
}
