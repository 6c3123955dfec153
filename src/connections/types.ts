/** Connections and handshakes as `hs-report --json` reports them (docs/report.md). */

export interface Endpoint {
  host: string;
  port: number;
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
}

export interface Handshake {
  status: HandshakeStatus;
  clientIsn?: number;
  serverIsn?: number;
  /** 1 + retransmitted SYNs with the same ISN. */
  synAttempts: number;
  synAckAttempts: number;
  rttMs: { synToSynAck?: number; synAckToAck?: number };
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
