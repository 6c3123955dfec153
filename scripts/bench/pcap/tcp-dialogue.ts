/**
 * The steps of a client/server exchange, timed as a capture on the server's side sees them:
 * the server's packets leave at once, the client's replies arrive one round trip later.
 * All times are integer microseconds.
 */
import type { Prng } from "./prng.js";
import { TcpFlag } from "./tcp-frame.js";
import type { Side, TcpSession } from "./tcp-session.js";

const { SYN, ACK, PSH, FIN, RST } = TcpFlag;

/** How long the server's kernel takes to answer (SYN/ACK, ACK, FIN/ACK). */
function serverTurnaround(rng: Prng): number {
  return rng.int(8, 60);
}

/** SYN, SYN/ACK, ACK; returns the time of the client's ACK. */
export function handshake(session: TcpSession, rng: Prng, start: number): number {
  session.send("client", start, SYN);
  const synAck = start + serverTurnaround(rng);
  session.send("server", synAck, SYN | ACK);
  session.send("client", synAck + session.rtt, ACK);
  return synAck + session.rtt;
}

/**
 * Sends data from one side in MSS-sized segments (PSH on the last), the receiver ACKing every
 * second segment and the last one, as Linux does in quick-ack mode. Returns the time of the
 * last ACK.
 */
export function sendData(session: TcpSession, rng: Prng, from: Side, start: number, data: Buffer): number {
  const receiver: Side = from === "client" ? "server" : "client";
  const size = session.segmentSize;
  let time = start;
  let lastAck = start;
  for (let offset = 0, segment = 1; offset < data.length; offset += size, segment++) {
    const last = offset + size >= data.length;
    session.send(from, time, last ? PSH | ACK : ACK, data.subarray(offset, offset + size));
    if (last || segment % 2 === 0) {
      lastAck = time + (receiver === "server" ? serverTurnaround(rng) : session.rtt);
      session.send(receiver, lastAck, ACK);
    }
    time += rng.int(2, 30);
  }
  return lastAck;
}

export type CloseKind = "client-fin" | "server-fin" | "client-rst";

/** Browsers mostly close idle connections themselves; servers time out the rest; a few reset. */
export function randomCloseKind(rng: Prng): CloseKind {
  const roll = rng.next();
  return roll < 0.65 ? "client-fin" : roll < 0.95 ? "server-fin" : "client-rst";
}

/** Ends the connection at time start: FIN/ACK, FIN/ACK, ACK from the closing side, or one RST. */
export function closeConnection(session: TcpSession, rng: Prng, start: number, kind: CloseKind): void {
  const rtt = session.rtt;
  if (kind === "client-rst") {
    session.send("client", start, RST | ACK);
  } else if (kind === "client-fin") {
    session.send("client", start, FIN | ACK);
    const serverFin = start + serverTurnaround(rng);
    session.send("server", serverFin, FIN | ACK);
    session.send("client", serverFin + rtt, ACK);
  } else {
    session.send("server", start, FIN | ACK);
    session.send("client", start + rtt, FIN | ACK);
    session.send("server", start + rtt + serverTurnaround(rng), ACK);
  }
}

/** Idle time before the connection closes: the client's think time or the server's keep-alive timeout. */
export function idleBeforeClose(rng: Prng, kind: CloseKind): number {
  return kind === "server-fin" ? rng.int(5_000_000, 5_050_000) : rng.int(1_000, 50_000) + rng.exponential(300_000);
}
