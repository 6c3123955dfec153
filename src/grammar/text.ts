/**
 * Readers of token texts: each takes a token as tcpdump printed it and returns its value(s).
 * The `set*` readers write their values into the object being built instead: they run for
 * every line, and returning an object to merge would allocate one per field.
 */
import type { IpHeader, ParsedSegment } from "./types.js";

/** The number at the end of a `keyword N` token (`win 512`, `length 60`, `payload length: 40`). */
export function trailingNumber(text: string): number {
  return Number(text.slice(text.lastIndexOf(" ") + 1));
}

/** The text inside `Flags [..]` / `flags [..]`. */
export function bracketed(text: string): string {
  return text.slice(text.indexOf("[") + 1, -1);
}

/** `ethertype IPv4 (0x0800)`, `AF IPv4 (2)` → `IPv4`; a bare `IPv4` (-q) stays as it is. */
export function linkTypeName(type: string, text: string): string {
  if (type === "ethertype") return text.slice("ethertype ".length, text.lastIndexOf(" ("));
  if (type === "afType") return text.slice("AF ".length, text.lastIndexOf(" ("));
  return text;
}

/** The address family an ethertype or BSD loopback family name stands for. */
export function familyOfName(name: string): 4 | 6 | undefined {
  return name === "IPv4" ? 4 : name === "IPv6" ? 6 : undefined;
}

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Without a keyword or ethertype (ARCNET, IPoIB -q): IPv6 text has colons, IPv4 is a dotted quad. */
export function familyOfAddress(host: string | undefined): 4 | 6 | undefined {
  if (host === undefined) return undefined;
  if (host.includes(":")) return 6;
  return DOTTED_QUAD.test(host) ? 4 : undefined;
}

/** `vlan 100, p 3[, DEI]` → 100. */
export function vlanId(text: string): number {
  return Number(text.slice("vlan ".length, text.indexOf(",")));
}

/** `tos 0x2,ECT(0)` → tos `0x2`, ecn `ECT(0)`. */
export function setTos(ip: IpHeader, text: string): void {
  const [value, ecn] = text.slice("tos ".length).split(",");
  ip.tos = value;
  if (ecn !== undefined) ip.ecn = ecn;
}

/** The n-th space-separated word of a token (`, proto TCP (6)` → 2: `TCP`). */
export function word(text: string, n: number): string {
  return text.split(" ")[n];
}

/** `, cksum 0x1701 (incorrect -> 0xaaf9)` / `, cksum 0xaac9 (correct)`. */
export function checksum(text: string): ParsedSegment["cksum"] {
  const [, , value, verdict, , computed] = text.split(" ");
  return verdict === "(correct)" ? { value, correct: true } : { value, correct: false, computed: computed.slice(0, -1) };
}

/** `, seq A` or `, seq A:B`. */
export function setSequence(seg: ParsedSegment, text: string): void {
  const range = text.slice(text.lastIndexOf(" ") + 1);
  const colon = range.indexOf(":");
  if (colon < 0) {
    seg.seq = Number(range);
  } else {
    seg.seq = Number(range.slice(0, colon));
    seg.seqEnd = Number(range.slice(colon + 1));
  }
}

const NUMERIC = /^\d+$/;

/** A port as printed: a number, or a service name for the packets stage to map. */
export function setPort(seg: ParsedSegment, text: string, side: "src" | "dst"): void {
  if (NUMERIC.test(text)) {
    if (side === "src") seg.sport = Number(text);
    else seg.dport = Number(text);
  } else if (side === "src") {
    seg.sportName = text;
  } else {
    seg.dportName = text;
  }
}

/** `host.port`: split at the last dot (hosts may be names or IPv6 with dots in an IPv4 tail). */
export function setHostPort(seg: ParsedSegment, text: string, side: "src" | "dst"): void {
  const dot = text.lastIndexOf(".");
  const host = text.slice(0, dot);
  if (side === "src") seg.src = host;
  else seg.dst = host;
  setPort(seg, text.slice(dot + 1), side);
}
