/**
 * What one side's SYN (or SYN/ACK) shows: its options, the option layout, and the IP header
 * fields of verbose output (IPv6's hop limit stands in for the TTL). Kept as a record of a
 * RecordPool while the connection is tracked; the SynSide object is built when it is reported.
 */
import { type JsonBytes, jsonKeys } from "./json-bytes.js";
import { RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import { TextTable } from "./text-table.js";
import type { SegmentScan } from "../grammar/fast/segment-scan.js";
import type { TcpOptions } from "../grammar/types.js";
import type { SynSide } from "./types.js";
import type { SegmentView } from "./view.js";

/** A SYN side's record, NaN where the SYN does not show it (booleans as 1 and 0). */
const F = recordLayout({ mss: 1, wscale: 1, sackOK: 1, ts: 1, tsval: 1, layout: 1, ttl: 1, ipId: 1, win: 1, line: 1, t: 1, time: TIME_WIDTH });
export const SYN_RECORD_WIDTH = F.width;

/** A SynSide's keys, in its order. */
const K = jsonKeys("mss", "wscale", "sackOK", "ts", "tsval", "layout", "ttl", "ipId", "win", "line", "time", "t");

const LEN_SUFFIX = /\[len \d+\]$/;

/** Option layouts: a capture has a few (one per client OS), shared by all its SYNs. */
const layouts = new TextTable(4096);

const layoutText = (n: number): string => layouts.textOf(n);
const layoutJson = (n: number): Uint8Array => layouts.jsonOf(n);

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

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SPACE = 32;

/**
 * Whether optionKind(item) is `kind`, without cutting the item: for the common items (a word
 * then a space or the end), whether the item starts with the kind and a space, or is the kind.
 */
function isKind(item: string, kind: string): boolean {
  const n = kind.length;
  if (item.charCodeAt(0) === OPEN_BRACKET || kind.charCodeAt(n - 1) === CLOSE_BRACKET) return optionKind(item) === kind;
  for (let i = 0; i < n; i++) if (item.charCodeAt(i) !== kind.charCodeAt(i)) return false;
  if (item.length === n || item.charCodeAt(n) === SPACE) return true;
  // `mss[len 4] 1460`: the kind is the word without its suffix.
  return item.charCodeAt(n) === OPEN_BRACKET && optionKind(item) === kind;
}

/** A layout with its option kinds, to recognise the next list with the same kinds without building its text. */
interface Layout {
  kinds: string[];
  text: string;
  /** Where its TS options are: an item of kind `TS` is the option with values when it is longer than `TS`. */
  tsAt: number[];
}

/** The last few distinct layouts seen (a SYN's and a SYN/ACK's usually differ). */
const RECENT = 8;
const recent: Layout[] = [];

function sameKinds(list: string[], kinds: string[]): boolean {
  if (list.length !== kinds.length) return false;
  for (let i = 0; i < list.length; i++) if (!isKind(list[i], kinds[i])) return false;
  return true;
}

/** The layout of an options list: option kinds in order, comma-separated. */
function layoutOf(list: string[]): Layout {
  for (const layout of recent) if (sameKinds(list, layout.kinds)) return layout;
  const kinds = list.map(optionKind);
  const text = kinds.join(",");
  const tsAt = kinds.flatMap((kind, i) => (kind === "TS" ? [i] : []));
  const layout = { kinds, text, tsAt };
  if (recent.length === RECENT) recent.pop();
  recent.unshift(layout);
  return layout;
}

/** Whether a list of `layout` holds a TS option with values (an item starting `TS `). */
const hasTimestamp = (list: string[], layout: Layout): boolean => {
  for (const i of layout.tsAt) if (list[i].length > 2) return true;
  return false;
};

/**
 * What a side's record keeps of a SYN's options, read from them where the packet is read (a
 * view's `syn`): numbers, NaN when not printed (sackOK as 1 or 0), and the layout's text. A
 * thread that tracks another's packets gets these, not the options (view-rows.ts).
 */
export class SynOptionsRead {
  mss = NaN;
  wscale = NaN;
  sackOK = NaN;
  tsval = NaN;
  /** A TS option with values is in the list. */
  ts = false;
  /** Option kinds in order (`mss,sackOK,TS,nop,wscale`), undefined for an empty list or none. */
  layout?: string;

  /** Reads a SYN's options (undefined: not a SYN, or none printed). */
  read(o: TcpOptions | undefined): this {
    this.mss = o?.mss ?? NaN;
    this.wscale = o?.wscale ?? NaN;
    this.sackOK = o?.sackOK === undefined ? NaN : o.sackOK ? 1 : 0;
    this.tsval = o?.tsval ?? NaN;
    const layout = o !== undefined && o.list.length > 0 ? layoutOf(o.list) : undefined;
    this.ts = layout !== undefined && hasTimestamp(o!.list, layout);
    this.layout = layout?.text;
    return this;
  }

  /**
   * read() of the options of a line the fast lane took, from what its scan kept of them, without
   * the items' strings (the lane's items always carry a TS option's values); false, reading
   * nothing, when the scan has no layout for them (then read() its options()).
   */
  readScanned(scan: SegmentScan): boolean {
    if (scan.optionsStart < 0) {
      this.read(undefined);
      return true;
    }
    const layout = scan.optionLayout();
    if (layout === undefined) return false;
    this.mss = scan.optionMss;
    this.wscale = scan.optionWscale;
    this.sackOK = scan.optionSackOK ? 1 : NaN;
    this.tsval = scan.optionTs ? scan.tsval! : NaN;
    this.ts = scan.optionTs;
    this.layout = layout;
    return true;
  }
}

/** Layout numbers of the last texts numbered, by their length: a SYN's and a SYN/ACK's layouts take turns. */
const lastLayouts = new Array<string | undefined>(8).fill(undefined);
const lastLayoutIds = new Int32Array(8);

function layoutId(text: string): number {
  const slot = text.length & 7;
  if (lastLayouts[slot] !== text) {
    lastLayouts[slot] = text;
    lastLayoutIds[slot] = layouts.idOf(text);
  }
  return lastLayoutIds[slot];
}

/** Writes the SYN's side into record `id` of `pool` (SYN_RECORD_WIDTH wide); the record's numbers start as NaN (absent). */
export function writeSynSide(pool: RecordPool, id: number, v: SegmentView): void {
  const o = v.syn;
  const r = pool.chunkOf(id);
  const at = pool.offsetOf(id);
  r[at + F.mss] = o.mss;
  r[at + F.wscale] = o.wscale;
  r[at + F.sackOK] = o.sackOK;
  r[at + F.tsval] = o.tsval;
  if (o.layout !== undefined) {
    if (o.ts) r[at + F.ts] = 1;
    pool.setText(id, F.layout, layoutId(o.layout), o.layout);
  }
  r[at + F.ttl] = v.ttl;
  r[at + F.ipId] = v.ipId;
  r[at + F.win] = v.win;
  r[at + F.line] = v.line;
  r[at + F.t] = v.t;
  pool.setTime(id, F.time, v.time);
}

/** The SynSide written into record `id`. */
export function readSynSide(pool: RecordPool, id: number): SynSide {
  const r = pool.chunkOf(id);
  const at = pool.offsetOf(id);
  const side: SynSide = {};
  if (!Number.isNaN(r[at + F.mss])) side.mss = r[at + F.mss];
  if (!Number.isNaN(r[at + F.wscale])) side.wscale = r[at + F.wscale];
  if (!Number.isNaN(r[at + F.sackOK])) side.sackOK = r[at + F.sackOK] === 1;
  if (r[at + F.ts] === 1) side.ts = true;
  if (!Number.isNaN(r[at + F.tsval])) side.tsval = r[at + F.tsval];
  if (!Number.isNaN(r[at + F.layout])) side.layout = pool.text(id, F.layout, layoutText);
  if (!Number.isNaN(r[at + F.ttl])) side.ttl = r[at + F.ttl];
  if (!Number.isNaN(r[at + F.ipId])) side.ipId = r[at + F.ipId];
  if (!Number.isNaN(r[at + F.win])) side.win = r[at + F.win];
  side.line = r[at + F.line];
  const time = pool.time(id, F.time);
  if (time !== undefined) side.time = time;
  if (!Number.isNaN(r[at + F.t])) side.t = r[at + F.t];
  return side;
}

/** readSynSide() as JSON (json-bytes.ts), written from the record. */
export function writeSynSideJson(pool: RecordPool, id: number, out: JsonBytes): void {
  const r = pool.chunkOf(id);
  const at = pool.offsetOf(id);
  out.open();
  out.optionalNumberAt(K.mss, r, at + F.mss);
  out.optionalNumberAt(K.wscale, r, at + F.wscale);
  if (!Number.isNaN(r[at + F.sackOK])) {
    out.key(K.sackOK);
    out.bool(r[at + F.sackOK] === 1);
  }
  if (r[at + F.ts] === 1) {
    out.key(K.ts);
    out.bool(true);
  }
  out.optionalNumberAt(K.tsval, r, at + F.tsval);
  if (!Number.isNaN(r[at + F.layout])) pool.writeText(id, F.layout, K.layout, out, layoutJson);
  out.optionalNumberAt(K.ttl, r, at + F.ttl);
  out.optionalNumberAt(K.ipId, r, at + F.ipId);
  out.optionalNumberAt(K.win, r, at + F.win);
  out.numberAt(K.line, r, at + F.line);
  pool.writeTime(id, F.time, K.time, out);
  out.optionalNumberAt(K.t, r, at + F.t);
  out.close();
}
