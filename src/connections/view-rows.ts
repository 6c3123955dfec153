/**
 * Views as rows of numbers, for a tracker in another thread (cli/pipeline/): the reading thread
 * fills a view for each packet as its own tracker would (view.ts read(), readScanned()), writes
 * it here as a row, and the tracking thread reads the row back into its tracker's view, the same
 * in every field (test/connections/view-rows.test.ts). A batch is one array of numbers, which is
 * moved to the other thread rather than copied, and the texts its rows name that the other
 * thread has not had yet. A SYN's options go as what its side keeps of them (syn-side.ts
 * SynOptionsRead): objects of strings cost more to clone than numbers, on both threads.
 *
 * Texts that come again (hosts, port names, flags, time patterns) are numbered once for the
 * run and sent once, until TEXTS_KEPT of them are numbered, when both sides start afresh: a
 * host is then the same string on the tracking thread in every batch, whose comparisons and
 * hashes stop at its identity. A text of one packet (a time text the lane did not code, a log
 * line) goes with its batch only.
 *
 * Rows keep the tracker's input in order: packets, and the clock moves of the TCP records it
 * does not hold (advance()), and lines for the log (log()), kept in order with the tracker's
 * warnings.
 *
 * A row is as wide as what it says. Most packets are neither SYNs nor printed with port names:
 * their row leaves those fields out (PUSH), the others carry them (PUSH_FULL; a view holds a
 * verbose IP header's fields and the options for SYNs only, view.ts). The rows are written on one core and read on the other, and every
 * byte of them crosses between the two cores' caches.
 */
import { readFlags, type TcpFlags } from "./flags.js";
import { recordLayout } from "./record-pool.js";
import { withRoom } from "./room.js";
import type { SegmentView } from "./view.js";

/** A packet's row: what every packet has, then, in a PUSH_FULL row, what few have (X). */
const R = recordLayout({
  op: 1, line: 1, t: 1, family: 1, src: 1, dst: 1, sport: 1, dport: 1, win: 1, len: 1,
  seq: 1, seqEnd: 1, ack: 1, flags: 1, tsval: 1, hash: 1, timeText: 1, timePattern: 1, time: 2,
});
const X = recordLayout({
  common: R.width, sportName: 1, dportName: 1, ttl: 1, ipId: 1,
  synMss: 1, synWscale: 1, synSackOK: 1, synTsval: 1, synTs: 1, synLayout: 1,
});
/** The rows of the clock's moves and of log lines: what they say, and the time or the line. */
const A = recordLayout({ op: 1, value: 1 });

/** What a row says, its first number: a packet (with or without the fields of X), a clock move, a log line; NO_ROW past the last. */
export const PUSH = 1;
export const PUSH_FULL = 2;
export const ADVANCE = 3;
export const LOG = 4;
export const NO_ROW = 0;

/** No text: an index of none. A text of the batch only is numbered from -2 down (batchText()). */
const NONE = -1;
const batchText = (index: number): number => -2 - index;
/** Slots of ViewRowWriter's cache of recent texts (a power of two). */
const RECENT = 64;
/**
 * Slots of ViewRowWriter's cache of recent hosts, by their hash (a power of two): enough for the
 * hosts of the connections open at once on a busy server, whose packets come interleaved.
 */
const RECENT_HOSTS = 4096;
/** Texts numbered for the run at most, before both sides start afresh (a few MB at most). */
const TEXTS_KEPT = 1 << 11;

/** A batch of rows as it crosses to the other thread. */
export interface ViewRows {
  /** The rows, one after the other. */
  numbers: Float64Array;
  /** Texts numbered in this batch, from number `firstText` on (0: the reader forgets the ones before). */
  texts: string[];
  firstText: number;
  /** Texts of this batch only. */
  batchTexts: string[];
}

/** Rows being written, until take() hands them over. */
export class ViewRowWriter {
  private numbers = new Float64Array(X.width * 1024);
  /** Numbers written: where the next row starts. */
  private end = 0;
  /** Texts numbered for the run, and those numbered since the last take() (from `firstText`). */
  private readonly textIds = new Map<string, number>();
  private texts: string[] = [];
  private firstText = 0;
  private batchTexts: string[] = [];
  /** Texts given a number lately, by a slot of their length and letters: a text's number without a lookup in textIds. */
  private readonly recentTexts = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentIds = new Int32Array(RECENT);
  /**
   * Hosts given a number lately, by a slot of their hash (SegmentView.srcHash): a client's host
   * comes on each packet of its connection, between those of hundreds of others, and finding
   * its number in textIds was about a sixth of the reading thread's time on a million packets.
   */
  private readonly recentHosts = new Array<string | undefined>(RECENT_HOSTS).fill(undefined);
  private readonly recentHostIds = new Int32Array(RECENT_HOSTS);

