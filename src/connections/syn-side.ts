/**
 * What one side's SYN (or SYN/ACK) shows: its options, the option layout, and the IP header
 * fields of verbose output (IPv6's hop limit stands in for the TTL). Kept as a record of a
 * RecordPool while the connection is tracked; the SynSide object is built when it is reported.
 */
import { put } from "./put.js";
import { RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import { TextTable } from "./text-table.js";
import type { SynSide } from "./types.js";
import type { SegmentView } from "./view.js";

/** A SYN side's record, NaN where the SYN does not show it (booleans as 1 and 0). */
const F = recordLayout({ mss: 1, wscale: 1, sackOK: 1, ts: 1, tsval: 1, layout: 1, ttl: 1, ipId: 1, win: 1, line: 1, t: 1, time: TIME_WIDTH });
export const SYN_RECORD_WIDTH = F.width;

const LEN_SUFFIX = /\[len \d+\]$/;

/** Option layouts: a capture has a few (one per client OS), shared by all its SYNs. */
const layouts = new TextTable(4096);

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

const setOptional = (pool: RecordPool, id: number, field: number, n: number | boolean | undefined): void => {
  if (n !== undefined) pool.set(id, field, Number(n));
};

/** Writes the SYN's side into record `id` of `pool` (SYN_RECORD_WIDTH wide). */
export function writeSynSide(pool: RecordPool, id: number, v: SegmentView): void {
  const p = v.p;
  const o = p.options;
  setOptional(pool, id, F.mss, o?.mss);
  setOptional(pool, id, F.wscale, o?.wscale);
  setOptional(pool, id, F.sackOK, o?.sackOK);
  if (o?.list.some((item) => item.startsWith("TS "))) pool.set(id, F.ts, 1);
  setOptional(pool, id, F.tsval, o?.tsval);
  if (o && o.list.length > 0) {
    const layout = o.list.map(optionKind).join(",");
    pool.setText(id, F.layout, layouts.idOf(layout), layout);
  }
  setOptional(pool, id, F.ttl, p.ip?.ttl ?? p.ip?.hlim);
  setOptional(pool, id, F.ipId, p.ip?.id);
  setOptional(pool, id, F.win, p.win);
  pool.set(id, F.line, p.line);
  setOptional(pool, id, F.t, p.t);
  pool.setTime(id, F.time, p.time);
}

/** The SynSide written into record `id`. */
export function readSynSide(pool: RecordPool, id: number): SynSide {
  const side: SynSide = {};
  put(side, "mss", pool.optional(id, F.mss));
  put(side, "wscale", pool.optional(id, F.wscale));
  const sackOK = pool.optional(id, F.sackOK);
  if (sackOK !== undefined) side.sackOK = sackOK === 1;
  if (pool.get(id, F.ts) === 1) side.ts = true;
  put(side, "tsval", pool.optional(id, F.tsval));
  if (!Number.isNaN(pool.get(id, F.layout))) side.layout = pool.text(id, F.layout, (n) => layouts.textOf(n));
  put(side, "ttl", pool.optional(id, F.ttl));
  put(side, "ipId", pool.optional(id, F.ipId));
  put(side, "win", pool.optional(id, F.win));
  side.line = pool.get(id, F.line);
  put(side, "time", pool.time(id, F.time));
  put(side, "t", pool.optional(id, F.t));
  return side;
}
