/**
 * Who is who in a packet: whether it can belong to a connection at all, and which side of it
 * is the server when no SYN says so.
 */
import type { Packet } from "../packets/types.js";

/** Whether the text carries ports; without them (truncated `[|tcp]` lines) no connection can hold the packet. */
export const hasPorts = (p: Packet): boolean => p.sport !== undefined || p.sportName !== undefined;

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
