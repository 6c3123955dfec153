/** Connections and handshakes as `hs-report --json` reports them (docs/report.md). */

export interface Endpoint {
  host: string;
  /** The port number (a port printed as a service name is looked up; 0 when unknown). */
  port: number;
  /** The service name when tcpdump printed one instead of the number (`http`, `webcache`). */
  portName?: string;
}

export type HandshakeStatus = "complete" | "partial" | "refused" | "unanswered" | "none";

/** One side's SYN (or SYN/ACK) as printed: options and, when the text carries them, IP fields. */
export interface SynSide {
  mss?: number;
  wscale?: number;
  sackOK?: boolean;
  /** TS option present on the SYN. */
  ts?: boolean;
  tsval?: number;
  /** Option kinds in order, e.g. `mss,sackOK,TS,nop,wscale`. */
  layout?: string;
  ttl?: number;
  ipId?: number;
  win?: number;
  /** Where that SYN was printed. */
  line?: number;
  time?: string;
  /** The SYN's time in seconds (same scale as Packet.t); matching orders events with it. */
  t?: number;
}

export interface Handshake {
  status: HandshakeStatus;
  clientIsn?: number;
  serverIsn?: number;
  /** 1 + retransmitted SYNs with the same ISN. */
  synAttempts: number;
  synAckAttempts: number;
  /**
   * Handshake timings in milliseconds at the timestamps' precision (docs/connections.md):
   * synToSynAck from the client's last SYN before the first SYN/ACK to that SYN/ACK,
   * synAckToAck from the server's last SYN/ACK before the handshake ACK to that ACK, and
   * initial as tshark's `tcp.analysis.initial_rtt` (last SYN to the first ACK-bearing non-SYN
   * segment, whichever side sent it; so for a refused connection, SYN to RST).
   */
  rttMs: { synToSynAck?: number; synAckToAck?: number; initial?: number };
  client: SynSide;
  server: SynSide;
  simultaneousOpen?: boolean;
}

export type CloseKind = "fin" | "rst" | "open";

/** A reference to one printed packet of a connection, for ladders and evidence. */
export interface SegmentRef {
  line: number;
  time?: string;
  t?: number;
  /** true when sent by the client. */
  fromClient: boolean;
  flags: string;
  seq?: number;
  seqEnd?: number;
  ack?: number;
  len: number;
  /** TS option value on this segment, when printed (matching: TS continuity across a NAT). */
  tsval?: number;
}

/**
 * One run of payload bytes from one side, up to the first payload from the other side
 * (matching pairs requests and responses across captures with these).
 */
export interface DataRun {
  /** Where the run's first segment was printed, its time text and seconds. */
  line: number;
  time?: string;
  t?: number;
  /** Payload bytes in the run (new bytes by sequence range: retransmissions not counted twice). */
  bytes: number;
  /** Raw 32-bit sequence number of the run's first byte, when it can be known (a NAT keeps it). */
  seq?: number;
}

/** One request/response round: client payload, then the server's payload that followed it. */
export interface Exchange {
  request: DataRun;
  /** Absent when the server sent no payload before the client spoke again or the capture ended. */
  response?: DataRun;
}

export interface Connection {
  /** Unique within a report document, e.g. `front:3`. */
  id: string;
  client: Endpoint;
  server: Endpoint;
  family?: 4 | 6;
  /** Zeek conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH). */
  state: string;
  /** Zeek history letters. */
  history: string;
  handshake: Handshake;
  packets: { toServer: number; toClient: number };
  bytes: { toServer: number; toClient: number };
  close: CloseKind;
  /** Timestamp text of the first and last packet, and the same in seconds. */
  start?: string;
  end?: string;
  startT?: number;
  endT?: number;
  /** First and last line numbers. */
  lines: [number, number];
  /** The handshake's packets and the first data segments each way (bounded), for ladders and matching. */
  segments: SegmentRef[];
  /**
   * Request/response rounds in order (bounded by the tracker; `exchangesTruncated` when cut).
   * Matching pairs a front round with a back round: a keep-alive backend connection carries
   * the rounds of several client connections. Absent rounds fall back to `segments`.
   */
  exchanges?: Exchange[];
  exchangesTruncated?: boolean;
}

export interface CaptureStats {
  lines: number;
  records: number;
  tcpSegments: number;
  nonTcp: number;
  skippedLines: number;
  errors: number;
  connections: number;
  firstTime?: string;
  lastTime?: string;
}

export interface Capture {
  name: string;
  stats: CaptureStats;
  connections: Connection[];
}
