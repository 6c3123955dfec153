/**
 * The streaming connection tracker: packets in, connections out (docs/connections.md).
 * Memory is bounded by the connections still open: a connection is released when it has been
 * closed (FIN both ways or RST) for `lingerSeconds`, idle for `idleSeconds`, replaced by a new
 * connection on its 4-tuple, pushed out by the `maxOpen` cap, or at the end of input. Each
 * release is a `closed` event; the caller decides whether the tracker also keeps it for end().
 */
import type { Packet } from "../packets/types.js";
import { TrackedConnection, type ConnectionLimits } from "./connection.js";
import { readFlags } from "./flags.js";
import { endpointKey, endpointOf, sourceLooksLikeServer, tupleKey } from "./keys.js";
import { segmentNumbers } from "./numbers.js";
import { DEFAULT_SEGMENT_LIMITS, type SegmentLimits } from "./segments.js";
import type { Connection } from "./types.js";

export interface TrackerOptions {
  /** Keep released connections for end() (default true); false for long live captures. */
  retain?: boolean;
  /** Open connections at most (default 100,000); past it the least recently active go first. */
  maxOpen?: number;
  /** Seconds a closed connection still collects trailing ACKs and retransmissions (default 5, Zeek's tcp_close_delay). */
  lingerSeconds?: number;
  /** Seconds without packets after which an open connection is released (default 300, Zeek's tcp_inactivity_timeout). */
  idleSeconds?: number;
  segments?: Partial<SegmentLimits>;
  /** Request/response rounds kept per connection (default 64). */
  maxExchanges?: number;
}

/** Why the tracker let go of a connection. */
export type ReleaseReason = "closed" | "reused" | "idle" | "cap" | "end";

export type TrackerEvent =
  /** The handshake completed or was refused; at release, also partial and unanswered ones. */
  | { type: "handshake"; connection: Connection }
  /** The tracker is done with this connection (its `close` says how it ended). */
  | { type: "closed"; connection: Connection; reason: ReleaseReason }
  | { type: "warning"; message: string; line: number };

export interface TrackerCounts {
  connections: number;
  /** Connections released early by the maxOpen cap. */
  evicted: number;
  /** Packets without ports (truncated `[|tcp]` lines), which no connection can hold. */
  unkeyed: number;
}

export class ConnectionTracker {
  readonly counts: TrackerCounts = { connections: 0, evicted: 0, unkeyed: 0 };
  /** Open connections by 4-tuple, least recently active first (Map order is insertion order). */
  private readonly active = new Map<string, TrackedConnection>();
  /** Closed connections still lingering, least recently active first. */
  private readonly closing = new Map<string, TrackedConnection>();
  private readonly released: { n: number; connection: Connection }[] = [];
  private readonly retain: boolean;
  private readonly maxOpen: number;
  private readonly linger: number;
  private readonly idle: number;
  private readonly limits: ConnectionLimits;
  private warned = false;
  private flushed = false;

  constructor(
    readonly captureName: string,
    opts: TrackerOptions = {},
  ) {
    this.retain = opts.retain ?? true;
    this.maxOpen = opts.maxOpen ?? 100_000;
    this.linger = opts.lingerSeconds ?? 5;
    this.idle = opts.idleSeconds ?? 300;
    this.limits = { segments: { ...DEFAULT_SEGMENT_LIMITS, ...opts.segments }, exchanges: opts.maxExchanges ?? 64 };
  }

  push(p: Packet): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const key = tupleKey(p);
    if (key === undefined) {
      this.counts.unkeyed++;
      return events;
    }
    if (p.t !== undefined) this.expire(p.t, events);
    let conn = this.active.get(key) ?? this.closing.get(key);
    if (conn && startsNewConnection(conn, p)) {
      this.release(key, conn, "reused", events);
      conn = undefined;
    }
    conn ??= this.open(p, events);
    const result = conn.push(p);
    if (result.settled) {
      conn.handshakeReported = true;
      events.push({ type: "handshake", connection: conn.toConnection() });
    }
    // Move to the end of its queue: queues stay ordered by last activity.
    this.active.delete(key);
    this.closing.delete(key);
    (conn.closed ? this.closing : this.active).set(key, conn);
    return events;
  }

  /** Connections tracked right now (open, or closed and lingering): what memory is bounded by. */
  get tracked(): number {
    return this.active.size + this.closing.size;
  }

  /** Releases every connection still tracked (end of input); returns their events. */
  flush(): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const rest = [...this.active, ...this.closing].sort(([, a], [, b]) => a.order - b.order);
    for (const [key, conn] of rest) this.release(key, conn, "end", events);
    this.flushed = true;
    return events;
  }

  /** Flushes if needed; returns the kept connections in order of their first packet. */
  end(): Connection[] {
    if (!this.flushed) this.flush();
    return this.released.sort((a, b) => a.n - b.n).map((r) => r.connection);
  }

  private open(p: Packet, events: TrackerEvent[]): TrackedConnection {
    if (this.tracked >= this.maxOpen) this.evict(p, events);
    const n = ++this.counts.connections;
    const f = readFlags(p.flags);
    // A SYN's sender is the client, a SYN/ACK's receiver; without either, guess by the ports.
    const clientSide = f.syn ? (f.ack ? "dst" : "src") : sourceLooksLikeServer(p) ? "dst" : "src";
    const serverSide = clientSide === "src" ? "dst" : "src";
    return new TrackedConnection(
      n,
      `${this.captureName}:${n}`,
      p.family,
      { client: endpointOf(p, clientSide), server: endpointOf(p, serverSide), clientKey: endpointKey(p, clientSide) },
      this.limits,
    );
  }

  private evict(p: Packet, events: TrackerEvent[]): void {
    const [key, conn] = this.closing.entries().next().value ?? this.active.entries().next().value!;
    this.counts.evicted++;
    if (!this.warned) {
      this.warned = true;
      events.push({
        type: "warning",
        line: p.line,
        message: `more than ${this.maxOpen} open connections: releasing the least recently active ones early (their later packets start new connections)`,
      });
    }
    this.release(key, conn, "cap", events);
  }

  private expire(now: number, events: TrackerEvent[]): void {
    const due = (conn: TrackedConnection, wait: number) => conn.lastT !== undefined && conn.lastT + wait < now;
    for (const [key, conn] of this.closing) {
      if (!due(conn, this.linger)) break;
      this.release(key, conn, "closed", events);
    }
    for (const [key, conn] of this.active) {
      if (!due(conn, this.idle)) break;
      this.release(key, conn, "idle", events);
    }
  }

  private release(key: string, conn: TrackedConnection, reason: ReleaseReason, events: TrackerEvent[]): void {
    this.active.delete(key);
    this.closing.delete(key);
    const connection = conn.toConnection();
    if (!conn.handshakeReported && connection.handshake.status !== "none") events.push({ type: "handshake", connection });
    events.push({ type: "closed", connection, reason });
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
function startsNewConnection(conn: TrackedConnection, p: Packet): boolean {
  const f = readFlags(p.flags);
  if (!f.syn || f.rst) return false;
  const seq = segmentNumbers(p).seq;
  const fromClient = conn.isFromClient(p);
  const isns = conn.handshake.isns;
  const ownIsn = fromClient ? isns.client : isns.server;
  if (ownIsn !== undefined && seq === ownIsn) return false;
  if (f.ack) return conn.closed && ownIsn !== undefined;
  if (conn.closed) return true;
  // The SYN that a captured SYN/ACK answered, seen late: the same connection.
  if (fromClient) return ownIsn !== undefined || !isns.serverSyn;
  return isns.client === undefined || isns.serverSyn;
}
