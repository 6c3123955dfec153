import { isIP } from "node:net";
import type { Packet } from "../../src/packets/types.js";
import type { Findings } from "./tshark-findings.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * Family, hosts and ports. Hosts are compared when tcpdump printed them as addresses (names
 * from the rendering machine's hosts file cannot be checked against the capture); IPv6 texts
 * are compared in canonical form. Ports are required whenever tshark saw the destination port
 * (tcpdump prints ports once both are captured); a service name the packets stage could not
 * turn into a number is a mismatch.
 */
export function compareEndpoints(found: Findings, packet: Packet, segment: TsharkSegment): void {
  found.same("family", segment.ip.version, packet.family);
  compareHost(found, "src", segment.ip.src, packet.src);
  compareHost(found, "dst", segment.ip.dst, packet.dst);
  const hasPorts = segment.dport !== undefined;
  comparePort(found, "sport", hasPorts ? segment.sport : undefined, packet.sport, packet.sportName);
  comparePort(found, "dport", segment.dport, packet.dport, packet.dportName);
}

function compareHost(found: Findings, field: string, expected: string, actual: string | undefined): void {
  if (actual === undefined || isIP(actual) === 0) return;
  found.same(field, canonical(expected), canonical(actual));
}

/** IPv6 in the WHATWG URL serialisation (lower case, longest zero run compressed). */
function canonical(address: string): string {
  return isIP(address) === 6 ? new URL(`http://[${address}]/`).hostname : address;
}

function comparePort(found: Findings, field: string, expected: number | undefined, actual: number | undefined, name?: string): void {
  found.required(field, expected, actual ?? name);
}
