import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach, so that registering an endpoint cannot be used to probe or call this
 * network (SSRF): unspecified, loopback, private (RFC 1918, unique local fc00::/7, the deprecated site-local
 * fec0::/10), carrier-grade NAT, link-local (169.254/16, fe80::/10, which hold the cloud metadata services
 * 169.254.169.254 and fd00:ec2::254), benchmarking, documentation, multicast and reserved ranges, the deprecated
 * IPv4-compatible ::/96 (::7f00:1 is 127.0.0.1 to some stacks), local-use NAT64 (64:ff9b:1::/48, which translates
 * to whatever the local network routes), and the other prefixes that carry an IPv4 address a router may deliver
 * to: IPv4-translated ::ffff:0:0:0/96 (SIIT), 6to4 2002::/16 and Teredo 2001::/32, both deprecated tunnels no
 * receiver needs. An IPv4 address embedded in IPv6 (::ffff:a.b.c.d, the well-known NAT64
 * prefix 64:ff9b::/96) is judged as the IPv4 address it carries.
 */
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // IPv4-compatible (deprecated), with :: and ::1 in it
  ['::ffff:0:0:0', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

/** IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses end in an IPv4 address. */
const embeddedIpv4 = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i;

/** Why an address may not be reached, or null when it may. Anything that is not an IP address is refused. */
export function refusalOf(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    const embedded = embeddedIpv4.exec(address);
    if (embedded) {
      const ipv4 = embedded[1] ?? hexPairToIpv4(embedded[2], embedded[3]);
      return refused.check(ipv4, 'ipv4') ? `${address} (${ipv4}) is not a public address` : null;
    }
  }
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `${address} is not a public address` : null;
}

function hexPairToIpv4(high: string, low: string): string {
  const [a, b] = [parseInt(high, 16), parseInt(low, 16)];
  return [a >> 8, a & 255, b >> 8, b & 255].join('.');
}
