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

/** The first six groups of IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses, which end in an IPv4 address. */
const EMBEDDING_PREFIXES = ['0:0:0:0:0:ffff', '64:ff9b:0:0:0:0'];

/** Why an address may not be reached, or null when it may. Anything that is not an IP address is refused. */
export function refusalOf(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    // Judged by its groups, however it is spelled: `64:ff9b::1` or `0:0:0:0:0:ffff:7f00:1` slipped past a pattern
    // that expected the usual spellings of these prefixes.
    const groups = groupsOf(address);
    if (EMBEDDING_PREFIXES.includes(groups.slice(0, 6).map((group) => group.toString(16)).join(':'))) {
      const ipv4 = [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
      return refused.check(ipv4, 'ipv4') ? `${address} (${ipv4}) is not a public address` : null;
    }
  }
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `${address} is not a public address` : null;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 as two groups, a zone left out). */
function groupsOf(ipv6: string): number[] {
  let text = ipv6.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