  constructor(
    /** Texts numbered for the run at most (tests start afresh sooner). */
    private readonly textsKept = TEXTS_KEPT,
  ) {}

  /** Numbers written since the last take() (0: no rows). */
  get size(): number {
    return this.end;
  }

  /** A packet, as `v` holds it. */
  push(v: SegmentView): void {
    const syn = v.syn;
    // a verbose header's TTL and id are a SYN's only (view.ts)
    const full = v.flags.syn || v.sportName !== undefined || v.dportName !== undefined;
    const at = this.row(full ? PUSH_FULL : PUSH, full ? X.width : R.width);
    const n = this.numbers;
    n[at + R.line] = v.line;
    n[at + R.t] = v.t;
    n[at + R.family] = v.family ?? 0;
    n[at + R.src] = this.host(v.src, v.srcHash);
    n[at + R.dst] = this.host(v.dst, v.dstHash);
    // a port is its number or, without one, its name (then the name is sportName too: view.ts)
    n[at + R.sport] = typeof v.sport === "number" ? v.sport : NaN;
    n[at + R.dport] = typeof v.dport === "number" ? v.dport : NaN;
    n[at + R.win] = v.win;
    n[at + R.len] = v.len;
    n[at + R.seq] = v.seq;
    n[at + R.seqEnd] = v.seqEnd;
    n[at + R.ack] = v.ack;
    n[at + R.flags] = v.flags.known ? this.text(v.flags.text) : NONE;
    n[at + R.tsval] = v.tsval;
    n[at + R.hash] = v.hash;
    n[at + R.timePattern] = this.text(v.time.patternText);
    n[at + R.timeText] = v.time.text === undefined ? NONE : this.batchText(v.time.text);
    n[at + R.time] = v.time.numbers[0];
    n[at + R.time + 1] = v.time.numbers[1];
    if (!full) return;
    n[at + X.sportName] = this.text(v.sportName);
    n[at + X.dportName] = this.text(v.dportName);
    n[at + X.ttl] = v.ttl;
    n[at + X.ipId] = v.ipId;
    n[at + X.synMss] = syn.mss;
    n[at + X.synWscale] = syn.wscale;
    n[at + X.synSackOK] = syn.sackOK;
    n[at + X.synTsval] = syn.tsval;
    n[at + X.synTs] = syn.ts ? 1 : 0;
    n[at + X.synLayout] = this.text(syn.layout);
  }

  /** A TCP record the tracker does not hold: the clock moves to `t`. */
  advance(t: number | undefined): void {
    const at = this.row(ADVANCE, A.width);
    this.numbers[at + A.value] = t ?? NaN;
  }

  /** A line for the log, in its place among the tracker's warnings. */
  log(text: string): void {
    const at = this.row(LOG, A.width);
    this.numbers[at + A.value] = this.batchText(text);
  }

  /** The rows written since the last take(), handed over (a copy of just them, which can move to the other thread). */
  take(): ViewRows {
    const rows = { numbers: this.numbers.slice(0, this.end), texts: this.texts, firstText: this.firstText, batchTexts: this.batchTexts };
    this.end = 0;
    this.firstText += this.texts.length;
    this.texts = [];
    this.batchTexts = [];
    if (this.firstText >= this.textsKept) {
      this.firstText = 0;
      this.textIds.clear();
      this.recentTexts.fill(undefined);
      this.recentHosts.fill(undefined);
    }
    return rows;
  }

  /** A new row of `width` numbers saying `op`: where it starts. */
  private row(op: number, width: number): number {
    const at = this.end;
    this.numbers = withRoom(this.numbers, at + width - 1, 0);
    this.numbers[at] = op;
    this.end = at + width;
    return at;
  }

  /** A text's number for the run. */
  private text(text: string | undefined): number {
    if (text === undefined) return NONE;
    // the same few texts come again and again (a server's host, the flags, the time's pattern);
    // the slot mixes length and letters, as texts of one length are many (flags, hosts)
    const last = text.length - 1;
    const slot = (text.length * 7 + text.charCodeAt(0) * 3 + text.charCodeAt(last) * 5 + text.charCodeAt(last >> 1)) & (RECENT - 1);
    return this.recent(this.recentTexts, this.recentIds, slot, text);
  }

  /** A text's number from slot `slot` of a cache of recent texts (`texts`, their numbers in `ids`), kept there when it was not. */
  private recent(texts: (string | undefined)[], ids: Int32Array, slot: number, text: string): number {
    if (texts[slot] === text) return ids[slot];
    const id = this.numbered(text);
    texts[slot] = text;
    ids[slot] = id;
    return id;
  }

