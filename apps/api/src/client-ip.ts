import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is the address 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? (mapped[1] as string) : trimmed.toLowerCase();
}

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses and CIDR ranges (`10.0.0.1`,
 * `10.0.0.0/8`, `fd00::/8`). Throws with the bad entry named.
 */
export function parseTrustedProxies(value: string): BlockList {
  const list = new BlockList();
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !/^\d+$/.test(bits ?? '0') || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`not an IP address or CIDR range: "${entry}"`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

const parsed = new Map<string, BlockList>();

/**
 * The address of the client. Behind a reverse proxy every request comes from the proxy, so the
 * proxy's X-Forwarded-For is read, but only when the direct peer is a trusted proxy: anyone
 * else could write any address into that header. The client is the rightmost address that is
 * not a trusted proxy (entries further left were written by the client itself and prove
 * nothing). Without TRUSTED_PROXIES the header is ignored.
 */
export function clientIp(req: IncomingMessage, trustedProxies: string): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  const direct = normalize(peer);
  if (!trustedProxies.trim()) return direct;
  let list = parsed.get(trustedProxies);
  if (!list) {
    list = parseTrustedProxies(trustedProxies);
    parsed.set(trustedProxies, list);
  }
  if (!trusted(list, direct)) return direct;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalize).filter(Boolean);
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    // Garbage in the chain: stop at the last address a trusted proxy vouched for.
    if (!isIP(hop)) break;
    client = hop;
    if (!trusted(list, hop)) break;
  }
  return client;
}
