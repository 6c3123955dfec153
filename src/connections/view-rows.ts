/**
 * Views as rows of numbers, for a tracker in another thread (cli/pipeline/): the reading thread
 * fills a view for each packet as its own tracker would (view.ts read(), readScanned()), writes
 * it here as a row, and the tracking thread reads the row back into its tracker's view, the same
 * in every field (test/connections/view-rows.test.ts). A batch is one array of numbers, which is
 * moved to the other thread rather than copied, the texts the rows name (hosts, flags, time
 * texts and patterns), once each, and the options of SYNs.
 *
 * Rows keep the tracker's input in order: packets, and the clock moves of the TCP records it
 * does not hold (advance()), and lines for the log (log()), kept in order with the tracker's
 * warnings.
 */
import type { TcpOptions } from "../grammar/types.js";
import { readFlags } from "./flags.js";
import { recordLayout } from "./record-pool.js";
import { withRoom } from "./room.js";
import type { SegmentView } from "./view.js";

const R = recordLayout({
  op: 1, line: 1, t: 1, family: 1, src: 1, dst: 1, sport: 1, dport: 1, sportName: 1, dportName: 1,
  win: 1, len: 1, seq: 1, seqEnd: 1, ack: 1, flags: 1, tsval: 1, synOptions: 1, ttl: 1, ipId: 1, hash: 1,
  timeText: 1, timePattern: 1, time: 2,
});

/** What a row says. */
export const PUSH = 1;
export const ADVANCE = 2;
export const LOG = 3;

/** No text, no options: an index of none. */
const NONE = -1;
/** Slots of ViewRowWriter's cache of recent texts (a power of two). */
const RECENT = 32;

/** A batch of rows as it crosses to the other thread. */
export interface ViewRows {
  numbers: Float64Array;
  count: number;
  texts: string[];
  options: TcpOptions[];
}

/** Rows being written, until take() hands them over. */
export class ViewRowWriter {
  private numbers = new Float64Array(R.width * 1024);
  private count = 0;
  /** Where the row being written starts. */
  private at = 0;
  private texts: string[] = [];
  private textIds = new Map<string, number>();
  private options: TcpOptions[] = [];
  /** Texts given a number lately, by their length: a text's number without a lookup in textIds. */
  private readonly recentTexts = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentIds = new Int32Array(RECENT);

  get size(): number {
    return this.count;
  }

  /** A packet, as `v` holds it. */
  push(v: SegmentView): void {
    const n = this.row(PUSH);
    const at = this.at;
    n[at + R.line] = v.line;
    n[at + R.t] = v.t ?? NaN;
    n[at + R.family] = v.family ?? 0;
    n[at + R.src] = this.text(v.src);
    n[at + R.dst] = this.text(v.dst);
    // a port is its number or, without one, its name (then the name is sportName too: view.ts)
    n[at + R.sport] = typeof v.sport === "number" ? v.sport : NaN;
    n[at + R.dport] = typeof v.dport === "number" ? v.dport : NaN;
    n[at + R.sportName] = this.text(v.sportName);
    n[at + R.dportName] = this.text(v.dportName);
    n[at + R.win] = v.win ?? NaN;
    n[at + R.len] = v.len;
    n[at + R.seq] = v.seq ?? NaN;
    n[at + R.seqEnd] = v.seqEnd ?? NaN;
    n[at + R.ack] = v.ack ?? NaN;
    n[at + R.flags] = v.flags.known ? this.text(v.flags.text) : NONE;
    n[at + R.tsval] = v.tsval ?? NaN;
    n[at + R.synOptions] = v.synOptions === undefined ? NONE : this.options.push(v.synOptions) - 1;
    n[at + R.ttl] = v.ttl ?? NaN;
    n[at + R.ipId] = v.ipId ?? NaN;
    n[at + R.hash] = v.hash;
    n[at + R.timePattern] = this.text(v.time.patternText);
    n[at + R.timeText] = this.text(v.time.text);
    n[at + R.time] = v.time.numbers[0];
    n[at + R.time + 1] = v.time.numbers[1];
  }

