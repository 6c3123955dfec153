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

/**
 * Client addresses come from 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks, so
 * the generated captures can never be mistaken for real hosts.
 */
export function randomClientAddress(rng: Prng): number {
  return (parseIpv4("198.18.0.0") + rng.int(1, 2 ** 17 - 2)) >>> 0;
}

/** Linux's default ephemeral port range (net.ipv4.ip_local_port_range). */
export const EPHEMERAL_PORTS = { first: 32768, last: 60999 } as const;

export function randomEphemeralPort(rng: Prng): number {
  return rng.int(EPHEMERAL_PORTS.first, EPHEMERAL_PORTS.last);
}
