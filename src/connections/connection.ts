/**
 * One connection while it is tracked: counts, close, handshake, Zeek state, kept segments
 * and request/response rounds, fed packet by packet; `toConnection()` gives the report object.
 * It keeps no Packet and no string cut from the input: tens of thousands of connections are
 * tracked at once on a busy server, so each holds only what its report needs, its numbers and
 * times in records of the tracker's pools (record-pool.ts).
 */
import type { KeyPort } from "../packets/sequence.js";
import type { Packet } from "../packets/types.js";
import { ExchangeLog, ROUND_RECORD_WIDTH } from "./exchanges.js";
import { HandshakeTracker } from "./handshake.js";
import { sentFrom, sentTo } from "./keys.js";
import { put } from "./put.js";
import type { Queued } from "./queue.js";
import { NO_RECORD, RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import { SEGMENT_RECORD_WIDTH, SegmentLog, type SegmentLimits } from "./segments.js";
import { SYN_RECORD_WIDTH } from "./syn-side.js";
import type { Chained } from "./table.js";
import type { CloseKind, Connection, Endpoint } from "./types.js";
import type { SegmentView } from "./view.js";
import { ZeekConnection } from "./zeek-state.js";

export interface Orientation {
  client: Endpoint;
  server: Endpoint;
  /** The ports as keys compare them (keys.ts), to tell each packet's connection and direction with the hosts. */
  clientPort: KeyPort;
  serverPort: KeyPort;
}

export interface ConnectionLimits {
  segments: SegmentLimits;
  exchanges: number;
}

/** The connection's own record: counts, and line, seconds and time of its first and last packet. */
const F = recordLayout({ packetsToServer: 1, packetsToClient: 1, bytesToServer: 1, bytesToClient: 1, firstLine: 1, firstT: 1, firstTime: TIME_WIDTH, lastLine: 1, lastT: 1, lastTime: TIME_WIDTH });
const CONNECTION_RECORD_WIDTH = F.width;

/** What a tracker's connections share: ids' prefix, limits, and the pools their records live in (record-pool.ts). */
export class ConnectionStore {
  readonly connections = new RecordPool(CONNECTION_RECORD_WIDTH);
  readonly segments = new RecordPool(SEGMENT_RECORD_WIDTH);
  readonly rounds = new RecordPool(ROUND_RECORD_WIDTH);
  readonly syns = new RecordPool(SYN_RECORD_WIDTH);

  constructor(
    /** The capture's name, which ids start with. */
    readonly idPrefix: string,
    readonly limits: ConnectionLimits,
  ) {}
}

/**
 * A tracked connection is reused for a later one once released (see tracker.ts): start() gives
 * it its identity, release() takes everything back.
 */
export class TrackedConnection implements Queued<TrackedConnection>, Chained<TrackedConnection> {
  readonly handshake: HandshakeTracker;
  private readonly zeek = new ZeekConnection();
  private readonly segments: SegmentLog;
  private readonly rounds: ExchangeLog;
  private readonly pool: RecordPool;
  /** Rank of the connection's first packet in the capture (the n of its id). */
  order = 0;
  /** Ordinals (tracker.ts) of the records of its first and last packet. */
  firstOrdinal = 0;
  lastOrdinal = 0;
  family?: 4 | 6;
  /** tupleHash() of the connection's packets, and the next connection with the same hash (table.ts). */
  hash = 0;
  nextInChain?: TrackedConnection;
  private client?: Endpoint;
  private server?: Endpoint;
  private clientPort: KeyPort;
  private serverPort: KeyPort;
  /** This connection's record in `pool`. */
  private record = NO_RECORD;
  private clientFin = false;
  private serverFin = false;
  private closeKind: CloseKind = "open";
  /** Set once a `handshake` event was emitted for this connection. */
  handshakeReported = false;
  /** Neighbours in the tracker's activity queue. */
  older?: TrackedConnection;
  newer?: TrackedConnection;

  constructor(private readonly store: ConnectionStore) {
    this.handshake = new HandshakeTracker(store.syns);
    this.segments = new SegmentLog(store.limits.segments, store.segments);
    this.rounds = new ExchangeLog(store.limits.exchanges, store.rounds);
    this.pool = store.connections;
  }

  /** Makes this (new or released) object the connection `order`, whose packets have tupleHash() `hash`. */
  start(order: number, family: 4 | 6 | undefined, orientation: Orientation, hash: number): void {
    this.order = order;
    this.family = family;
    this.hash = hash;
    this.client = orientation.client;
    this.server = orientation.server;
    this.clientPort = orientation.clientPort;
    this.serverPort = orientation.serverPort;
    this.record = this.pool.alloc();
    for (const count of [F.packetsToServer, F.packetsToClient, F.bytesToServer, F.bytesToClient]) this.pool.set(this.record, count, 0);
  }

  /** Gives back records and references, and clears every part; call after the last toConnection(). */
  release(): void {
    this.handshake.reset();
    this.zeek.reset();
    this.segments.reset();
    this.rounds.reset();
    this.pool.release(this.record);
    this.record = NO_RECORD;
    this.client = this.server = this.clientPort = this.serverPort = undefined;
    this.clientFin = this.serverFin = this.handshakeReported = false;
    this.closeKind = "open";
  }

  /** Seconds of the last packet, for the tracker's idle and linger timers. */
  get lastT(): number | undefined {
    return this.pool.optional(this.record, F.lastT);
  }

  get closed(): boolean {
    return this.closeKind !== "open";
  }

  isFromClient(p: Packet): boolean {
    return sentFrom(p, this.client!.host, this.clientPort);
  }

  /** Whether the packet went between this connection's client and server, either way (its 4-tuple and address family). */
  hasTuple(p: Packet): boolean {
    if ((p.family ?? 0) !== (this.family ?? 0)) return false;
    const client = this.client!.host;
    const server = this.server!.host;
    if (sentFrom(p, client, this.clientPort)) return sentTo(p, server, this.serverPort);
    return sentFrom(p, server, this.serverPort) && sentTo(p, client, this.clientPort);
  }

  /** Counts the packet in; returns true when it just settled the handshake (complete or refused). */
  push(v: SegmentView): boolean {
    const p = v.p;
    const pool = this.pool;
    const id = this.record;
    if (Number.isNaN(pool.get(id, F.firstLine))) {
      this.mark(F.firstLine, F.firstT, F.firstTime, p);
      // Zeek marks a connection whose originator is not the first packet's sender with `^`.
      if (!v.fromClient) this.zeek.flipped();
    }
    this.mark(F.lastLine, F.lastT, F.lastTime, p);
    const packets = v.fromClient ? F.packetsToServer : F.packetsToClient;
    const bytes = v.fromClient ? F.bytesToServer : F.bytesToClient;
    pool.set(id, packets, pool.get(id, packets) + 1);
    pool.set(id, bytes, pool.get(id, bytes) + v.len);
    const settled = this.handshake.push(v);
    this.zeek.process(v.fromClient, v.flags, v.seq, v.len, p.win);
    this.segments.push(v, settled);
    this.rounds.push(v);
    this.updateClose(v);
    return settled;
  }

  /** Keeps where and when a packet was printed in the three fields from `line`. */
  private mark(line: number, t: number, time: number, p: Packet): void {
    this.pool.set(this.record, line, p.line);
    this.pool.set(this.record, t, p.t ?? NaN);
    this.pool.setTime(this.record, time, p.time);
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
    const pool = this.pool;
    const id = this.record;
    const c = { id: `${this.store.idPrefix}:${this.order}`, client: this.client, server: this.server } as Connection;
    put(c, "family", this.family);
    c.state = this.zeek.connState();
    c.history = this.zeek.historyText();
    c.handshake = this.handshake.toHandshake();
    c.packets = { toServer: pool.get(id, F.packetsToServer), toClient: pool.get(id, F.packetsToClient) };
    c.bytes = { toServer: pool.get(id, F.bytesToServer), toClient: pool.get(id, F.bytesToClient) };
    c.close = this.closeKind;
    put(c, "start", pool.time(id, F.firstTime));
    put(c, "end", pool.time(id, F.lastTime));
    put(c, "startT", pool.optional(id, F.firstT));
    put(c, "endT", pool.optional(id, F.lastT));
    c.lines = [pool.get(id, F.firstLine), pool.get(id, F.lastLine)];
    c.segments = this.segments.list();
    c.exchanges = this.rounds.exchanges;
    if (this.rounds.isTruncated) c.exchangesTruncated = true;
    return c;
  }
}
