/**
 * The three-way handshake of a connection: ISNs, SYN and SYN/ACK attempts, status, the options
 * each side offered, timings, simultaneous open (docs/connections.md).
 *
 * A handshake's state is HANDSHAKE_WIDTH numbers in its connection's record (connection.ts),
 * read and written through `Handshakes`, one per tracker: tens of thousands of connections are
 * tracked at once, and numbers in a record cost neither objects nor garbage collector work.
 */
import { dropStamp, elapsedMsSince, hasStamp, keepStamp, STAMP_WIDTH } from "./duration.js";
import { type JsonBytes, jsonKeys } from "./json-bytes.js";
import { seqAdd } from "./numbers.js";
import { NO_RECORD, type RecordPool, recordLayout } from "./record-pool.js";
import { readSynSide, writeSynSide, writeSynSideJson } from "./syn-side.js";
import type { Handshake, HandshakeStatus } from "./types.js";
import type { SegmentView } from "./view.js";

/**
 * Flag bits and the stamp every packet looks at first, then ISNs (NaN until seen), attempts, the
 * SYN records of each side (NO_RECORD until seen), the stamps of the packets timings start
 * from, and the timings (valid when their bit is set).
 */
const H = recordLayout({
  bits: 1,
  /** tshark's ts_mru_syn: the latest SYN without ACK, from either side. */
  mruSyn: STAMP_WIDTH,
  clientIsn: 1,
  serverIsn: 1,
  synAttempts: 1,
  synAckAttempts: 1,
  clientSide: 1,
  serverSide: 1,
  lastClientSyn: STAMP_WIDTH,
  lastSynAck: STAMP_WIDTH,
  synToSynAck: 1,
  synAckToAck: 1,
  initial: 1,
});
export const HANDSHAKE_WIDTH = H.width;

/** A Handshake's keys in its order, and its rttMs's. */
const K = jsonKeys("status", "clientIsn", "serverIsn", "synAttempts", "synAckAttempts", "rttMs", "client", "server", "simultaneousOpen", "synToSynAck", "synAckToAck", "initial");

/** The server sent a SYN of its own (a SYN/ACK, or a plain SYN in a simultaneous open). */
const SERVER_SYN = 1;
const CLIENT_ACKED = 2;
const SERVER_ACKED = 4;
const SERVER_RST = 8;
const SIMULTANEOUS = 16;
/** Which timings are known (a timing of a text without times is absent, not NaN). */
const HAS_SYN_TO_SYN_ACK = 32;
const HAS_SYN_ACK_TO_ACK = 64;
const HAS_INITIAL = 128;
const BOTH_ACKED = CLIENT_ACKED | SERVER_ACKED;

const optional = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n);

/** Whether `ack` acknowledges a SYN sent with `isn` (unknown numbers are given the benefit). */
const acknowledges = (ack: number, isn: number): boolean => Number.isNaN(ack) || Number.isNaN(isn) || ack === seqAdd(isn, 1);

/** Whether a record's number is the packet's (NaN: none, in either). */
const same = (kept: number, seq: number): boolean => (Number.isNaN(seq) ? Number.isNaN(kept) : kept === seq);

export class Handshakes {
  constructor(
    /** Records SYN_RECORD_WIDTH wide, for each side's SYN. */
    private readonly syns: RecordPool,
  ) {}

  /** A connection without packets: its handshake's numbers from `at` in `r` (the rest of a new record is NaN). */
  start(r: Float64Array, at: number): void {
    r[at + H.synAttempts] = r[at + H.synAckAttempts] = r[at + H.bits] = 0;
    r[at + H.clientSide] = r[at + H.serverSide] = NO_RECORD;
  }

  /** Gives the SYN records back (the connection is released). */
  release(r: Float64Array, at: number): void {
    if (r[at + H.clientSide] !== NO_RECORD) this.syns.release(r[at + H.clientSide]);
    if (r[at + H.serverSide] !== NO_RECORD) this.syns.release(r[at + H.serverSide]);
  }

