/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public addresses, so that a
 * subscription cannot make the server call its own loopback, the private network or cloud
 * metadata endpoints. Checked when a subscription is made and again before every attempt (DNS
 * may change meanwhile). WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the address rule (tests, intranets).
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';

export class TargetRefused extends Error {}

export async function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetRefused('The URL is not valid.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TargetRefused('Use an http(s) URL.');
  if (parsed.username || parsed.password) throw new TargetRefused('Put no credentials in the URL.');
  if (allowPrivate) return parsed;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw new TargetRefused(`The host ${host} could not be resolved.`);
  }
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined || addresses.length === 0)
    throw new TargetRefused('The URL points to a loopback, private or reserved address.');
  return parsed;
}

const BLOCKED = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  BLOCKED.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net6, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  return BLOCKED.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}
