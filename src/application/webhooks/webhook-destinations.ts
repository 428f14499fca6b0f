/**
 * Where a URL points. Refuses (WebhookDestinationRefused, InvalidWebhookEndpoint when the host does not resolve) a
 * host that resolves to this network: loopback, private, link-local, cloud metadata, unspecified or multicast
 * addresses, unless private networks are allowed by configuration.
 */
export abstract class WebhookDestinations {
  abstract assertAllowed(url: string): Promise<void>;
}
