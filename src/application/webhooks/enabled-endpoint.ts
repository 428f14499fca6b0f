import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { WebhookEndpointDisabled, WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import type { WebhookEndpoints } from './webhook-endpoints';

/** The endpoint an admin asks to send to now: it must exist (404) and be enabled (409), or nothing is made due. */
export async function enabledEndpoint(endpoints: WebhookEndpoints, id: string): Promise<WebhookEndpoint> {
  const endpoint = await endpoints.byId(id);
  if (!endpoint) throw new WebhookEndpointNotFound(id);
  if (!endpoint.enabled) throw new WebhookEndpointDisabled(id);
  return endpoint;
}
