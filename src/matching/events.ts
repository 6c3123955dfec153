import type { Connection, DataRun, Exchange, SegmentRef } from "../connections/types.js";

/** One connection with the events matching orders: its SYN, SYN/ACK and request/response rounds. */
export interface ConnView {
  conn: Connection;
  /** The capture's name: the file evidence cites. */
  file: string;
  syn?: { t?: number; line?: number };
  synAck?: { t?: number; line?: number };
  rounds: Exchange[];
}

export function viewOf(conn: Connection, file: string): ConnView {
  const synSeg = conn.segments.find((s) => s.fromClient && s.flags.includes("S"));
  const synAckSeg = conn.segments.find((s) => !s.fromClient && s.flags.includes("S"));
  const hs = conn.handshake;
  return {
    conn,
    file,
    syn: eventOf(hs.client.t, hs.client.line, synSeg),
    synAck: eventOf(hs.server.t, hs.server.line, synAckSeg),
    rounds: conn.exchanges ?? roundsFromSegments(conn.segments),
  };
}

function eventOf(t: number | undefined, line: number | undefined, seg: SegmentRef | undefined) {
  const at = { t: t ?? seg?.t, line: line ?? seg?.line };
  return at.t === undefined && at.line === undefined ? undefined : at;
}

/**
 * Rounds from the bounded segment list, for trackers that do not fill `exchanges`: a round
 * starts with client payload that follows server payload (or nothing); bytes already seen
 * (retransmissions) neither count nor start a round.
 */
export function roundsFromSegments(segments: SegmentRef[]): Exchange[] {
  const rounds: Exchange[] = [];
  const seen = { client: -1, server: -1 };
  let lastFromClient: boolean | undefined;
  for (const s of segments) {
    if (s.len <= 0) continue;
    const side = s.fromClient ? "client" : "server";
    if (s.seq !== undefined && s.seqEnd !== undefined) {
      if (seen[side] >= 0 && !after(s.seqEnd, seen[side])) continue;
      seen[side] = s.seqEnd;
    }
    // No `seq`: segment numbers may be relative, and a NAT match on them would be a false one.
    const run: DataRun = { line: s.line, time: s.time, t: s.t, bytes: s.len };
    const current = rounds[rounds.length - 1];
    if (s.fromClient) {
      if (lastFromClient === true && current) current.request.bytes += s.len;
      else rounds.push({ request: run });
    } else if (current) {
      if (current.response) current.response.bytes += s.len;
      else current.response = run;
    }
    if (s.fromClient || current) lastFromClient = s.fromClient;
  }
  return rounds;
}

/** Sequence-space comparison modulo 2^32: whether `a` lies after `b`. */
function after(a: number, b: number): boolean {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
}
