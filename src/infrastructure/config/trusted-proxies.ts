import { isIP } from 'node:net';

/** Whom Fastify believes about X-Forwarded-For: nobody, or these addresses and ranges. */
export type TrustedProxies = false | readonly string[];

/** proxy-addr's names for ranges (Fastify hands the list to it). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset, `false` or `0`; or the addresses of the proxies in front of the app (IPs, CIDRs, proxy-addr's
 * range names), comma-separated. Undefined for anything else. `true` would take the leftmost address of
 * X-Forwarded-For, which the client writes itself, and with it the client would choose the address its rate limits
 * count; a number of hops (`1`) believes whoever connects, so a client reaching the app past its proxy chooses the
 * same way (Fastify 5 no longer trusts hop counts for that reason). A range must not be every address (`/0`).
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | undefined {
  if (value === undefined || value === 'false' || value === '0') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isAddressOrRange) ? entries : undefined;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128));
}