  /** Returns true when this packet settled the handshake (complete or refused). */
  push(r: Float64Array, at: number, v: SegmentView): boolean {
    const f = v.flags;
    // Both SYNs acknowledged and no SYN waiting to be timed: only a SYN can change anything now.
    if (!f.syn && (r[at + H.bits] & BOTH_ACKED) === BOTH_ACKED && !hasStamp(r, at + H.mruSyn)) return false;
    const wasSettled = settled(status(r, at));
    this.time(r, at, v);
    if (f.syn && !f.ack && v.fromClient) this.clientSynPacket(r, at, v);
    else if (f.syn && !v.fromClient) this.serverSynPacket(r, at, v);
    if (f.ack && !f.rst) acknowledgement(r, at, v);
    if (f.rst && !v.fromClient && r[at + H.synAttempts] > 0 && !(r[at + H.bits] & SERVER_SYN)) r[at + H.bits] |= SERVER_RST;
    return !wasSettled && settled(status(r, at));
  }

  /**
   * tshark's tcp.analysis.initial_rtt: first ACK-bearing non-SYN segment after a SYN, minus the
   * latest SYN. Each stamp is dropped once its time has been taken.
   */
  private time(r: Float64Array, at: number, v: SegmentView): void {
    if (r[at + H.bits] & HAS_INITIAL) return;
    if (v.flags.syn && !v.flags.ack) keepStamp(r, at + H.mruSyn, v);
    else if (v.flags.ack && !v.flags.syn && hasStamp(r, at + H.mruSyn)) {
      setTiming(r, at, H.initial, HAS_INITIAL, elapsedMsSince(r, at + H.mruSyn, v));
      dropStamp(r, at + H.mruSyn);
    }
  }

  private clientSynPacket(r: Float64Array, at: number, v: SegmentView): void {
    // Until a SYN shows the ISN, the latest SYN speaks for the client.
    if (Number.isNaN(r[at + H.clientIsn])) {
      r[at + H.clientIsn] = v.seq;
      r[at + H.clientSide] = this.keepSide(r[at + H.clientSide], v);
    }
    // The tracker splits off a SYN with another ISN as a new connection, so this is a retransmission.
    r[at + H.synAttempts]++;
    // Only the first SYN/ACK is timed from the client's last SYN.
    if (r[at + H.synAckAttempts] === 0) keepStamp(r, at + H.lastClientSyn, v);
  }

  private serverSynPacket(r: Float64Array, at: number, v: SegmentView): void {
    const bits = r[at + H.bits];
    if (!(bits & SERVER_SYN)) {
      if (!v.flags.ack && !Number.isNaN(r[at + H.clientIsn])) r[at + H.bits] |= SIMULTANEOUS;
      r[at + H.serverIsn] = v.seq;
      r[at + H.serverSide] = this.keepSide(r[at + H.serverSide], v);
      r[at + H.bits] |= SERVER_SYN;
    }
    if (!v.flags.ack || !same(r[at + H.serverIsn], v.seq)) return;
    if (++r[at + H.synAckAttempts] === 1) {
      if (!(r[at + H.bits] & SIMULTANEOUS)) setTiming(r, at, H.synToSynAck, HAS_SYN_TO_SYN_ACK, elapsedMsSince(r, at + H.lastClientSyn, v));
      dropStamp(r, at + H.lastClientSyn);
    }
    // Only the ACK that acknowledges the SYN/ACK is timed from it.
    if (!(r[at + H.bits] & CLIENT_ACKED)) keepStamp(r, at + H.lastSynAck, v);
  }

  /** Writes the SYN's side into a record, the one given (NO_RECORD: a new one). */
  private keepSide(id: number, v: SegmentView): number {
    if (id !== NO_RECORD) this.syns.release(id);
    const kept = this.syns.alloc();
    writeSynSide(this.syns, kept, v);
    return kept;
  }

  toHandshake(r: Float64Array, at: number): Handshake {
    const bits = r[at + H.bits];
    const rttMs: Handshake["rttMs"] = {};
    if (bits & HAS_SYN_TO_SYN_ACK) rttMs.synToSynAck = r[at + H.synToSynAck];
    if (bits & HAS_SYN_ACK_TO_ACK) rttMs.synAckToAck = r[at + H.synAckToAck];
    if (bits & HAS_INITIAL) rttMs.initial = r[at + H.initial];
    const h = { status: status(r, at) } as Handshake;
    if (!Number.isNaN(r[at + H.clientIsn])) h.clientIsn = r[at + H.clientIsn];
    if (!Number.isNaN(r[at + H.serverIsn])) h.serverIsn = r[at + H.serverIsn];
    h.synAttempts = r[at + H.synAttempts];
    h.synAckAttempts = r[at + H.synAckAttempts];
    h.rttMs = rttMs;
    h.client = this.sideOf(r[at + H.clientSide]);
    h.server = this.sideOf(r[at + H.serverSide]);
    if (bits & SIMULTANEOUS) h.simultaneousOpen = true;
    return h;
  }

