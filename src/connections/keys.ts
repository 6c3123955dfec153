/** Which side of a packet is the server when no SYN says so. */
import type { Packet } from "../packets/types.js";

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
