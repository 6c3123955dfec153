/**
 * One connection while it is tracked: counts, close, handshake, Zeek state, kept segments
 * and request/response rounds, fed packet by packet; `toConnection()` gives the report object.
 *
 * Tens of thousands of connections are tracked at once on a busy server, so each is one small
 * object and one record of numbers (record-pool.ts), laid out below: its counts and times, then
 * the numbers of its handshake, Zeek state, segment log and rounds, each read and written by its
 * module. Its texts (hosts, port names) are shared with the other connections, its kept segments,
 * rounds and SYN details are records of the tracker's pools, and it keeps no Packet and no
 * string cut from the input.
 */
import type { KeyPort } from "../packets/sequence.js";
import { EXCHANGE_LOG_WIDTH, ExchangeLogs, ROUND_RECORD_WIDTH } from "./exchanges.js";
import { HANDSHAKE_WIDTH, Handshakes, isnOf, serverSynSeen } from "./handshake.js";
import { type JsonBytes, jsonKeys, jsonText } from "./json-bytes.js";
import { RecentTexts } from "./recent-texts.js";
import { NO_RECORD, RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import { SEGMENT_BLOCK_WIDTH, SEGMENT_LOG_WIDTH, SegmentLogs, type SegmentLimits } from "./segments.js";
import { SYN_RECORD_WIDTH } from "./syn-side.js";
import type { CloseKind, Connection, Endpoint } from "./types.js";
import type { SegmentView } from "./view.js";
import type { History } from "./zeek-history.js";
import { connState, startZeek, ZEEK_WIDTH, zeekFlipped, zeekProcess } from "./zeek-state.js";

export interface ConnectionLimits {
  segments: SegmentLimits;
  exchanges: number;
}

/**
 * A connection's record: counts, line, seconds and time of its last packet, its parts, and the
 * line, seconds and time of its first packet. What every packet reads and writes comes first
 * (each part's own such fields first too), so a packet touches few cache lines of its record.
 */
const F = recordLayout({
  packetsToServer: 1,
  packetsToClient: 1,
  bytesToServer: 1,
  bytesToClient: 1,
  lastLine: 1,
  lastT: 1,
  lastTime: TIME_WIDTH,
  zeek: ZEEK_WIDTH,
  handshake: HANDSHAKE_WIDTH,
  segments: SEGMENT_LOG_WIDTH,
  rounds: EXCHANGE_LOG_WIDTH,
  firstLine: 1,
  firstT: 1,
  firstTime: TIME_WIDTH,
});

/** A Connection's keys in its order, and an Endpoint's and its counts'. */
const K = jsonKeys(
  "id", "client", "server", "family", "state", "history", "handshake", "packets", "bytes", "close", "start", "end",
  "startT", "endT", "lines", "segments", "exchanges", "exchangesTruncated", "host", "port", "portName", "toServer", "toClient",
);

/** What directionOf() finds. */
export const NOT_MINE = 0;
export const FROM_CLIENT = 1;
export const FROM_SERVER = 2;

/** What a tracker's connections share: ids' prefix, their parts' rules, the pools their records live in, their texts. */
export class ConnectionStore {
  readonly connections = new RecordPool(F.width);
  readonly segmentRecords = new RecordPool(SEGMENT_BLOCK_WIDTH);
  readonly roundRecords = new RecordPool(ROUND_RECORD_WIDTH);
  readonly synRecords = new RecordPool(SYN_RECORD_WIDTH);
  readonly handshakes = new Handshakes(this.synRecords);
  readonly segments: SegmentLogs;
  readonly rounds: ExchangeLogs;
  /** Hosts and port names: a server's address is in every one of its connections. */
  readonly texts = new RecentTexts();
  /** The JSON of ids up to their number: `"conn:`. */
  readonly idJson: Uint8Array;

  constructor(
    /** The capture's name, which ids start with. */
    readonly idPrefix: string,
    limits: ConnectionLimits,
  ) {
    this.segments = new SegmentLogs(limits.segments, this.segmentRecords);
    this.rounds = new ExchangeLogs(limits.exchanges, this.roundRecords);
    this.idJson = jsonText(`${idPrefix}:`, true);
  }

  /**
   * About what the `tracked` connections held now take in memory: their records, and for each
   * its object, its host texts and its places in the tracker's table and queues
   * (CONNECTION_BYTES).
   */
  heldBytes(tracked: number): number {
    return this.connections.heldBytes + this.segmentRecords.heldBytes + this.roundRecords.heldBytes + this.synRecords.heldBytes + tracked * CONNECTION_BYTES;
  }
}

/**
 * Bytes a tracked connection takes besides its records: its TrackedConnection object (about 220),
 * a client's host text, its tuple-table and queue entries. From a heap snapshot of 100,000
 * half-open connections (a SYN flood), which took 1.7 KB each in all (docs/performance.md,
 * "Many connections open at once").
 */
const CONNECTION_BYTES = 400;

/**
 * A tracked connection is reused for a later one once released (see tracker.ts): start() gives
 * it its identity, release() takes everything back.
 */
export class TrackedConnection implements History {
  // Fields in the order of their first use on a packet (V8 lays them out so): the lookup's first.
  family?: 4 | 6;
  /** The ends as lookups compare them: host text, the port (its number, or its name without one). */
  private clientHost = "";
  private clientKey: KeyPort;
  private serverHost = "";
  private serverKey: KeyPort;
  private readonly store: ConnectionStore;
  /** The connection's record in the store's `connections` pool: its id, the array holding it and where in it. */
  private record = NO_RECORD;
  private r!: Float64Array;
  private at = 0;
  /** Seconds of the last packet for the tracker's timers (Infinity when it had none: never due), and its record's ordinal (tracker.ts). */
  clock = Infinity;
  lastOrdinal = 0;
  private closeKind: CloseKind = "open";
  private clientFin = false;
  private serverFin = false;
  /** Zeek history letters and the kinds already recorded (zeek-history.ts). */
  history = "";
  historySeen = 0;
  /** Rank of the connection's first packet in the capture (the n of its id). */
  order = 0;
  /** Ordinal of the record of its first packet. */
  firstOrdinal = 0;
  /** Set once a `handshake` event was emitted for this connection. */
  handshakeReported = false;
  /** The ends as reports show them: port number (0 without one) and name. */
  private clientPort = 0;
  private clientPortName?: string;
  private serverPort = 0;
  private serverPortName?: string;

  constructor(
    store: ConnectionStore,
    /** Its place in the tracker's table and queues (tracker.ts). */
    readonly slot: number,
  ) {
    this.store = store;
  }

  /**
   * Makes this (new or released) object the connection `order`, opened by the packet `v`;
   * `clientIsSource`: the packet's sender is the client.
   */
  start(order: number, v: SegmentView, clientIsSource: boolean): void {
    this.order = order;
    this.family = v.family;
    const store = this.store;
    const texts = store.texts;
    const own = v.ownTexts;
    const src = texts.kept(v.src, own);
    const dst = texts.kept(v.dst, own);
    const srcName = v.sportName === undefined ? undefined : texts.kept(v.sportName, own);
    const dstName = v.dportName === undefined ? undefined : texts.kept(v.dportName, own);
    // a view's port is its number when it has one, else its name (kept here as a shared copy)
    const sport = typeof v.sport === "number" ? v.sport : undefined;
    const dport = typeof v.dport === "number" ? v.dport : undefined;
    this.clientHost = clientIsSource ? src : dst;
    this.serverHost = clientIsSource ? dst : src;
    this.clientKey = clientIsSource ? (sport ?? srcName) : (dport ?? dstName);
    this.serverKey = clientIsSource ? (dport ?? dstName) : (sport ?? srcName);
    this.clientPort = (clientIsSource ? sport : dport) ?? 0;
    this.serverPort = (clientIsSource ? dport : sport) ?? 0;
    this.clientPortName = clientIsSource ? srcName : dstName;
    this.serverPortName = clientIsSource ? dstName : srcName;
    this.record = store.connections.alloc();
    this.r = store.connections.chunkOf(this.record);
    this.at = store.connections.offsetOf(this.record);
    const r = this.r;
    const at = this.at;
    r[at + F.packetsToServer] = r[at + F.packetsToClient] = r[at + F.bytesToServer] = r[at + F.bytesToClient] = 0;
    store.handshakes.start(r, at + F.handshake);
    startZeek(r, at + F.zeek);
    store.segments.start(r, at + F.segments);
    store.rounds.start(r, at + F.rounds);
  }

  /** Gives back records and texts, and clears every part; call after the last toConnection(). */
  release(): void {
    const store = this.store;
    store.handshakes.release(this.r, this.at + F.handshake);
    store.segments.release(this.r, this.at + F.segments);
    store.rounds.release(this.r, this.at + F.rounds);
    store.connections.release(this.record);
    this.record = NO_RECORD;
    this.clientHost = this.serverHost = this.history = "";
    this.clientKey = this.serverKey = this.clientPortName = this.serverPortName = undefined;
    this.clientFin = this.serverFin = this.handshakeReported = false;
    this.historySeen = 0;
    this.clock = Infinity;
    this.closeKind = "open";
  }

  get closed(): boolean {
    return this.closeKind !== "open";
  }

  /** Whether the packet went from this connection's client to its server, the other way, or is not one of its packets (its 4-tuple and address family). */
  directionOf(v: SegmentView): number {
    if (v.family !== this.family) return NOT_MINE;
    const { src, dst, sport, dport } = v;
    // ports first: numbers, and they tell the two ways apart; hosts are the view's strings, the
    // same objects as these when they are its own texts (ownTexts), compared by identity
    if (sport === this.clientKey && src === this.clientHost) return dport === this.serverKey && dst === this.serverHost ? FROM_CLIENT : NOT_MINE;
    return sport === this.serverKey && dport === this.clientKey && src === this.serverHost && dst === this.clientHost ? FROM_SERVER : NOT_MINE;
  }

  /** The ISN (raw) a side's SYN showed, and whether the server sent a SYN: for the tracker's port-reuse rule. */
  isn(client: boolean): number | undefined {
    return isnOf(this.r, this.at + F.handshake, client);
  }

  get serverSyn(): boolean {
    return serverSynSeen(this.r, this.at + F.handshake);
  }

  /** Counts the packet in; returns true when it just settled the handshake (complete or refused). */
  push(v: SegmentView): boolean {
    const r = this.r;
    const at = this.at;
    const store = this.store;
    if (r[at + F.packetsToServer] + r[at + F.packetsToClient] === 0) {
      this.mark(F.firstLine, F.firstT, F.firstTime, v);
      // Zeek marks a connection whose originator is not the first packet's sender with `^`.
      if (!v.fromClient) zeekFlipped(this);
    }
    this.mark(F.lastLine, F.lastT, F.lastTime, v);
    this.clock = Number.isNaN(r[at + F.lastT]) ? Infinity : r[at + F.lastT];
    if (v.fromClient) {
      r[at + F.packetsToServer]++;
      r[at + F.bytesToServer] += v.len;
    } else {
      r[at + F.packetsToClient]++;
      r[at + F.bytesToClient] += v.len;
    }
    const settled = store.handshakes.push(r, at + F.handshake, v);
    zeekProcess(r, at + F.zeek, this, v.fromClient, v.flags, v.seq, v.len, v.win);
    store.segments.push(r, at + F.segments, v, settled);
    store.rounds.push(r, at + F.rounds, v);
    this.updateClose(v);
    return settled;
  }

  /** Keeps where and when a packet was printed in the three fields from `line`. */
  private mark(line: number, t: number, time: number, v: SegmentView): void {
    this.r[this.at + line] = v.line;
    this.r[this.at + t] = v.t;
    this.store.connections.setTime(this.record, time, v.time);
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
    const r = this.r;
    const at = this.at;
    const store = this.store;
    const pool = store.connections;
    const c = { id: `${store.idPrefix}:${this.order}` } as Connection;
    c.client = endpoint(this.clientHost, this.clientPort, this.clientPortName);
    c.server = endpoint(this.serverHost, this.serverPort, this.serverPortName);
    if (this.family !== undefined) c.family = this.family;
    c.state = connState(r, at + F.zeek, this.history);
    c.history = this.history;
    c.handshake = store.handshakes.toHandshake(r, at + F.handshake);
    c.packets = { toServer: r[at + F.packetsToServer], toClient: r[at + F.packetsToClient] };
    c.bytes = { toServer: r[at + F.bytesToServer], toClient: r[at + F.bytesToClient] };
    c.close = this.closeKind;
    const start = pool.time(this.record, F.firstTime);
    if (start !== undefined) c.start = start;
    const end = pool.time(this.record, F.lastTime);
    if (end !== undefined) c.end = end;
    if (!Number.isNaN(r[at + F.firstT])) c.startT = r[at + F.firstT];
    if (!Number.isNaN(r[at + F.lastT])) c.endT = r[at + F.lastT];
    c.lines = [r[at + F.firstLine], r[at + F.lastLine]];
    c.segments = store.segments.list(r, at + F.segments);
    c.exchanges = store.rounds.exchanges(r, at + F.rounds);
    if (store.rounds.isTruncated(r, at + F.rounds)) c.exchangesTruncated = true;
    return c;
  }

  /**
   * toConnection() as JSON (json-bytes.ts), written from the records: the same bytes as
   * JSON.stringify of it, without the objects (test/connections/json-bytes.test.ts).
   */
  writeJson(out: JsonBytes): void {
    const r = this.r;
    const at = this.at;
    const store = this.store;
    const pool = store.connections;
    out.open();
    out.key(K.id);
    out.stringWithNumber(store.idJson, this.order);
    out.key(K.client);
    writeEndpoint(out, this.clientHost, this.clientPort, this.clientPortName);
    out.key(K.server);
    writeEndpoint(out, this.serverHost, this.serverPort, this.serverPortName);
    if (this.family !== undefined) out.numberMember(K.family, this.family);
    out.stringMember(K.state, connState(r, at + F.zeek, this.history));
    out.stringMember(K.history, this.history);
    out.key(K.handshake);
    store.handshakes.writeJson(r, at + F.handshake, out);
    out.key(K.packets);
    writeCounts(out, r[at + F.packetsToServer], r[at + F.packetsToClient]);
    out.key(K.bytes);
    writeCounts(out, r[at + F.bytesToServer], r[at + F.bytesToClient]);
    out.stringMember(K.close, this.closeKind);
    pool.writeTime(this.record, F.firstTime, K.start, out);
    pool.writeTime(this.record, F.lastTime, K.end, out);
    out.optionalNumberAt(K.startT, r, at + F.firstT);
    out.optionalNumberAt(K.endT, r, at + F.lastT);
    out.key(K.lines);
    out.openArray();
    out.item();
    out.number(r[at + F.firstLine]);
    out.item();
    out.number(r[at + F.lastLine]);
    out.closeArray();
    out.key(K.segments);
    store.segments.writeJson(r, at + F.segments, out);
    out.key(K.exchanges);
    store.rounds.writeJson(r, at + F.rounds, out);
    if (store.rounds.isTruncated(r, at + F.rounds)) {
      out.key(K.exchangesTruncated);
      out.bool(true);
    }
    out.close();
  }
}

function writeEndpoint(out: JsonBytes, host: string, port: number, portName: string | undefined): void {
  out.open();
  out.stringMember(K.host, host);
  out.numberMember(K.port, port);
  out.optionalString(K.portName, portName);
  out.close();
}

function writeCounts(out: JsonBytes, toServer: number, toClient: number): void {
  out.open();
  out.numberMember(K.toServer, toServer);
  out.numberMember(K.toClient, toClient);
  out.close();
}

function endpoint(host: string, port: number, portName: string | undefined): Endpoint {
  const e: Endpoint = { host, port };
  if (portName !== undefined) e.portName = portName;
  return e;
}