  /** toHandshake() as JSON (json-bytes.ts), written from the record. */
  writeJson(r: Float64Array, at: number, out: JsonBytes): void {
    const bits = r[at + H.bits];
    out.open();
    out.stringMember(K.status, status(r, at));
    out.optionalNumberAt(K.clientIsn, r, at + H.clientIsn);
    out.optionalNumberAt(K.serverIsn, r, at + H.serverIsn);
    out.numberAt(K.synAttempts, r, at + H.synAttempts);
    out.numberAt(K.synAckAttempts, r, at + H.synAckAttempts);
    out.key(K.rttMs);
    out.open();
    if (bits & HAS_SYN_TO_SYN_ACK) out.numberAt(K.synToSynAck, r, at + H.synToSynAck);
    if (bits & HAS_SYN_ACK_TO_ACK) out.numberAt(K.synAckToAck, r, at + H.synAckToAck);
    if (bits & HAS_INITIAL) out.numberAt(K.initial, r, at + H.initial);
    out.close();
    out.key(K.client);
    this.writeSide(r[at + H.clientSide], out);
    out.key(K.server);
    this.writeSide(r[at + H.serverSide], out);
    if (bits & SIMULTANEOUS) {
      out.key(K.simultaneousOpen);
      out.bool(true);
    }
    out.close();
  }

  private writeSide(id: number, out: JsonBytes): void {
    if (id !== NO_RECORD) return writeSynSideJson(this.syns, id, out);
    out.open();
    out.close();
  }

  private sideOf(id: number): Handshake["client"] {
    return id === NO_RECORD ? {} : readSynSide(this.syns, id);
  }
}

function acknowledgement(r: Float64Array, at: number, v: SegmentView): void {
  const bits = r[at + H.bits];
  if (v.fromClient && bits & SERVER_SYN && !(bits & CLIENT_ACKED) && acknowledges(v.ack, r[at + H.serverIsn])) {
    r[at + H.bits] |= CLIENT_ACKED;
    if (!v.flags.syn && !(bits & SIMULTANEOUS)) setTiming(r, at, H.synAckToAck, HAS_SYN_ACK_TO_ACK, elapsedMsSince(r, at + H.lastSynAck, v));
    dropStamp(r, at + H.lastSynAck);
  }
  if (!v.fromClient && !Number.isNaN(r[at + H.clientIsn]) && !(bits & SERVER_ACKED) && acknowledges(v.ack, r[at + H.clientIsn])) {
    r[at + H.bits] |= SERVER_ACKED;
  }
}

/** Keeps a timing and marks it known (each is taken once; an unknown one stays unmarked). */
function setTiming(r: Float64Array, at: number, field: number, bit: number, ms: number | undefined): void {
  if (ms === undefined) return;
  r[at + field] = ms;
  r[at + H.bits] |= bit;
}

export function status(r: Float64Array, at: number): HandshakeStatus {
  const clientSyn = r[at + H.synAttempts] > 0;
  const bits = r[at + H.bits];
  if (clientSyn && bits & SERVER_SYN && (bits & BOTH_ACKED) === BOTH_ACKED) return "complete";
  if (bits & SERVER_SYN) return "partial";
  if (clientSyn && bits & SERVER_RST) return "refused";
  if (clientSyn) return "unanswered";
  return "none";
}

const settled = (s: HandshakeStatus): boolean => s === "complete" || s === "refused";

/** The ISN a side's SYN showed, for the tracker's port-reuse rule. */
export const isnOf = (r: Float64Array, at: number, client: boolean): number | undefined => optional(r[at + (client ? H.clientIsn : H.serverIsn)]);

/** Whether the server sent a SYN, for the tracker's port-reuse rule. */
export const serverSynSeen = (r: Float64Array, at: number): boolean => (r[at + H.bits] & SERVER_SYN) !== 0;
