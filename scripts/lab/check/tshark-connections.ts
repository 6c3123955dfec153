import type { Endpoint, HandshakeStatus } from "../../../src/connections/types.js";
import type { TsharkFrame } from "./tshark.js";

/**
 * A connection as tshark's frames show it (one per tcp.stream), with its handshake judged by
 * the rules docs/report.md states for hs-report: complete = SYN, SYN/ACK, ACK of the SYN/ACK;
 * partial = SYN/ACK without that ACK; refused = RST answering the SYN; unanswered = SYNs only;
 * none = no SYN.
 */
export interface TsharkConnection {
  stream: number;
  client: Endpoint;
  server: Endpoint;
  status: HandshakeStatus;
  clientIsn?: number;
  serverIsn?: number;
  /** SYNs sent with the client's ISN (1 + retransmissions). */
  synAttempts: number;
  frames: TsharkFrame[];
}

export function connectionsOf(frames: TsharkFrame[]): TsharkConnection[] {
  const streams = new Map<number, TsharkFrame[]>();
  for (const f of frames) streams.set(f.stream, [...(streams.get(f.stream) ?? []), f]);
  return [...streams.entries()].map(([stream, fs]) => connectionOf(stream, fs));
}

const isSyn = (f: TsharkFrame) => f.syn && !f.ack;
const isSynAck = (f: TsharkFrame) => f.syn && f.ack;
const from = (f: TsharkFrame, e: Endpoint) => f.src === e.host && f.sport === e.port;

function connectionOf(stream: number, frames: TsharkFrame[]): TsharkConnection {
  const syn = frames.find(isSyn);
  if (!syn) {
    // No SYN: the higher port is the client's, as hs-report assumes for connections already open.
    const f = frames[0];
    const [client, server] = f.sport > f.dport ? [ends(f).src, ends(f).dst] : [ends(f).dst, ends(f).src];
    return { stream, client, server, status: "none", synAttempts: 0, frames };
  }
  const { src: client, dst: server } = ends(syn);
  const clientIsn = syn.seq;
  const synAttempts = frames.filter((f) => isSyn(f) && from(f, client) && f.seq === clientIsn).length;
  const synAck = frames.find((f) => isSynAck(f) && from(f, server) && f.ackNumber === (clientIsn + 1) % 2 ** 32);
  const base = { stream, client, server, clientIsn, synAttempts, frames };
  if (synAck) {
    const serverIsn = synAck.seq;
    const after = frames.slice(frames.indexOf(synAck) + 1);
    const acked = after.some((f) => from(f, client) && f.ack && !f.syn && f.ackNumber === (serverIsn + 1) % 2 ** 32);
    return { ...base, serverIsn, status: acked ? "complete" : "partial" };
  }
  const refused = frames.some((f) => from(f, server) && f.rst);
  return { ...base, status: refused ? "refused" : "unanswered" };
}

function ends(f: TsharkFrame): { src: Endpoint; dst: Endpoint } {
  return { src: { host: f.src, port: f.sport }, dst: { host: f.dst, port: f.dport } };
}

export function countStatuses(conns: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of conns) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}
