/**
 * One TCP connection as a sequence of sends. The session keeps each side's sequence number,
 * the acknowledgement it owes, its IP ID counter and its timestamp clock, so every frame it
 * emits is consistent with the ones before it (tshark's TCP analysis finds nothing to flag).
 *
 * The capture is taken on the server's side: the server knows every client packet captured
 * before it sends, the client only those the server sent at least one round trip before the
 * client's packet is captured. Each side's ack and TS echo therefore follow from the capture
 * times, and calls may come in any order (the packets are sorted by time afterwards).
 */
import type { Prng } from "./prng.js";
import { encodeTcpFrame, TcpFlag } from "./tcp-frame.js";
import { segmentOptions, type TcpStack, type Timestamp } from "./tcp-stacks.js";

export interface Host {
  ip: number;
  /** The MAC address frames from this host carry at the capture point (a router's, if routed). */
  mac: Uint8Array;
  stack: TcpStack;
  /** TTL as seen at the capture point. */
  ttl: number;
}

export interface Endpoint {
  host: Host;
  port: number;
}

/** A frame and where and when it was captured. */
export interface CapturedPacket {
  /** Microseconds since the epoch on the reference clock (before a capture's clock offset). */
  time: number;
  /** Index of the capture file this packet is written to. */
  file: number;
  frame: Buffer;
}

export type Side = "client" | "server";

/** A packet on its way to a side, applied once that side could have seen it. */
interface InFlight {
  time: number;
  seqEnd: number;
  timestamp: number | undefined;
}

interface SideState {
  endpoint: Endpoint;
  nextSeq: number;
  /** Next sequence number expected from the peer: the ack field. */
  receiveNext: number;
  ipId: number;
  /** Random per-connection offset of the millisecond timestamp clock (as Linux does). */
  clockOffset: number;
  lastPeerTimestamp: number;
  /** Capture time of the newest peer packet applied so far. */
  lastSeen: number;
  inbox: InFlight[];
}

const EMPTY = new Uint8Array(0);

export class TcpSession {
  private readonly sides: Record<Side, SideState>;
  private readonly timestamps: boolean;

  constructor(
    rng: Prng,
    /** Round trip between the capture point (the server) and the client. */
    readonly rtt: number,
    client: Endpoint,
    server: Endpoint,
    private readonly file: number,
    private readonly out: CapturedPacket[],
  ) {
    const side = (endpoint: Endpoint): SideState => ({
      endpoint,
      nextSeq: rng.nextUint32(),
      receiveNext: 0,
      ipId: rng.int(0, 0xffff),
      clockOffset: rng.nextUint32(),
      lastPeerTimestamp: 0,
      lastSeen: -Infinity,
      inbox: [],
    });
    this.sides = { client: side(client), server: side(server) };
    this.timestamps = client.host.stack.offersTimestamps && server.host.stack.offersTimestamps;
  }

  /** Largest payload per segment: the smaller MSS minus the timestamp option. */
  get segmentSize(): number {
    const mss = Math.min(this.sides.client.endpoint.host.stack.mss, this.sides.server.endpoint.host.stack.mss);
    return this.timestamps ? mss - 12 : mss;
  }

  send(from: Side, time: number, flags: number, payload: Uint8Array = EMPTY): void {
    const self = this.sides[from];
    const peer = this.sides[from === "client" ? "server" : "client"];
    this.receive(from, time);
    const { host, port } = self.endpoint;
    const syn = (flags & TcpFlag.SYN) !== 0;
    const timestamp: Timestamp | undefined =
      (syn && from === "client" && host.stack.offersTimestamps) || this.timestamps
        ? { value: (self.clockOffset + Math.floor(time / 1000)) >>> 0, echo: self.lastPeerTimestamp }
        : undefined;

    this.out.push({
      time,
      file: this.file,
      frame: encodeTcpFrame({
        sourceMac: host.mac,
        destinationMac: peer.endpoint.host.mac,
        sourceIp: host.ip,
        destinationIp: peer.endpoint.host.ip,
        ipId: self.ipId,
        ttl: host.ttl,
        sourcePort: port,
        destinationPort: peer.endpoint.port,
        seq: self.nextSeq,
        ack: flags & TcpFlag.ACK ? self.receiveNext : 0,
        flags,
        window: syn ? host.stack.synWindow : host.stack.window,
        options: syn ? host.stack.synOptions(timestamp) : segmentOptions(timestamp),
        payload,
      }),
    });

    // SYN and FIN each take one sequence number.
    const consumed = payload.length + (syn ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0);
    self.nextSeq = (self.nextSeq + consumed) >>> 0;
    self.ipId = (self.ipId + 1) & 0xffff;
    peer.inbox.push({ time, seqEnd: self.nextSeq, timestamp: timestamp?.value });
  }

  /** Applies the peer packets side could have seen before sending at time. */
  private receive(side: Side, time: number): void {
    const self = this.sides[side];
    const horizon = side === "client" ? time - this.rtt : time;
    const waiting: InFlight[] = [];
    for (const packet of self.inbox) {
      if (packet.time > horizon) {
        waiting.push(packet);
      } else if (packet.time >= self.lastSeen) {
        self.lastSeen = packet.time;
        self.receiveNext = packet.seqEnd;
        if (packet.timestamp !== undefined) self.lastPeerTimestamp = packet.timestamp;
      }
    }
    self.inbox = waiting;
  }
}
