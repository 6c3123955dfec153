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

/** Whether a record carries a TCP part, and if not, what it probably is. */
export function classify(text: string): { kind: RecordKind; protocol?: string } {
  if (TCP_PART.test(text)) return { kind: "tcp" };
  for (const [pattern, protocol] of OTHER_PROTOCOLS) {
    if (pattern.test(text)) return { kind: "other", protocol };
  }
  return { kind: "other", protocol: "other-link" };
}
