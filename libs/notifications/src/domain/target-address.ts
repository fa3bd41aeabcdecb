import { BlockList, isIP } from 'node:net';

/** Why an address may not receive a notification: never (link-local, metadata) or only when allowed. */
export type AddressProblem = 'LINK_LOCAL' | 'PRIVATE' | null;

function list(entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const b = new BlockList();
  for (const [net, prefix, type] of entries) b.addSubnet(net, prefix, type);
  return b;
}

/** Always refused: link-local (cloud metadata lives there) and the IPv6 metadata address of AWS. */
const LINK_LOCAL = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'],
]);

/** Refused unless NOTIFY_ALLOW_PRIVATE_TARGETS: loopback, private, shared and unspecified ranges. */
const PRIVATE = list([
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

/** An IPv4 address written as IPv6 (::ffff:a.b.c.d or ::ffff:xxxx:xxxx) is judged as IPv4. */
function unmapped(ip: string): { ip: string; type: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(.+)$/i.exec(ip);
  if (m) {
    if (isIP(m[1]) === 4) return { ip: m[1], type: 'ipv4' };
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
    if (hex) {
      const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
      return { ip: [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.'), type: 'ipv4' };
    }
  }
  return { ip, type: isIP(ip) === 4 ? 'ipv4' : 'ipv6' };
}

/** The problem with sending to `address` (a literal IP), given whether private targets are allowed. */
export function addressProblem(address: string, allowPrivate: boolean): AddressProblem {
  if (!isIP(address)) return 'PRIVATE';
  const { ip, type } = unmapped(address);
  if (LINK_LOCAL.check(ip, type)) return 'LINK_LOCAL';
  if (!allowPrivate && PRIVATE.check(ip, type)) return 'PRIVATE';
  return null;
}
