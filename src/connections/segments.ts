/**
 * The packets a connection keeps for ladders and evidence, bounded: the handshake's segments,
 * the first data segments each way and the first FIN/RST segments each way.
 *
 * Kept compact while the connection is tracked (tens of thousands are, on a busy server): the
 * numbers of each segment go into one flat array of doubles, its two texts into another, and
 * the SegmentRef objects are built only when the connection is reported.
 */
import { put } from "./put.js";
import type { SegmentRef } from "./types.js";
import type { SegmentView } from "./view.js";

export interface SegmentLimits {
  /** SYNs, SYN/ACKs (retransmissions included) and the segment that settled the handshake. */
  handshake: number;
  /** Payload-bearing segments per direction. */
  dataPerDirection: number;
  /** FIN and RST segments per direction. */
  closePerDirection: number;
}

export const DEFAULT_SEGMENT_LIMITS: SegmentLimits = { handshake: 8, dataPerDirection: 12, closePerDirection: 4 };

/** The numbers of one kept segment, in this order, NaN where the packet has none. */
const LINE = 0;
const T = 1;
const FROM_CLIENT = 2;
const SEQ = 3;
const SEQ_END = 4;
const ACK = 5;
const LEN = 6;
const TSVAL = 7;
const NUMBERS = 8;

/** Slots of `used`: the handshake's, then data and close segments from the server and from the client. */
const HANDSHAKE = 0;
const DATA = 1;
const CLOSE = 3;

const orNaN = (n: number | undefined): number => n ?? NaN;
const orUndefined = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n);

export class SegmentLog {
  /** NUMBERS doubles per kept segment. */
  private readonly numbers: number[] = [];
  /** Two texts per kept segment: time (detached from the input) and flags (shared). */
  private readonly texts: (string | undefined)[] = [];
  /** Segments kept so far per role and direction (HANDSHAKE, DATA + fromClient, CLOSE + fromClient). */
  private readonly used = [0, 0, 0, 0, 0];

  constructor(private readonly limits: SegmentLimits) {}

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(v: SegmentView, settledHandshake: boolean): void {
    const slot = this.slotOf(v, settledHandshake);
    if (slot < 0) return;
    const limit = slot === HANDSHAKE ? this.limits.handshake : slot < CLOSE ? this.limits.dataPerDirection : this.limits.closePerDirection;
    if (this.used[slot] >= limit) return;
    this.used[slot]++;
    const p = v.p;
    this.numbers.push(p.line, orNaN(p.t), v.fromClient ? 1 : 0, orNaN(v.seq), orNaN(v.seqEnd), orNaN(v.ack), v.len, orNaN(p.options?.tsval));
    this.texts.push(v.time, v.flags.text);
  }

  /** The kept segments, in input order, as the report shows them. */
  list(): SegmentRef[] {
    const refs: SegmentRef[] = [];
    for (let i = 0; i < this.texts.length / 2; i++) refs.push(this.ref(i));
    return refs;
  }

  private ref(i: number): SegmentRef {
    const n = (field: number) => this.numbers[i * NUMBERS + field];
    const ref = { line: n(LINE) } as SegmentRef;
    put(ref, "time", this.texts[2 * i]);
    put(ref, "t", orUndefined(n(T)));
    ref.fromClient = n(FROM_CLIENT) === 1;
    ref.flags = this.texts[2 * i + 1]!;
    put(ref, "seq", orUndefined(n(SEQ)));
    put(ref, "seqEnd", orUndefined(n(SEQ_END)));
    put(ref, "ack", orUndefined(n(ACK)));
    ref.len = n(LEN);
    put(ref, "tsval", orUndefined(n(TSVAL)));
    return ref;
  }

  /** Which count a segment is kept under, or -1 when it plays no part worth keeping. */
  private slotOf(v: SegmentView, settledHandshake: boolean): number {
    const side = v.fromClient ? 1 : 0;
    if (v.flags.syn || settledHandshake) return HANDSHAKE;
    if (v.len > 0 && !v.flags.rst) return DATA + side;
    if (v.flags.fin || v.flags.rst) return CLOSE + side;
    return -1;
  }
}
