/** IPv4 and MAC addresses as the generator stores them: numbers and 6-byte arrays. */
import type { Prng } from "./prng.js";

export function parseIpv4(text: string): number {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${text}`);
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join(".");
}

export function parseMac(text: string): Uint8Array {
  return Uint8Array.from(text.split(":").map((h) => parseInt(h, 16)));
}

/** Ranges that are not public unicast (RFC 6890), as [first address, prefix length]. */
const SPECIAL_RANGES: ReadonlyArray<[string, number]> = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 3],
];
const SPECIAL = SPECIAL_RANGES.map(([first, bits]) => ({ network: parseIpv4(first), mask: (0xffffffff << (32 - bits)) >>> 0 }));

/**
 * A client address drawn from the whole public IPv4 space, as a real server's clients are.
 * The spread matters for the baseline: tcpdump caches address strings in a hash table keyed
 * on an address's first 12 bits (on little-endian hosts), so clients from one small range
 * (198.18.0.0/15 was tried) pile into two buckets and make tcpdump itself ~10 times slower.
 * The capture is a file; nothing is ever sent to these addresses.
 */
export function randomClientAddress(rng: Prng): number {
  for (;;) {
    const address = rng.nextUint32();
    if (!SPECIAL.some(({ network, mask }) => ((address & mask) >>> 0) === network)) return address;
  }
}

/** Linux's default ephemeral port range (net.ipv4.ip_local_port_range). */
export const EPHEMERAL_PORTS = { first: 32768, last: 60999 } as const;

export function randomEphemeralPort(rng: Prng): number {
  return rng.int(EPHEMERAL_PORTS.first, EPHEMERAL_PORTS.last);
}
