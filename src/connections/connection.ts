/**
 * One connection while it is tracked: counts, close, handshake, Zeek state, kept segments
 * and request/response rounds, fed packet by packet; `toConnection()` gives the report object.
 * It keeps no Packet and no string cut from the input: tens of thousands of connections are
 * tracked at once on a busy server, so each holds only what its report needs, its numbers and
 * times in records of the tracker's pools (record-pool.ts).
 */
import type { Packet } from "../packets/types.js";
import { ExchangeLog, ROUND_RECORD_WIDTH } from "./exchanges.js";
import { HandshakeTracker } from "./handshake.js";
import type { KeyPort } from "../packets/sequence.js";
import { sentFrom } from "./keys.js";
import { put } from "./put.js";
import type { Queued } from "./queue.js";
import { NO_RECORD, RecordPool, TIME_WIDTH } from "./record-pool.js";
import { SEGMENT_RECORD_WIDTH, SegmentLog, type SegmentLimits } from "./segments.js";
import { SYN_RECORD_WIDTH } from "./syn-side.js";
import type { CloseKind, Connection, Endpoint } from "./types.js";
import type { SegmentView } from "./view.js";
import { ZeekConnection } from "./zeek-state.js";

export interface Orientation {
  client: Endpoint;
  server: Endpoint;
  /** The client's port as keys compare it (keys.ts), to tell each packet's direction with its host. */
  clientPort: KeyPort;
}

export interface ConnectionLimits {
  segments: SegmentLimits;
  exchanges: number;
}

/** The connection's own record: counts, and line, seconds and time of its first and last packet. */
const PACKETS_TO_SERVER = 0;
const PACKETS_TO_CLIENT = 1;
const BYTES_TO_SERVER = 2;
const BYTES_TO_CLIENT = 3;
const FIRST_LINE = 4;
const FIRST_T = 5;
const FIRST_TIME = 6;
const LAST_LINE = FIRST_TIME + TIME_WIDTH;
const LAST_T = LAST_LINE + 1;
const LAST_TIME = LAST_T + 1;
const CONNECTION_RECORD_WIDTH = LAST_TIME + TIME_WIDTH;

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
export class TrackedConnection implements Queued<TrackedConnection> {
  readonly handshake: HandshakeTracker;
  private readonly zeek = new ZeekConnection();
  private readonly segments: SegmentLog;
  private readonly rounds: ExchangeLog;
  private readonly pool: RecordPool;
  /** Rank of the connection's first packet in the capture (the n of its id). */
  order = 0;
  family?: 4 | 6;
  /** The tracker's key for the connection's 4-tuple. */
  key = "";
  private client?: Endpoint;
  private server?: Endpoint;
  private clientPort: KeyPort;
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

  /** Makes this (new or released) object the connection `order`, on 4-tuple `key`. */
  start(order: number, family: 4 | 6 | undefined, orientation: Orientation, key: string): void {
    this.order = order;
    this.family = family;
    this.key = key;
    this.client = orientation.client;
    this.server = orientation.server;
    this.clientPort = orientation.clientPort;
    this.record = this.pool.alloc();
    for (const count of [PACKETS_TO_SERVER, PACKETS_TO_CLIENT, BYTES_TO_SERVER, BYTES_TO_CLIENT]) this.pool.set(this.record, count, 0);
  }

  /** Gives back records and references, and clears every part; call after the last toConnection(). */
  release(): void {
    this.handshake.reset();
    this.zeek.reset();
    this.segments.reset();
    this.rounds.reset();
    this.pool.release(this.record);
    this.record = NO_RECORD;
    this.key = "";
    this.client = this.server = this.clientPort = undefined;
    this.clientFin = this.serverFin = this.handshakeReported = false;
    this.closeKind = "open";
  }

  /** Seconds of the last packet, for the tracker's idle and linger timers. */
  get lastT(): number | undefined {
    return this.pool.optional(this.record, LAST_T);
  }

  get closed(): boolean {
    return this.closeKind !== "open";
  }

  isFromClient(p: Packet): boolean {
    return sentFrom(p, this.client!.host, this.clientPort);
  }

  /** Counts the packet in; returns true when it just settled the handshake (complete or refused). */
  push(v: SegmentView): boolean {
    const p = v.p;
    const pool = this.pool;
    const id = this.record;
    if (Number.isNaN(pool.get(id, FIRST_LINE))) {
      this.mark(FIRST_LINE, FIRST_T, FIRST_TIME, p);
      // Zeek marks a connection whose originator is not the first packet's sender with `^`.
      if (!v.fromClient) this.zeek.flipped();
    }
    this.mark(LAST_LINE, LAST_T, LAST_TIME, p);
    const packets = v.fromClient ? PACKETS_TO_SERVER : PACKETS_TO_CLIENT;
    const bytes = v.fromClient ? BYTES_TO_SERVER : BYTES_TO_CLIENT;
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
    c.packets = { toServer: pool.get(id, PACKETS_TO_SERVER), toClient: pool.get(id, PACKETS_TO_CLIENT) };
    c.bytes = { toServer: pool.get(id, BYTES_TO_SERVER), toClient: pool.get(id, BYTES_TO_CLIENT) };
    c.close = this.closeKind;
    put(c, "start", pool.time(id, FIRST_TIME));
    put(c, "end", pool.time(id, LAST_TIME));
    put(c, "startT", pool.optional(id, FIRST_T));
    put(c, "endT", pool.optional(id, LAST_T));
    c.lines = [pool.get(id, FIRST_LINE), pool.get(id, LAST_LINE)];
    c.segments = this.segments.list();
    c.exchanges = this.rounds.exchanges;
    if (this.rounds.isTruncated) c.exchangesTruncated = true;
    return c;
  }
}
