import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { WebhookDestinations } from '../../application/webhooks/webhook-destinations';
import { WebhookDestinationRefused } from '../../domain/webhooks/webhooks.errors';
import { refusalOf } from './refused-addresses';

/** A destination refused when connecting: the delivery's error says why. */
export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';
}

/**
 * Judges where a webhook may connect. The HTTP client resolves a host name through `lookup`, which refuses the
 * connection when any address the name resolves to is refused: the check covers the address actually connected to,
 * so a name that resolved to a public address at registration and to this network now (DNS rebinding) is caught.
 * An IP literal is never looked up: `checkLiteral` judges it before connecting. With private networks allowed
 * (development, tests) nothing is refused.
 */
export class DestinationGuard extends WebhookDestinations {
  constructor(private readonly allowPrivateNetworks: boolean) {
    super();
  }

  /** Throws DestinationRefusedError for a refused IP literal; a host name is judged by `lookup`. */
  checkLiteral(hostname: string): void {
    const address = hostname.replace(/^\[(.*)\]$/, '$1');
    if (this.allowPrivateNetworks || isIP(address) === 0) return;
    const refusal = refusalOf(address);
    if (refusal) throw new DestinationRefusedError(`Refused: ${refusal}`);
  }

  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refusal = this.allowPrivateNetworks ? null : addresses.map((entry) => refusalOf(entry.address)).find((reason) => reason !== null);
      if (refusal) return callback(new DestinationRefusedError(`Refused: ${hostname} resolves to ${refusal}`), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** The registration check: every address the URL's host resolves to now must be allowed. */
  async assertAllowed(url: string): Promise<void> {
    if (this.allowPrivateNetworks) return;
    const { hostname } = new URL(url);
    try {
      this.checkLiteral(hostname);
    } catch (error) {
      throw new WebhookDestinationRefused(`url: ${(error as Error).message.replace(/^Refused: /, '')}; webhooks may only reach public addresses.`);
    }
    if (isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0) return;
    const addresses = await resolveAll(hostname);
    const refusal = addresses.map((address) => refusalOf(address)).find((reason) => reason !== null);
    if (refusal) throw new WebhookDestinationRefused(`url: ${hostname} resolves to ${refusal}; webhooks may only reach public addresses.`);
  }
}

const RESOLVE_TIMEOUT_MS = 5_000;

function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(unresolvable(hostname, 'did not resolve in time')), RESOLVE_TIMEOUT_MS);
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(unresolvable(hostname, 'does not resolve'));
      else resolve(addresses.map((entry) => entry.address));
    });
  });
}

/** A host that cannot be resolved cannot be checked: refused, as a typo usually is. */
const unresolvable = (hostname: string, what: string) => new WebhookDestinationRefused(`url: ${hostname} ${what}; register a URL whose host resolves.`);
