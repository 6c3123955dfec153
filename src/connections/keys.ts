/**
 * Who is who in a packet: its endpoints as the tracker compares them (host text as printed, and
 * port), the endpoints a report shows, and which side of a packet is the server when no SYN
 * says so.
 */
import type { KeyPort } from "../packets/sequence.js";
import type { Packet } from "../packets/types.js";
import { detached } from "./detach.js";
import type { Endpoint } from "./types.js";

type Side = "src" | "dst";

/** Whether the text carries ports; without them (truncated `[|tcp]` lines) no connection can hold the packet. */
export const hasPorts = (p: Packet): boolean => p.sport !== undefined || p.sportName !== undefined;

/** Whether the packet was sent from the endpoint with this host text and port (as keys compare ports). */
export const sentFrom = (p: Packet, host: string, port: KeyPort): boolean => (p.src ?? "") === host && (p.sport ?? p.sportName) === port;

/** Whether the packet was sent to the endpoint with this host text and port. */
export const sentTo = (p: Packet, host: string, port: KeyPort): boolean => (p.dst ?? "") === host && (p.dport ?? p.dportName) === port;

/** A packet's port on one side as keys compare it (its number, or its name when it has no number), to keep. */
export function keyPort(p: Packet, side: Side): KeyPort {
  const port = side === "src" ? (p.sport ?? p.sportName) : (p.dport ?? p.dportName);
  return typeof port === "string" ? detached(port) : port;
}

export function endpointOf(p: Packet, side: Side): Endpoint {
  const port = side === "src" ? p.sport : p.dport;
  const name = side === "src" ? p.sportName : p.dportName;
  // Kept for the connection's life: a copy, not a slice pinning the input chunk.
  const e: Endpoint = { host: detached(p[side] ?? ""), port: port ?? 0 };
  if (name !== undefined) e.portName = detached(name);
  return e;
}

/**
 * For a connection seen without its SYN: whether the packet's source is the server. A port
 * printed as a service name beats a number; otherwise the lower port is the server's (service
 * ports are low, ephemeral client ports high); on a tie the destination is.
 */
export function sourceLooksLikeServer(p: Packet): boolean {
  const srcNamed = p.sportName !== undefined;
  const dstNamed = p.dportName !== undefined;
  if (srcNamed !== dstNamed) return srcNamed;
  if (p.sport === undefined || p.dport === undefined) return false;
  return p.sport < p.dport;
}
