/**
 * One connection while it is tracked: counts, close, handshake, Zeek state, kept segments
 * and request/response rounds, fed packet by packet; `toConnection()` gives the report object.
 */
import type { Packet } from "../packets/types.js";
import { ExchangeLog } from "./exchanges.js";
import { HandshakeTracker } from "./handshake.js";
import { endpointKey } from "./keys.js";
import { put } from "./put.js";
import { SegmentLog, type SegmentLimits } from "./segments.js";
import type { CloseKind, Connection, Endpoint } from "./types.js";
import { viewOf, type SegmentView } from "./view.js";
import { ZeekConnection } from "./zeek-state.js";

export interface Orientation {
  client: Endpoint;
  server: Endpoint;
  /** endpointKey() of the client, to tell each packet's direction. */
  clientKey: string;
}

export interface ConnectionLimits {
  segments: SegmentLimits;
  exchanges: number;
}

/** What a packet changed, for the tracker's events. */
export interface PushResult {
  /** The handshake just completed or was refused. */
  settled: boolean;
  /** FIN both ways or a RST was just seen. */
  closed: boolean;
}

export class TrackedConnection {
  readonly handshake = new HandshakeTracker();
  private readonly zeek = new ZeekConnection();
  private readonly segments: SegmentLog;
  private readonly rounds: ExchangeLog;
  private readonly packets = { toServer: 0, toClient: 0 };
  private readonly bytes = { toServer: 0, toClient: 0 };
  private clientFin = false;
  private serverFin = false;
  private closeKind: CloseKind = "open";
  private first?: Packet;
  private last?: Packet;
  /** Set once a `handshake` event was emitted for this connection. */
  handshakeReported = false;

  constructor(
    /** Rank of the connection's first packet in the capture (the n of its id). */
    readonly order: number,
    readonly id: string,
    readonly family: 4 | 6 | undefined,
    readonly orientation: Orientation,
    limits: ConnectionLimits,
  ) {
    this.segments = new SegmentLog(limits.segments);
    this.rounds = new ExchangeLog(limits.exchanges);
  }

  /** Seconds of the last packet, for the tracker's idle and linger timers. */
  get lastT(): number | undefined {
    return this.last?.t;
  }

  get closed(): boolean {
    return this.closeKind !== "open";
  }

  isFromClient(p: Packet): boolean {
    return endpointKey(p, "src") === this.orientation.clientKey;
  }

  push(p: Packet): PushResult {
    const v = viewOf(p, this.isFromClient(p));
    if (!this.first) {
      this.first = p;
      // Zeek marks a connection whose originator is not the first packet's sender with `^`.
      if (!v.fromClient) this.zeek.flipped();
    }
    this.last = p;
    const dir = v.fromClient ? "toServer" : "toClient";
    this.packets[dir]++;
    this.bytes[dir] += v.nums.len;
    const settled = this.handshake.push(v);
    this.zeek.process({ isOrig: v.fromClient, flags: v.flags, seq: v.nums.seq, len: v.nums.len, win: p.win });
    this.segments.push(v, settled);
    this.rounds.push(v);
    return { settled, closed: this.updateClose(v) };
  }

  /** A close is the first of: a RST, or FINs from both sides. Returns true when it happens. */
  private updateClose(v: SegmentView): boolean {
    if (this.closed) return false;
    if (v.flags.fin) {
      if (v.fromClient) this.clientFin = true;
      else this.serverFin = true;
    }
    if (v.flags.rst) this.closeKind = "rst";
    else if (this.clientFin && this.serverFin) this.closeKind = "fin";
    return this.closed;
  }

  toConnection(): Connection {
    const c = { id: this.id, client: this.orientation.client, server: this.orientation.server } as Connection;
    put(c, "family", this.family);
    c.state = this.zeek.connState();
    c.history = this.zeek.historyText();
    c.handshake = this.handshake.toHandshake();
    c.packets = { ...this.packets };
    c.bytes = { ...this.bytes };
    c.close = this.closeKind;
    put(c, "start", this.first?.time);
    put(c, "end", this.last?.time);
    put(c, "startT", this.first?.t);
    put(c, "endT", this.last?.t);
    c.lines = [this.first?.line ?? 0, this.last?.line ?? 0];
    c.segments = this.segments.list();
    // Copies: runs keep growing after a mid-connection snapshot (a `handshake` event).
    c.exchanges = this.rounds.exchanges.map((e) => (e.response ? { request: { ...e.request }, response: { ...e.response } } : { request: { ...e.request } }));
    if (this.rounds.isTruncated) c.exchangesTruncated = true;
    return c;
  }
}
