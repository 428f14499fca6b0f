import { lookup as dnsLookup, type LookupAddress, promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { WebhookDestinations } from '../../application/webhooks/webhook-destinations';
import { WebhookDestinationRefused } from '../../domain/webhooks/webhooks.errors';
import { refusalOf } from './refused-addresses';

/**
 * Why a host name is refused, without the address it resolves to: which internal address a name has is this network's
 * to know, not a URL's registrant's (an IP literal's refusal names it: the registrant typed it).
 */
const RESOLVES_TO_THIS_NETWORK = 'resolves to an address that is not public';

/** Whether a host is refused: one of its addresses is enough (a connection may go to any of them). */
const anyRefused = (addresses: readonly string[]) => addresses.some((address) => refusalOf(address) !== null);

/** A destination refused when connecting: the delivery's error says why. */
class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';
}

/**
 * Judges where a webhook may connect. The HTTP client resolves a host name through `lookup`, which refuses the
 * connection when any address the name resolves to is refused: the check covers the address actually connected to,
 * so a name that resolved to a public address at registration and to this network now (DNS rebinding) is caught.
 * An IP literal is never looked up: `checkLiteral` judges it before connecting. With private networks allowed
 * (development, tests) nothing is refused.
 *
 * Two resolvers, on purpose. When connecting, `lookup` is the operating system's (dns.lookup, getaddrinfo on libuv's
 * thread pool): it must judge exactly the addresses the HTTP client would connect to, /etc/hosts and all; the
 * attempt's deadline bounds the attempt, though a name that hangs holds a pool thread until getaddrinfo gives up.
 * At registration, which an admin's request waits for and which shares that pool with password hashing, the name is
 * resolved by a c-ares Resolver (DNS queries on the event loop, each try bounded): a name that hangs cannot block
 * the pool. It reads DNS only: `localhost` names are loopback by definition (RFC 6761), and a name known only to
 * /etc/hosts does not resolve, so it is refused, as a receiver's public name never is.
 */
export class DestinationGuard extends WebhookDestinations {
  /** `dns` replaces the system's name servers and the wait per try at registration (a test's silent server). */
  constructor(
    private readonly allowPrivateNetworks: boolean,
    private readonly dns: RegistrationDns = {},
  ) {
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
      if (!this.allowPrivateNetworks && anyRefused(addresses.map((entry) => entry.address))) return callback(new DestinationRefusedError(`Refused: ${hostname} ${RESOLVES_TO_THIS_NETWORK}`), '', 0);
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
    const addresses = await resolveAll(hostname, this.dns);
    if (anyRefused(addresses)) throw new WebhookDestinationRefused(`url: ${hostname} ${RESOLVES_TO_THIS_NETWORK}; webhooks may only reach public addresses.`);
  }
}

/** Each DNS query's wait, tried twice: a registration waits at most about 5 s for its host. */
const RESOLVE_TRY_MS = 2_500;

interface RegistrationDns {
  readonly servers?: readonly string[];
  readonly tryMs?: number;
}

/** Every address of the host, IPv4 and IPv6, from DNS. */
async function resolveAll(hostname: string, { servers, tryMs = RESOLVE_TRY_MS }: RegistrationDns): Promise<string[]> {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return ['127.0.0.1', '::1'];
  const resolver = new dns.Resolver({ timeout: tryMs, tries: 2 });
  if (servers) resolver.setServers(servers);
  const answers = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  const addresses = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
  if (addresses.length > 0) return addresses;
  const timedOut = answers.some((answer) => answer.status === 'rejected' && (answer.reason as { code?: string }).code === dns.TIMEOUT);
  throw unresolvable(hostname, timedOut ? 'did not resolve in time' : 'does not resolve');
}

/** A host that cannot be resolved cannot be checked: refused, as a typo usually is. */
const unresolvable = (hostname: string, what: string) => new WebhookDestinationRefused(`url: ${hostname} ${what}; register a URL whose host resolves.`);
