/**
 * One connection while it is tracked: counts, close, handshake, Zeek state, kept segments
 * and request/response rounds, fed packet by packet; `toConnection()` gives the report object.
 * It keeps no Packet and no string cut from the input (see detach.ts): tens of thousands of
 * connections are tracked at once on a busy server, so each holds only what its report needs.
 */
import type { Packet } from "../packets/types.js";
import { ExchangeLog } from "./exchanges.js";
import { HandshakeTracker } from "./handshake.js";
import { sentFrom, type EndpointId } from "./keys.js";
import { put } from "./put.js";
import type { Queued } from "./queue.js";
import { SegmentLog, type SegmentLimits } from "./segments.js";
import type { CloseKind, Connection, Endpoint } from "./types.js";
import type { SegmentView } from "./view.js";
import { ZeekConnection } from "./zeek-state.js";

export interface Orientation {
  client: Endpoint;
  server: Endpoint;
  /** The client as keys compare it, to tell each packet's direction. */
  clientId: EndpointId;
}

export interface ConnectionLimits {
  segments: SegmentLimits;
  exchanges: number;
}

export class TrackedConnection implements Queued<TrackedConnection> {
  readonly handshake = new HandshakeTracker();
  private readonly zeek = new ZeekConnection();
  private readonly segments: SegmentLog;
  private readonly rounds: ExchangeLog;
  private packetsToServer = 0;
  private packetsToClient = 0;
  private bytesToServer = 0;
  private bytesToClient = 0;
  private clientFin = false;
  private serverFin = false;
  private closeKind: CloseKind = "open";
  /** Line, time text and seconds of the first and the last packet. */
  private firstLine = 0;
  private firstTime?: string;
  private firstT?: number;
  private lastLine = 0;
  private lastTime?: string;
  /** Seconds of the last packet, for the tracker's idle and linger timers. */
  lastT?: number;
  /** Set once a `handshake` event was emitted for this connection. */
  handshakeReported = false;
  /** Neighbours in the tracker's activity queue. */
  older?: TrackedConnection;
  newer?: TrackedConnection;

  constructor(
    /** Rank of the connection's first packet in the capture (the n of its id). */
    readonly order: number,
    /** The capture's name, which ids start with. */
    private readonly idPrefix: string,
    readonly family: 4 | 6 | undefined,
    readonly orientation: Orientation,
    /** The tracker's key for the connection's 4-tuple. */
    readonly key: string,
    limits: ConnectionLimits,
  ) {
    this.segments = new SegmentLog(limits.segments);
    this.rounds = new ExchangeLog(limits.exchanges);
  }

  get closed(): boolean {
    return this.closeKind !== "open";
  }

  isFromClient(p: Packet): boolean {
    return sentFrom(p, this.orientation.clientId);
  }

  /** Counts the packet in; returns true when it just settled the handshake (complete or refused). */
  push(v: SegmentView): boolean {
    const p = v.p;
    if (this.packetsToServer + this.packetsToClient === 0) {
      this.firstLine = p.line;
      this.firstTime = v.time;
      this.firstT = p.t;
      // Zeek marks a connection whose originator is not the first packet's sender with `^`.
      if (!v.fromClient) this.zeek.flipped();
    }
    this.lastLine = p.line;
    this.lastTime = v.time;
    this.lastT = p.t;
    if (v.fromClient) {
      this.packetsToServer++;
      this.bytesToServer += v.len;
    } else {
      this.packetsToClient++;
      this.bytesToClient += v.len;
    }
    const settled = this.handshake.push(v);
    this.zeek.process(v.fromClient, v.flags, v.seq, v.len, p.win);
    this.segments.push(v, settled);
    this.rounds.push(v);
    this.updateClose(v);
    return settled;
  }

  /** A close is the first of: a RST, or FINs from both sides. */
  private updateClose(v: SegmentView): void {
    if (this.closed) return;
    if (v.flags.fin) {
      if (v.fromClient) this.clientFin = true;
      else this.serverFin = true;
    }
    if (v.flags.rst) this.closeKind = "rst";
    else if (this.clientFin && this.serverFin) this.closeKind = "fin";
  }

  toConnection(): Connection {
    const c = { id: `${this.idPrefix}:${this.order}`, client: this.orientation.client, server: this.orientation.server } as Connection;
    put(c, "family", this.family);
    c.state = this.zeek.connState();
    c.history = this.zeek.historyText();
    c.handshake = this.handshake.toHandshake();
    c.packets = { toServer: this.packetsToServer, toClient: this.packetsToClient };
    c.bytes = { toServer: this.bytesToServer, toClient: this.bytesToClient };
    c.close = this.closeKind;
    put(c, "start", this.firstTime);
    put(c, "end", this.lastTime);
    put(c, "startT", this.firstT);
    put(c, "endT", this.lastT);
    c.lines = [this.firstLine, this.lastLine];
    c.segments = this.segments.list();
    c.exchanges = this.rounds.exchanges;
    if (this.rounds.isTruncated) c.exchangesTruncated = true;
    return c;
  }
}
