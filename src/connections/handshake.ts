/**
 * The three-way handshake of one connection: ISNs, SYN and SYN/ACK attempts, status, the
 * options each side offered, timings, simultaneous open (docs/connections.md).
 */
import { elapsedMs, stampOf, type Stamp } from "./duration.js";
import { seqAdd } from "./numbers.js";
import { put } from "./put.js";
import type { RecordPool } from "./record-pool.js";
import { readSynSide, writeSynSide } from "./syn-side.js";
import type { Handshake, HandshakeStatus, SynSide } from "./types.js";
import type { SegmentView } from "./view.js";

/** Whether `ack` acknowledges a SYN sent with `isn` (unknown numbers are given the benefit). */
const acknowledges = (ack: number | undefined, isn: number | undefined): boolean =>
  ack === undefined || isn === undefined || ack === seqAdd(isn, 1);

export class HandshakeTracker {
  private clientIsn?: number;
  private serverIsn?: number;
  private synAttempts!: number;
  private synAckAttempts!: number;
  /** Records (in `syns`) of the client's first SYN and the server's first SYN-bearing segment. */
  private clientSide?: number;
  private serverSide?: number;
  /** The server sent a SYN of its own (a SYN/ACK, or a plain SYN in a simultaneous open). */
  private serverSyn!: boolean;
  private clientAcked!: boolean;
  private serverAcked!: boolean;
  private serverRst!: boolean;
  private simultaneous!: boolean;
  private lastClientSyn?: Stamp;
  private lastSynAck?: Stamp;
  private synToSynAck?: number;
  private synAckToAck?: number;
  /** tshark's ts_mru_syn: the latest SYN without ACK, from either side. */
  private mruSyn?: Stamp;
  private initial?: number;

  constructor(
    /** Records SYN_RECORD_WIDTH wide. */
    private readonly syns: RecordPool,
  ) {
    this.reset();
  }

  /** Back to a connection without packets (trackers are reused, see tracker.ts); gives the SYN records back. */
  reset(): void {
    if (this.clientSide !== undefined) this.syns.release(this.clientSide);
    if (this.serverSide !== undefined) this.syns.release(this.serverSide);
    this.clientIsn = this.serverIsn = this.clientSide = this.serverSide = undefined;
    this.synAttempts = this.synAckAttempts = 0;
    this.serverSyn = this.clientAcked = this.serverAcked = this.serverRst = this.simultaneous = false;
    this.lastClientSyn = this.lastSynAck = this.mruSyn = undefined;
    this.synToSynAck = this.synAckToAck = this.initial = undefined;
  }

  /** Returns true when this packet settled the handshake (complete or refused). */
  push(v: SegmentView): boolean {
    const wasSettled = this.settled();
    this.time(v);
    if (v.flags.syn && !v.flags.ack && v.fromClient) this.clientSynPacket(v);
    else if (v.flags.syn && !v.fromClient) this.serverSynPacket(v);
    if (v.flags.ack && !v.flags.rst) this.acknowledgement(v);
    if (v.flags.rst && !v.fromClient && this.synAttempts > 0 && !this.serverSyn) this.serverRst = true;
    return !wasSettled && this.settled();
  }

  /**
   * tshark's tcp.analysis.initial_rtt: first ACK-bearing non-SYN segment after a SYN, minus the
   * latest SYN. Each stamp is dropped once its time has been taken, and none is kept that no
   * later packet can use: a tracked connection holds what its report still needs.
   */
  private time(v: SegmentView): void {
    if (this.initial !== undefined) return;
    if (v.flags.syn && !v.flags.ack) this.mruSyn = stampOf(v);
    else if (v.flags.ack && !v.flags.syn && this.mruSyn) {
      this.initial = elapsedMs(this.mruSyn, v.p);
      this.mruSyn = undefined;
    }
  }

  private clientSynPacket(v: SegmentView): void {
    if (this.clientIsn === undefined) {
      this.clientIsn = v.seq;
      this.clientSide = this.keepSide(v);
    }
    // The tracker splits off a SYN with another ISN as a new connection, so this is a retransmission.
    this.synAttempts++;
    // Only the first SYN/ACK is timed from the client's last SYN.
    if (this.synAckAttempts === 0) this.lastClientSyn = stampOf(v);
  }

  private serverSynPacket(v: SegmentView): void {
    if (!v.flags.ack && this.clientIsn !== undefined && !this.serverSyn) this.simultaneous = true;
    if (!this.serverSyn) {
      this.serverIsn = v.seq;
      this.serverSide = this.keepSide(v);
    }
    this.serverSyn = true;
    if (!v.flags.ack || v.seq !== this.serverIsn) return;
    this.synAckAttempts++;
    if (this.synAckAttempts === 1) {
      if (!this.simultaneous) this.synToSynAck = elapsedMs(this.lastClientSyn, v.p);
      this.lastClientSyn = undefined;
    }
    // Only the ACK that acknowledges the SYN/ACK is timed from it.
    if (!this.clientAcked) this.lastSynAck = stampOf(v);
  }

  private acknowledgement(v: SegmentView): void {
    if (v.fromClient && this.serverSyn && !this.clientAcked && acknowledges(v.ack, this.serverIsn)) {
      this.clientAcked = true;
      if (!v.flags.syn && !this.simultaneous) this.synAckToAck = elapsedMs(this.lastSynAck, v.p);
      this.lastSynAck = undefined;
    }
    if (!v.fromClient && this.clientIsn !== undefined && !this.serverAcked && acknowledges(v.ack, this.clientIsn)) {
      this.serverAcked = true;
    }
  }

  private settled(): boolean {
    const s = this.status();
    return s === "complete" || s === "refused";
  }

  status(): HandshakeStatus {
    const clientSyn = this.synAttempts > 0;
    if (clientSyn && this.serverSyn && this.clientAcked && this.serverAcked) return "complete";
    if (this.serverSyn) return "partial";
    if (clientSyn && this.serverRst) return "refused";
    if (clientSyn) return "unanswered";
    return "none";
  }

  toHandshake(): Handshake {
    const rttMs: Handshake["rttMs"] = {};
    put(rttMs, "synToSynAck", this.synToSynAck);
    put(rttMs, "synAckToAck", this.synAckToAck);
    put(rttMs, "initial", this.initial);
    const h = { status: this.status() } as Handshake;
    put(h, "clientIsn", this.clientIsn);
    put(h, "serverIsn", this.serverIsn);
    Object.assign(h, {
      synAttempts: this.synAttempts,
      synAckAttempts: this.synAckAttempts,
      rttMs,
      client: this.sideOf(this.clientSide),
      server: this.sideOf(this.serverSide),
    });
    if (this.simultaneous) h.simultaneousOpen = true;
    return h;
  }

  private keepSide(v: SegmentView): number {
    const id = this.syns.alloc();
    writeSynSide(this.syns, id, v);
    return id;
  }

  private sideOf(id: number | undefined): SynSide {
    return id === undefined ? {} : readSynSide(this.syns, id);
  }

  /** For the tracker's port-reuse rule. */
  get isns(): { client?: number; server?: number; serverSyn: boolean } {
    return { client: this.clientIsn, server: this.serverIsn, serverSyn: this.serverSyn };
  }
}
