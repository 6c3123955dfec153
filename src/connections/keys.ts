/** Which side of a packet is the server when no SYN says so. */
import type { SegmentView } from "./view.js";

/**
 * For a connection seen without its SYN: whether the packet's source is the server. A port
 * printed as a service name beats a number; otherwise the lower port is the server's (service
 * ports are low, ephemeral client ports high); on a tie the destination is.
 */
export function sourceLooksLikeServer(v: SegmentView): boolean {
  const srcNamed = v.sportName !== undefined;
  const dstNamed = v.dportName !== undefined;
  if (srcNamed !== dstNamed) return srcNamed;
  // a view's port is its number when it has one (a name's known number included), else its name
  if (typeof v.sport !== "number" || typeof v.dport !== "number") return false;
  return v.sport < v.dport;
}
