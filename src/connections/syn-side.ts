import { put } from "./put.js";
import type { SynSide } from "./types.js";
import type { SegmentView } from "./view.js";

const LEN_SUFFIX = /\[len \d+\]$/;

/**
 * An option item's kind as printed: its first word (`mss 1460` → `mss`, `TS val 1 ecr 0` →
 * `TS`), without a `[len N]` suffix; bracketed items such as `[bad opt]` stay whole.
 */
function optionKind(item: string): string {
  if (item.startsWith("[")) return item;
  const space = item.indexOf(" ");
  const word = space < 0 ? item : item.slice(0, space);
  return word.endsWith("]") ? word.replace(LEN_SUFFIX, "") : word;
}

/**
 * What one side's SYN (or SYN/ACK) shows: its options, the option layout, and the IP header
 * fields of verbose output (IPv6's hop limit stands in for the TTL).
 */
export function synSide(v: SegmentView): SynSide {
  const p = v.p;
  const side: SynSide = {};
  const o = p.options;
  put(side, "mss", o?.mss);
  put(side, "wscale", o?.wscale);
  put(side, "sackOK", o?.sackOK);
  if (o?.list.some((item) => item.startsWith("TS "))) side.ts = true;
  put(side, "tsval", o?.tsval);
  if (o && o.list.length > 0) side.layout = o.list.map(optionKind).join(",");
  put(side, "ttl", p.ip?.ttl ?? p.ip?.hlim);
  put(side, "ipId", p.ip?.id);
  put(side, "win", p.win);
  side.line = p.line;
  put(side, "time", v.time);
  put(side, "t", p.t);
  return side;
}
