/**
 * Who is who in a packet: endpoint keys as printed (host text and port), the connection's
 * 4-tuple key (per address family, direction-free), and which side of a packet is the server
 * when no SYN says so.
 */
import type { Packet } from "../packets/types.js";
import { put } from "./put.js";
import type { Endpoint } from "./types.js";

type Side = "src" | "dst";

function portOf(p: Packet, side: Side): { port?: number; name?: string } {
  return side === "src" ? { port: p.sport, name: p.sportName } : { port: p.dport, name: p.dportName };
}

/** `host.port` exactly as printed (a named port keeps its name when it has no number). */
export function endpointKey(p: Packet, side: Side): string {
  const { port, name } = portOf(p, side);
  return `${p[side] ?? ""}.${port ?? name ?? ""}`;
}

/** The 4-tuple key, or undefined when the text carries no ports (truncated `[|tcp]` lines). */
export function tupleKey(p: Packet): string | undefined {
  if (p.sport === undefined && p.sportName === undefined) return undefined;
  const a = endpointKey(p, "src");
  const b = endpointKey(p, "dst");
  return `${p.family ?? 0}|${a < b ? `${a}|${b}` : `${b}|${a}`}`;
}

export function endpointOf(p: Packet, side: Side): Endpoint {
  const { port, name } = portOf(p, side);
  const e: Endpoint = { host: p[side] ?? "", port: port ?? 0 };
  put(e, "portName", name);
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