  /** A TCP record the tracker does not hold: the clock moves to `t`. */
  advance(t: number | undefined): void {
    this.row(ADVANCE)[this.at + R.t] = t ?? NaN;
  }

  /** A line for the log, in its place among the tracker's warnings. */
  log(text: string): void {
    this.row(LOG)[this.at + R.src] = this.text(text);
  }

  /** The rows written since the last take(), handed over (a copy of just them, which can move to the other thread). */
  take(): ViewRows {
    const rows = { numbers: this.numbers.slice(0, this.count * R.width), count: this.count, texts: this.texts, options: this.options };
    this.count = 0;
    this.texts = [];
    this.textIds.clear();
    this.recentTexts.fill(undefined);
    this.options = [];
    return rows;
  }

  private row(op: number): Float64Array {
    this.numbers = withRoom(this.numbers, (this.count + 1) * R.width - 1, 0);
    this.at = this.count++ * R.width;
    this.numbers[this.at + R.op] = op;
    return this.numbers;
  }

  private text(text: string | undefined): number {
    if (text === undefined) return NONE;
    // the same few texts come again and again (a server's host, the flags, the time's pattern)
    const slot = text.length & (RECENT - 1);
    if (this.recentTexts[slot] === text) return this.recentIds[slot];
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.textIds.set(text, id);
    }
    this.recentTexts[slot] = text;
    this.recentIds[slot] = id;
    return id;
  }
}

/** What row `i` says (PUSH, ADVANCE, LOG). */
export const opOf = (rows: ViewRows, i: number): number => rows.numbers[i * R.width + R.op];

/** An ADVANCE row's time. */
export const advanceOf = (rows: ViewRows, i: number): number | undefined => optional(rows.numbers[i * R.width + R.t]);

/** A LOG row's line. */
export const logOf = (rows: ViewRows, i: number): string => rows.texts[rows.numbers[i * R.width + R.src]];

/** Fills `v` with the packet of PUSH row `i`: what the writer's view held. */
export function readRow(rows: ViewRows, i: number, v: SegmentView): void {
  const n = rows.numbers;
  const at = i * R.width;
  v.line = n[at + R.line];
  v.t = optional(n[at + R.t]);
  v.family = n[at + R.family] === 0 ? undefined : (n[at + R.family] as 4 | 6);
  v.src = textOf(rows, at + R.src)!;
  v.dst = textOf(rows, at + R.dst)!;
  v.sportName = textOf(rows, at + R.sportName);
  v.dportName = textOf(rows, at + R.dportName);
  v.sport = Number.isNaN(n[at + R.sport]) ? v.sportName : n[at + R.sport];
  v.dport = Number.isNaN(n[at + R.dport]) ? v.dportName : n[at + R.dport];
  v.win = optional(n[at + R.win]);
  v.len = n[at + R.len];
  v.seq = optional(n[at + R.seq]);
  v.seqEnd = optional(n[at + R.seqEnd]);
  v.ack = optional(n[at + R.ack]);
  v.flags = readFlags(textOf(rows, at + R.flags));
  v.tsval = optional(n[at + R.tsval]);
  v.synOptions = n[at + R.synOptions] === NONE ? undefined : rows.options[n[at + R.synOptions]];
  v.ttl = optional(n[at + R.ttl]);
  v.ipId = optional(n[at + R.ipId]);
  v.hash = n[at + R.hash];
  const pattern = textOf(rows, at + R.timePattern);
  const text = textOf(rows, at + R.timeText);
  if (pattern === undefined || !v.time.readCoded(pattern, n, at + R.time, text)) v.time.read(text);
}

function textOf(rows: ViewRows, field: number): string | undefined {
  const id = rows.numbers[field];
  return id === NONE ? undefined : rows.texts[id];
}

const optional = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n);
