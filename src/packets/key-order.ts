import type { ParsedSegment } from "../grammar/types.js";
import type { Packet } from "./types.js";

/** The order of keys in a Packet (docs/packets.md), whatever order the parts were built in. */
export const KEY_ORDER: readonly (keyof Packet)[] = [
  "file", "line", "number", "time", "t", "iface", "dir", "link", "family",
  "src", "sport", "sportName", "dst", "dport", "dportName", "ip", "flags", "cksum",
  "seq", "seqEnd", "ack", "win", "urg", "len", "relative", "abs", "options", "payload", "truncated",
];

type Ordered = (seg: ParsedSegment | Packet, extra: Partial<Packet>) => Packet;

/**
 * A Packet with its keys in KEY_ORDER: each key from `extra` when set there, else from `seg`;
 * keys without a value are left out. Compiled once from KEY_ORDER into a straight run of
 * property reads and stores: a loop over the key names reads properties by computed name,
 * which cost about a microsecond per packet, more than parsing the line's numbers.
 */
export const ordered = new Function(
  "seg",
  "extra",
  [
    "const out = {};",
    "let v;",
    ...KEY_ORDER.map((key) => `v = extra.${key} !== undefined ? extra.${key} : seg.${key}; if (v !== undefined) out.${key} = v;`),
    "return out;",
  ].join("\n"),
) as Ordered;
