/**
 * Readers of token texts: each takes a token as tcpdump printed it and returns its value(s).
 * The `set*` readers write their values into the object being built instead: they run for
 * every line, and returning an object to merge would allocate one per field.
 */
import type { IpHeader, ParsedSegment } from "./types.js";

/*
 * The readers that run for most lines take the token as its place in the line's text
 * (`text`, `start`, `end`) rather than as a cut string: cutting a token and then its last word
 * made two strings per field, most of what building a segment allocated.
 */

/** Longest digit run read here without Number(): 15 digits are always exact in a double. */
const MAX_DIGITS = 15;

/** The number text[start, end) spells, exactly as Number() of that slice reads it. */
export function numberIn(text: string, start: number, end: number): number {
  if (end <= start || end - start > MAX_DIGITS) return Number(text.slice(start, end));
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number(text.slice(start, end));
    value = value * 10 + digit;
  }
  return value;
}

/** Where the last space-separated word of text[start, end) starts. */
function lastWordStart(text: string, start: number, end: number): number {
  // a loop: the words are a few characters long, shorter than a builtin call costs
  for (let i = end - 1; i >= start; i--) if (text.charCodeAt(i) === 32) return i + 1;
  return start;
}

/** The number at the end of a `keyword N` token (`win 512`, `length 60`, `payload length: 40`). */
export function trailingNumber(text: string, start: number, end: number): number {
  return numberIn(text, lastWordStart(text, start, end), end);
}

/** The text inside `Flags [..]` / `flags [..]` (the token text[start, end) without its last character when it has no `[`). */
export function bracketed(text: string, start: number, end: number): string {
  const open = text.indexOf("[", start);
  return text.slice(open < 0 || open >= end ? start : open + 1, end - 1);
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
  // as text.slice("tos ".length).split(",")'s first two pieces
  const end = cutAt(text, ",", "tos ".length);
  ip.tos = text.slice("tos ".length, end);
  if (end < text.length) ip.ecn = text.slice(end + 1, cutAt(text, ",", end + 1));
}

/** The n-th space-separated word of a token (`, proto TCP (6)` → 2: `TCP`). */
export function word(text: string, n: number): string {
  // as text.split(" ")[n], without the array and the other words
  let start = 0;
  for (let k = 0; k < n; k++) {
    const space = text.indexOf(" ", start);
    if (space < 0) return undefined as unknown as string;
    start = space + 1;
  }
  return text.slice(start, cutAt(text, " ", start));
}

/** Where the piece of `text` that starts at `start` ends, at the next `separator` or the end. */
function cutAt(text: string, separator: string, start: number): number {
  const at = text.indexOf(separator, start);
  return at < 0 ? text.length : at;
}

/** `, cksum 0x1701 (incorrect -> 0xaaf9)` / `, cksum 0xaac9 (correct)`. */
export function checksum(text: string): ParsedSegment["cksum"] {
  const value = word(text, 2);
  const verdict = word(text, 3);
  if (verdict === "(correct)") return { value, correct: true };
  return { value, correct: false, computed: word(text, 5).slice(0, -1) };
}

/** `, seq A` or `, seq A:B`, at text[start, end). */
export function setSequence(seg: ParsedSegment, text: string, start: number, end: number): void {
  const from = lastWordStart(text, start, end);
  const colon = text.indexOf(":", from);
  if (colon < 0 || colon >= end) {
    seg.seq = numberIn(text, from, end);
  } else {
    seg.seq = numberIn(text, from, colon);
    seg.seqEnd = numberIn(text, colon + 1, end);
  }
}

/** Whether text[start, end) is one or more decimal digits. */
function allDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A port as printed at text[start, end): a number, or a service name for the packets stage to map. */
export function setPort(seg: ParsedSegment, text: string, start: number, end: number, side: "src" | "dst"): void {
  if (allDigits(text, start, end)) {
    if (side === "src") seg.sport = numberIn(text, start, end);
    else seg.dport = numberIn(text, start, end);
  } else if (side === "src") {
    seg.sportName = text.slice(start, end);
  } else {
    seg.dportName = text.slice(start, end);
  }
}

/**
 * `host.port` at text[start, end): split at the last dot (hosts may be names or IPv6 with dots
 * in an IPv4 tail). A token without a dot (the grammar gives none) would read as it always did:
 * host all but its last character, port the whole token.
 */
export function setHostPort(seg: ParsedSegment, text: string, start: number, end: number, side: "src" | "dst"): void {
  const found = text.lastIndexOf(".", end - 1);
  const dot = found < start ? end - 1 : found;
  const host = text.slice(start, dot);
  if (side === "src") seg.src = host;
  else seg.dst = host;
  setPort(seg, text, found < start ? start : dot + 1, end, side);
}
