import type { ParsedSegment } from "../grammar/types.js";
import type { Packet } from "./types.js";

/** The order of keys in a Packet (docs/packets.md), whatever order the parts were built in. */
export const KEY_ORDER: readonly (keyof Packet)[] = [
  "file", "line", "number", "time", "t", "iface", "dir", "link", "family",
  "src", "sport", "sportName", "dst", "dport", "dportName", "ip", "flags", "cksum",
  "seq", "seqEnd", "ack", "win", "urg", "len", "relative", "abs", "options", "payload", "truncated",
];

/** The keys a packet takes from the packets stage rather than from the parsed segment (when set), in PacketOf's order. */
const STAGE_KEYS = ["file", "line", "t", "sport", "dport", "relative", "abs"] as const;

type PacketOf = (
  seg: ParsedSegment | Packet,
  file?: Packet["file"],
  line?: Packet["line"],
  t?: Packet["t"],
  sport?: Packet["sport"],
  dport?: Packet["dport"],
  relative?: Packet["relative"],
  abs?: Packet["abs"],
) => Packet;

/**
 * A Packet with its keys in KEY_ORDER: each stage value when set, else the segment's (or an
 * earlier Packet's, to give it a value it lacked); keys without a value are left out. Compiled
 * once from KEY_ORDER into a straight run of property reads and stores: a loop over the key
 * names reads properties by computed name, which cost about a microsecond per packet, and the
 * stage's values are arguments, not an object to merge (that was a third of what it cost).
 *
 * The packet is built by a constructor that assigns every key (when set) to `this`: V8 gives
 * such objects room for all of them inside the object, where keys added to a `{}` one by one
 * outgrow its four in-object slots and are copied to ever larger side arrays. Packets are
 * still plain data: own enumerable keys in KEY_ORDER, as JSON and deep equality see them.
 */
const PacketConstructor = new Function(
  "seg",
  ...STAGE_KEYS,
  [
    "let v;",
    ...KEY_ORDER.map((key) =>
      (STAGE_KEYS as readonly string[]).includes(key)
        ? `v = ${key} !== undefined ? ${key} : seg.${key}; if (v !== undefined) this.${key} = v;`
        : `v = seg.${key}; if (v !== undefined) this.${key} = v;`,
    ),
  ].join("\n"),
) as unknown as new (...args: Parameters<PacketOf>) => Packet;

export const packetOf: PacketOf = (seg, file, line, t, sport, dport, relative, abs) =>
  new PacketConstructor(seg, file, line, t, sport, dport, relative, abs);