  /** A text's number for the run from textIds, a new one (sent with the batch) when it has none. */
  private numbered(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.firstText + this.texts.push(text) - 1;
      this.textIds.set(text, id);
    }
    return id;
  }

  /** A host's number for the run, `hash` its hash (SegmentView.srcHash). */
  private host(text: string, hash: number): number {
    // not in text()'s cache, slotted by a few letters, which the flags and time patterns keep
    return this.recent(this.recentHosts, this.recentHostIds, hash & (RECENT_HOSTS - 1), text);
  }

  private batchText(text: string): number {
    return batchText(this.batchTexts.push(text) - 1);
  }
}

/**
 * The tracking thread's side: the texts numbered for the run so far, and the rows of a batch
 * read in order, next() then the reading of what it says.
 */
export class ViewRowReader {
  private readonly texts: string[] = [];
  /** The flags of texts numbered for the run, by number, read once: a row's flags then cost no lookup by text. */
  private readonly flags: (TcpFlags | undefined)[] = [];
  private rows!: ViewRows;
  /** Where the next row starts, and where the row next() said starts. */
  private next = 0;
  private at = 0;

  /** Takes a batch: its new texts (once per batch, in order), and its rows from the first. */
  receive(rows: ViewRows): void {
    if (rows.firstText === 0) this.texts.length = this.flags.length = 0;
    for (let i = 0; i < rows.texts.length; i++) this.texts[rows.firstText + i] = rows.texts[i];
    this.rows = rows;
    this.next = 0;
  }

  /** What the next row says (PUSH, PUSH_FULL, ADVANCE, LOG), NO_ROW after the last; read it before the next call. */
  op(): number {
    const numbers = this.rows.numbers;
    if (this.next >= numbers.length) return NO_ROW;
    const at = (this.at = this.next);
    const op = numbers[at];
    this.next = at + (op === PUSH ? R.width : op === PUSH_FULL ? X.width : A.width);
    return op;
  }

  /** An ADVANCE row's time. */
  time(): number | undefined {
    const t = this.rows.numbers[this.at + A.value];
    return Number.isNaN(t) ? undefined : t;
  }

  /** A LOG row's line. */
  log(): string {
    return this.textOf(this.at + A.value)!;
  }

  /** Fills `v` with the packet of a PUSH or PUSH_FULL row: what the writer's view held. */
  read(v: SegmentView): void {
    const n = this.rows.numbers;
    const at = this.at;
    v.line = n[at + R.line];
    v.t = n[at + R.t];
    v.family = n[at + R.family] === 0 ? undefined : (n[at + R.family] as 4 | 6);
    v.src = this.textOf(at + R.src)!;
    v.dst = this.textOf(at + R.dst)!;
    v.srcHash = v.dstHash = NaN;
    // a batch's texts are the reading thread's, cloned: cut from no line of this thread
    v.ownTexts = true;
    v.win = n[at + R.win];
    v.len = n[at + R.len];
    v.seq = n[at + R.seq];
    v.seqEnd = n[at + R.seqEnd];
    v.ack = n[at + R.ack];
    const flags = n[at + R.flags];
    v.flags = flags >= 0 ? (this.flags[flags] ??= readFlags(this.texts[flags])) : readFlags(this.textOf(at + R.flags));
    v.tsval = n[at + R.tsval];
    v.hash = n[at + R.hash];
    const pattern = this.textOf(at + R.timePattern);
    const text = this.textOf(at + R.timeText);
    if (pattern === undefined || !v.time.readCoded(pattern, n, at + R.time, text)) v.time.read(text);
    const syn = v.syn;
    if (n[at] === PUSH) {
      v.sportName = v.dportName = undefined;
      v.ttl = v.ipId = NaN;
      syn.read(undefined);
    } else {
      v.sportName = this.textOf(at + X.sportName);
      v.dportName = this.textOf(at + X.dportName);
      v.ttl = n[at + X.ttl];
      v.ipId = n[at + X.ipId];
      syn.mss = n[at + X.synMss];
      syn.wscale = n[at + X.synWscale];
      syn.sackOK = n[at + X.synSackOK];
      syn.tsval = n[at + X.synTsval];
      syn.ts = n[at + X.synTs] === 1;
      syn.layout = this.textOf(at + X.synLayout);
    }
    v.sport = Number.isNaN(n[at + R.sport]) ? v.sportName : n[at + R.sport];
    v.dport = Number.isNaN(n[at + R.dport]) ? v.dportName : n[at + R.dport];
  }

  private textOf(field: number): string | undefined {
    const id = this.rows.numbers[field];
    if (id >= 0) return this.texts[id];
    return id === NONE ? undefined : this.rows.batchTexts[-2 - id];
  }
}
