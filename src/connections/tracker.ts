/**
 * The streaming connection tracker: packets in, connections out (docs/connections.md).
 * Memory is bounded by the connections still open: a connection is released when it has been
 * closed (FIN both ways or RST) for `lingerSeconds`, idle for `idleSeconds`, replaced by a new
 * connection on its 4-tuple, pushed out by the `maxOpen` or `maxHeldBytes` cap, or at the end of input. Each
 * release is a `closed` event; the caller decides whether the tracker also keeps it for end().
 */
import type { Packet, ScannedPacket } from "../packets/types.js";
import { ConnectionStore, FROM_CLIENT, NOT_MINE, TrackedConnection } from "./connection.js";
import type { JsonBytes } from "./json-bytes.js";
import { sourceLooksLikeServer } from "./keys.js";
import { ActivityQueue } from "./queue.js";
import { NONE, TupleTable } from "./table.js";
import { DEFAULT_SEGMENT_LIMITS, type SegmentLimits } from "./segments.js";
import type { Connection } from "./types.js";
import { SegmentView } from "./view.js";

export interface TrackerOptions {
  /** Keep released connections for end() (default true); false for long live captures. */
  retain?: boolean;
  /** Open connections at most (default 100,000); past it the least recently active go first. */
  maxOpen?: number;
  /**
   * Memory the connections held may take, about (ConnectionStore.heldBytes(); default 40 MB):
   * past it the least recently active go first, as past maxOpen. A connection keeps up to 40
   * segments and 64 rounds, so how many fit depends on the traffic: some 24,000 half-open ones
   * of a SYN flood (1.7 KB each), fewer long busy ones.
   */
  maxHeldBytes?: number;
  /** Seconds a closed connection still collects trailing ACKs and retransmissions (default 5, Zeek's tcp_close_delay). */
  lingerSeconds?: number;
  /** Seconds without packets after which an open connection is released (default 300, Zeek's tcp_inactivity_timeout). */
  idleSeconds?: number;
  segments?: Partial<SegmentLimits>;
  /** Request/response rounds kept per connection (default 64). */
  maxExchanges?: number;
  /** Emit `handshake` events (default true); false spares building a snapshot of every connection nobody reads. */
  handshakeEvents?: boolean;
  /**
   * The n of `conn:n`: "count" (default) numbers connections 1, 2, ...; "ordinal" uses the
   * ordinal of the record that opened the connection (parallel workers, whose ids the main
   * thread renumbers).
   */
  numbering?: "count" | "ordinal";
  /**
   * Streamed JSON: each released connection is written here, as the next item of the report's
   * array of connections, with a `written` event instead of a `closed` one (nor kept: `retain`
   * and `handshakeEvents` must be false). No report object is made (json-bytes.ts).
   */
  json?: JsonBytes;
}

/** Why the tracker let go of a connection. */
export type ReleaseReason = "closed" | "reused" | "idle" | "cap" | "end";

/**
 * Where a release falls in the tracker's output, from facts that do not depend on which other
 * connections the tracker holds: trackers that each hold a share of an input's connections
 * (parallel workers) make the releases of one tracker holding them all, and these keys sort
 * them into its order. `at` is the ordinal of the record being tracked (Infinity at the end),
 * `phase` the step of push() (0 lingering ones expired, 1 idle ones, 2 reused tuple, 3 cap,
 * 4 end of input), then `a`, `b`: the expired connection's last time and last ordinal (the
 * queues' order), or at the end its first ordinal (drain's order).
 */
export interface ReleaseOrder {
  at: number;
  phase: number;
  a: number;
  b: number;
  /** Ordinal of the record that opened the connection. */
  created: number;
}

const PHASE: Record<ReleaseReason, number> = { closed: 0, idle: 1, reused: 2, cap: 3, end: 4 };

/**
 * The default of TrackerOptions.maxHeldBytes: with it a run peaks at about 150 MB however many
 * connections are open at once (docs/performance.md, "Memory"), where 100,000 half-open ones
 * took 270 MB.
 */
const DEFAULT_MAX_HELD_BYTES = 40 << 20;

