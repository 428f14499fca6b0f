import { isIP } from 'node:net';

/** Whom Fastify believes about X-Forwarded-For: nobody, the nearest `n` hops, or these addresses and ranges. */
export type TrustedProxies = false | number | readonly string[];

/** proxy-addr's names for ranges (Fastify hands the list to it). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset, `false` or `0`; the number of proxies in front of the app (`1` behind one load balancer); or their
 * addresses (IPs, CIDRs, proxy-addr's range names), comma-separated. Undefined for anything else, `true` among
 * them: trusting every hop takes the leftmost address of X-Forwarded-For, which the client writes itself, and
 * with it the client would choose the address its rate limits count.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | undefined {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (/^[1-9]\d?$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isAddressOrRange) ? entries : undefined;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
