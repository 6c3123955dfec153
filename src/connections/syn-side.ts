/**
 * What one side's SYN (or SYN/ACK) shows: its options, the option layout, and the IP header
 * fields of verbose output (IPv6's hop limit stands in for the TTL). Kept as a record of a
 * RecordPool while the connection is tracked; the SynSide object is built when it is reported.
 */
import { put } from "./put.js";
import { RecordPool, TIME_WIDTH } from "./record-pool.js";
import { TextTable } from "./text-table.js";
import type { SynSide } from "./types.js";
import type { SegmentView } from "./view.js";

/** A SYN side's record, NaN where the SYN does not show it (booleans as 1 and 0). */
const MSS = 0;
const WSCALE = 1;
const SACK_OK = 2;
const TS = 3;
const TSVAL = 4;
const LAYOUT = 5;
const TTL = 6;
const IP_ID = 7;
const WIN = 8;
const LINE = 9;
const T = 10;
const TIME = 11;
export const SYN_RECORD_WIDTH = TIME + TIME_WIDTH;

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
  setOptional(pool, id, MSS, o?.mss);
  setOptional(pool, id, WSCALE, o?.wscale);
  setOptional(pool, id, SACK_OK, o?.sackOK);
  if (o?.list.some((item) => item.startsWith("TS "))) pool.set(id, TS, 1);
  setOptional(pool, id, TSVAL, o?.tsval);
  if (o && o.list.length > 0) {
    const layout = o.list.map(optionKind).join(",");
    pool.setText(id, LAYOUT, layouts.idOf(layout), layout);
  }
  setOptional(pool, id, TTL, p.ip?.ttl ?? p.ip?.hlim);
  setOptional(pool, id, IP_ID, p.ip?.id);
  setOptional(pool, id, WIN, p.win);
  pool.set(id, LINE, p.line);
  setOptional(pool, id, T, p.t);
  pool.setTime(id, TIME, p.time);
}

/** The SynSide written into record `id`. */
export function readSynSide(pool: RecordPool, id: number): SynSide {
  const side: SynSide = {};
  put(side, "mss", pool.optional(id, MSS));
  put(side, "wscale", pool.optional(id, WSCALE));
  const sackOK = pool.optional(id, SACK_OK);
  if (sackOK !== undefined) side.sackOK = sackOK === 1;
  if (pool.get(id, TS) === 1) side.ts = true;
  put(side, "tsval", pool.optional(id, TSVAL));
  if (!Number.isNaN(pool.get(id, LAYOUT))) side.layout = pool.text(id, LAYOUT, (n) => layouts.textOf(n));
  put(side, "ttl", pool.optional(id, TTL));
  put(side, "ipId", pool.optional(id, IP_ID));
  put(side, "win", pool.optional(id, WIN));
  side.line = pool.get(id, LINE);
  put(side, "time", pool.time(id, TIME));
  put(side, "t", pool.optional(id, T));
  return side;
}
