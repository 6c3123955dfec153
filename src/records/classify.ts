import { TCP_PART } from "./patterns.js";
import type { RecordKind } from "./types.js";

/** Labels for the non-TCP packets a capture holds, for the summary's counts. */
const OTHER_PROTOCOLS: [RegExp, string][] = [
  [/\bICMP6\b/, "icmp6"],
  [/\bICMP\b/, "icmp"],
  [/\bARP\b/, "arp"],
  [/\bUDP\b|proto UDP|: \d+[+*%-]? /, "udp"],
  [/\bIP6? /, "ip-other"],
];

/** TCP_PART tried only where its ` > ` occurs (sticky), instead of at every column. */
const TCP_PART_AT = new RegExp(TCP_PART.source, "y");

/**
 * Whether a text carries a TCP part: TCP_PART.test(text). A match at column i has ` > ` at
 * i + 1, so trying every ` > ` from column 1 on tries every column where a match can start.
 */
export function hasTcpPart(text: string): boolean {
  for (let arrow = text.indexOf(" > ", 1); arrow >= 0; arrow = text.indexOf(" > ", arrow + 1)) {
    TCP_PART_AT.lastIndex = arrow - 1;
    if (TCP_PART_AT.test(text)) return true;
  }
  return false;
}

/** Whether a record carries a TCP part, and if not, what it probably is. */
export function classify(text: string): { kind: RecordKind; protocol?: string } {
  return hasTcpPart(text) ? { kind: "tcp" } : { kind: "other", protocol: otherProtocol(text) };
}

/** What a record without a TCP part probably is. */
export function otherProtocol(text: string): string {
  for (const [pattern, protocol] of OTHER_PROTOCOLS) {
    if (pattern.test(text)) return protocol;
  }
  return "other-link";
}
