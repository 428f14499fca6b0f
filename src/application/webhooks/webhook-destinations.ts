/**
 * Where a URL points. Refuses (WebhookDestinationRefused) a host that resolves to this network (loopback, private,
 * link-local, cloud metadata, unspecified or multicast addresses), and one that does not resolve (in time), unless
 * private networks are allowed by configuration.
 */
export abstract class WebhookDestinations {
  abstract assertAllowed(url: string): Promise<void>;
}