/** A cap in bytes as the warning says it: MB from 1 MB up. */
const sizeText = (bytes: number): string => (bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${bytes} bytes`);

export type TrackerEvent =
  /** The handshake completed or was refused; at release, also partial and unanswered ones. */
  | { type: "handshake"; connection: Connection }
  /** The tracker is done with this connection (its `close` says how it ended). */
  | { type: "closed"; connection: Connection; reason: ReleaseReason; order: ReleaseOrder }
  /** With TrackerOptions.json, instead of `closed`: the connection was written there. */
  | { type: "written" }
  | { type: "warning"; message: string; line: number };

const WRITTEN: TrackerEvent = Object.freeze({ type: "written" });

/** What push() and advance() return when nothing happened (most packets): shared, so frozen. */
const NO_EVENTS: TrackerEvent[] = Object.freeze([]) as unknown as TrackerEvent[];

export interface TrackerCounts {
  connections: number;
  /** Connections released early by the maxOpen or maxHeldBytes cap. */
  evicted: number;
  /** Packets without ports (truncated `[|tcp]` lines), which no connection can hold. */
  unkeyed: number;
}

export class ConnectionTracker {
  readonly counts: TrackerCounts = { connections: 0, evicted: 0, unkeyed: 0 };
  /** Every connection tracked (open or lingering), by 4-tuple. */
  private readonly byTuple = new TupleTable();
  /** Open connections, least recently active first. */
  private readonly active = new ActivityQueue();
  /** Closed connections still lingering, least recently active first. */
  private readonly closing = new ActivityQueue();
  /** Every connection object made, by slot: the table and queues hold slots (numbers), not objects. */
  private readonly slots: TrackedConnection[] = [];
  private readonly released: { n: number; connection: Connection }[] = [];
  /**
   * Released connection objects, reused for new connections: a connection lives for seconds, long
   * enough for its objects to reach V8's old generation, and dropping them there by the thousand
   * per second let the heap grow to several times what was alive between full collections.
   */
  private readonly spare: TrackedConnection[] = [];
  private readonly retain: boolean;
  private readonly handshakeEvents: boolean;
  private readonly maxOpen: number;
  private readonly maxHeldBytes: number;
  private readonly numbering: "count" | "ordinal";
  private readonly json?: JsonBytes;
  /** Ordinal of the record being tracked: given to push() and advance(), else counted here. */
  private ordinal = 0;
  private readonly linger: number;
  private readonly idle: number;
  private readonly store: ConnectionStore;
  private warned = false;
  private flushed = false;
  /** Events of the packet being tracked, made when the first one comes. */
  private events?: TrackerEvent[];
  /** The view of the packet being tracked: one object filled for every packet (view.ts), or by a caller before pushView(). */
  readonly view = new SegmentView();
  /** The time expire() last released connections at. */
  private now = NaN;
  /** What find() found besides the connection: the packet's direction in it. */
  private direction = NOT_MINE;

  constructor(
    readonly captureName: string,
    opts: TrackerOptions = {},
  ) {
    this.retain = opts.retain ?? true;
    this.handshakeEvents = opts.handshakeEvents ?? true;
    this.maxOpen = opts.maxOpen ?? 100_000;
    this.maxHeldBytes = opts.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES;
    this.numbering = opts.numbering ?? "count";
    this.json = opts.json;
    if (this.json && (this.retain || this.handshakeEvents)) throw new Error("a tracker writing JSON keeps no connections and makes no handshake events");
    this.linger = opts.lingerSeconds ?? 5;
    this.idle = opts.idleSeconds ?? 300;
    this.store = new ConnectionStore(captureName, { segments: { ...DEFAULT_SEGMENT_LIMITS, ...opts.segments }, exchanges: opts.maxExchanges ?? 64 });
  }

  /**
   * Tracks one packet; `ordinal` is its record's place among the input's TCP records (default:
   * the next one). Every TCP record moves the clock that expires connections, so a record that
   * did not parse, or that another tracker holds, is given to advance() instead.
   */
  /** The returned array is not to be changed (when empty it is shared). */
  push(p: Packet, ordinal = this.ordinal + 1): TrackerEvent[] {
    this.view.read(p);
    return this.track(ordinal);
  }

  /** push() of a line the fast lane took (packets/lane.ts). The returned array is not to be changed. */
  pushScanned(p: ScannedPacket, ordinal = this.ordinal + 1): TrackerEvent[] {
    this.view.readScanned(p);
    return this.track(ordinal);
  }

  /** push() of the packet a caller wrote into `view` (another thread's, view-rows.ts). The returned array is not to be changed. */
  pushView(ordinal = this.ordinal + 1): TrackerEvent[] {
    return this.track(ordinal);
  }

  /** Tracks the packet in `view`. */
  private track(ordinal: number): TrackerEvent[] {
    this.ordinal = ordinal;
    const v = this.view;
    if (!Number.isNaN(v.t)) this.expire(v.t);
    if (!v.hasPorts) {
      this.counts.unkeyed++;
      return this.takeEvents();
    }
    const hash = v.hash;
    let conn = this.find(v, hash);
    if (conn && startsNewConnection(conn, v, this.direction === FROM_CLIENT)) {
      this.release(conn, "reused");
      conn = undefined;
    }
    if (conn) this.queueOf(conn).remove(conn.slot);
    else {
      conn = this.open(v, hash);
      this.direction = conn.directionOf(v);
    }
    conn.lastOrdinal = ordinal;
    v.fromClient = this.direction === FROM_CLIENT;
    if (conn.push(v) && this.handshakeEvents) {
      conn.handshakeReported = true;
      this.emit({ type: "handshake", connection: conn.toConnection() });
    }
    // To its queue's end (by time, see insertByClock): queues stay ordered by last activity.
    this.queueOf(conn).insertByClock(conn);
    return this.takeEvents();
  }

  /** A TCP record this tracker does not hold (unreadable, or another tracker's): the clock moves on. The returned array is not to be changed. */
  advance(t: number | undefined, ordinal = this.ordinal + 1): TrackerEvent[] {
    this.ordinal = ordinal;
    if (t !== undefined) this.expire(t);
    return this.takeEvents();
  }

  /** Connections tracked right now (open, or closed and lingering): what memory is bounded by. */
  get tracked(): number {
    return this.byTuple.size;
  }

  /** Releases every connection still tracked (end of input); returns their events. */
  flush(): TrackerEvent[] {
    return [...this.drain()];
  }

  /**
   * flush() one connection at a time, in order of their first packet: a caller that writes each
   * as it comes holds one connection's report at a time, not all of them.
   */
  *drain(): Generator<TrackerEvent, void, undefined> {
    const rest = [...this.active, ...this.closing].map((slot) => this.slots[slot]).sort((a, b) => a.order - b.order);
    for (const conn of rest) {
      this.release(conn, "end");
      yield* this.takeEvents();
    }
    this.flushed = true;
  }

  /** Flushes if needed; returns the kept connections in order of their first packet. */
  end(): Connection[] {
    if (!this.flushed) this.flush();
    return this.released.sort((a, b) => a.n - b.n).map((r) => r.connection);
  }

  private emit(event: TrackerEvent): void {
    (this.events ??= []).push(event);
  }

  /** The events since the last call (NO_EVENTS when none). */
  private takeEvents(): TrackerEvent[] {
    const events = this.events ?? NO_EVENTS;
    this.events = undefined;
    return events;
  }

  /** The tracked connection holding the packet's 4-tuple, its direction in `direction`. */
  private find(v: SegmentView, hash: number): TrackedConnection | undefined {
    for (let slot = this.byTuple.first(hash); slot !== NONE; slot = this.byTuple.nextOf(slot)) {
      if (this.byTuple.hashOf(slot) !== hash) continue;
      const conn = this.slots[slot];
      this.direction = conn.directionOf(v);
      if (this.direction !== NOT_MINE) return conn;
    }
    return undefined;
  }

  /** The queue a tracked connection is in: lingering once closed, else open. */
  private queueOf(conn: TrackedConnection): ActivityQueue {
    return conn.closed ? this.closing : this.active;
  }

  private open(v: SegmentView, hash: number): TrackedConnection {
    if (this.tracked >= this.maxOpen) this.evict(v.line, "count");
    // a connection's records grow with its packets, so more than one may have to go
    while (this.tracked > 0 && this.store.heldBytes(this.tracked) > this.maxHeldBytes) this.evict(v.line, "memory");
    const count = ++this.counts.connections;
    const n = this.numbering === "ordinal" ? this.ordinal : count;
    // A SYN's sender is the client, a SYN/ACK's receiver; without either, guess by the ports.
    const clientIsSource = v.flags.syn ? !v.flags.ack : !sourceLooksLikeServer(v);
    const conn = this.spare.pop() ?? this.newConnection();
    conn.start(n, v, clientIsSource);
    conn.firstOrdinal = this.ordinal;
    this.byTuple.add(conn.slot, hash);
    return conn;
  }

  private newConnection(): TrackedConnection {
    const conn = new TrackedConnection(this.store, this.slots.length);
    this.slots.push(conn);
    return conn;
  }

  /**
   * Releases the least recently active connection (closed ones first) to make room; `line`: the
   * packet that needs it; `cap`: which cap was reached, for the first such release's warning.
   */
  private evict(line: number, cap: "count" | "memory"): void {
    const conn = this.slots[this.closing.first !== NONE ? this.closing.first : this.active.first];
    this.counts.evicted++;
    if (!this.warned) {
      this.warned = true;
      const reached = cap === "count" ? `more than ${this.maxOpen} open connections` : `open connections holding more than ${sizeText(this.maxHeldBytes)}`;
      this.emit({
        type: "warning",
        line,
        message: `${reached}: releasing the least recently active ones early (their later packets start new connections)`,
      });
    }
    this.release(conn, "cap");
  }

  /** Releases what has waited long enough: queues are in order of last activity, so only their heads need a look. */
  private expire(now: number): void {
    this.now = now;
    this.expireQueue(this.closing, this.linger, "closed");
    this.expireQueue(this.active, this.idle, "idle");
  }

  /** Releases the queue's members that have waited `wait` seconds by `now` (a field: a double passed to a call is boxed, a new object per packet). */
  private expireQueue(queue: ActivityQueue, wait: number, reason: ReleaseReason): void {
    for (let slot = queue.first; slot !== NONE && queue.clockOf(slot) + wait < this.now; slot = queue.first) this.release(this.slots[slot], reason);
  }

  private releaseOrder(conn: TrackedConnection, reason: ReleaseReason): ReleaseOrder {
    const phase = PHASE[reason];
    const created = conn.firstOrdinal;
    if (reason === "end") return { at: Infinity, phase, a: created, b: 0, created };
    if (reason === "closed" || reason === "idle") return { at: this.ordinal, phase, a: conn.clock, b: conn.lastOrdinal, created };
    return { at: this.ordinal, phase, a: 0, b: 0, created };
  }

  private release(conn: TrackedConnection, reason: ReleaseReason): void {
    this.byTuple.remove(conn.slot);
    this.queueOf(conn).remove(conn.slot);
    if (this.json) {
      this.json.item();
      conn.writeJson(this.json);
      this.emit(WRITTEN);
    } else this.report(conn, reason);
    conn.release();
    this.spare.push(conn);
  }

  /** The events of a released connection, and keeping it for end(). */
  private report(conn: TrackedConnection, reason: ReleaseReason): void {
    const connection = conn.toConnection();
    if (this.handshakeEvents && !conn.handshakeReported && connection.handshake.status !== "none") this.emit({ type: "handshake", connection });
    this.emit({ type: "closed", connection, reason, order: this.releaseOrder(conn, reason) });
    if (this.retain) this.released.push({ n: conn.order, connection });
  }
}

/**
 * Whether a SYN starts a new connection on a 4-tuple already tracked (port reuse) rather than
 * belonging to it: a SYN with the ISN already seen from its sender is a retransmission; the
 * server's first SYN while the client's SYN is unanswered is a simultaneous open; any other
 * SYN without ACK starts a new connection (as tshark starts a new tcp.stream), and so does a
 * SYN/ACK with a new ISN on a closed connection.
 */
function startsNewConnection(conn: TrackedConnection, v: SegmentView, fromClient: boolean): boolean {
  const f = v.flags;
  if (!f.syn || f.rst) return false;
  const ownIsn = conn.isn(fromClient);
  if (ownIsn !== undefined && v.seq === ownIsn) return false;
  if (f.ack) return conn.closed && ownIsn !== undefined;
  if (conn.closed) return true;
  // The SYN that a captured SYN/ACK answered, seen late: the same connection.
  if (fromClient) return ownIsn !== undefined || !conn.serverSyn;
  return conn.isn(true) === undefined || conn.serverSyn;
}
