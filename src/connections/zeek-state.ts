/**
 * Zeek's view of one TCP connection: the per-endpoint state machine of its TCP analyzer
 * (src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc: init_endpoint, update_history,
 * update_last_seq, UpdateStateMachine) and the `conn_state` function of
 * base/protocols/conn/main.zeek, replayed on the text's packets. docs/connections.md lists
 * what is left out and why (checksums, content gaps, role flips).
 *
 * The two endpoints' states are ZEEK_WIDTH numbers in the connection's record (connection.ts),
 * the history letters on the connection itself (zeek-history.ts).
 */
import type { TcpFlags } from "./flags.js";
import { seqAdd, seqDelta } from "./numbers.js";
import { recordLayout } from "./record-pool.js";
import { addLetter, checkLetter, type History, ONCE, scaledLetter } from "./zeek-history.js";

/** Zeek's endpoint states (TCP_ENDPOINT_*). */
const INACTIVE = 0;
const SYN_SENT = 1;
const SYN_ACK_SENT = 2;
const PARTIAL = 3;
const ESTABLISHED = 4;
const CLOSED = 5;
const RESET = 6;

/** Zeek's TOO_LARGE_SEQ_DELTA: SYN/RST sequence jumps beyond it are not trusted. */
const TOO_LARGE_SEQ_DELTA = 1048576;

/**
 * Each endpoint's numbers, the originator's then the responder's for each field (an endpoint's
 * fields are at ORIG or RESP plus the field): state, start and last sequence numbers (NaN until
 * seen), payload bytes sent outside RSTs (stands in for Zeek's sequence-based Size()), the
 * state before, the last SYN, FIN and RST numbers the history compared, and the retransmitted
 * payloads and zero windows so far (for the scaled `T` and `W` letters). Fields every packet
 * reads come first: they share a cache line.
 */
const E = recordLayout({ state: 2, startSeq: 2, lastSeq: 2, size: 2, prevState: 2, histLastSyn: 2, histLastFin: 2, histLastRst: 2, retransmissions: 2, zeroWindows: 2 });
const ORIG = 0;
const RESP = 1;
export const ZEEK_WIDTH = E.width;

/** A repeat letter needs a sequence number that differs from the last one of its kind. */
const differs = (last: number, now: number | undefined): boolean => now !== undefined && now !== last;

const inactive = (s: number): boolean => s === INACTIVE || s === PARTIAL;

function setState(r: Float64Array, ep: number, state: number): void {
  r[ep + E.prevState] = r[ep + E.state];
  r[ep + E.state] = state;
}

/** Zeek's init_endpoint defaults for both endpoints, from `at` in `r`: inactive, nothing seen (the rest of a new record is NaN). */
export function startZeek(r: Float64Array, at: number): void {
  startEndpoint(r, at + ORIG);
  startEndpoint(r, at + RESP);
}

function startEndpoint(r: Float64Array, ep: number): void {
  r[ep + E.state] = r[ep + E.prevState] = INACTIVE;
  r[ep + E.histLastSyn] = r[ep + E.histLastFin] = r[ep + E.histLastRst] = 0;
  r[ep + E.size] = r[ep + E.retransmissions] = r[ep + E.zeroWindows] = 0;
}

/** Zeek's `^`: the originator is not the sender of the first packet (our orientation heuristic). */
export function zeekFlipped(h: History): void {
  addLetter(h, "^", true);
}

/** One packet as Zeek's analyzer sees it: its sender, flags, sequence number, payload length and window (NaN when not printed). */
export function zeekProcess(r: Float64Array, at: number, h: History, isOrig: boolean, f: TcpFlags, seq: number, len: number, win: number): void {
  const ep = at + (isOrig ? ORIG : RESP);
  const peer = at + (isOrig ? RESP : ORIG);
  const segLen = len + (f.syn ? 1 : 0) + (f.fin ? 1 : 0) - (f.rst ? len : 0);
  const numbered = !Number.isNaN(seq);
  const last = numbered ? seqAdd(seq, segLen) : 0;
  if (numbered) initEndpoint(r, ep, f, seq, last);
  // init_endpoint gave the endpoint a start whenever the packet has a number.
  const relSeq = numbered ? seqDelta(seq, r[ep + E.startSeq]) : undefined;
  updateHistory(r, ep, h, isOrig, f, relSeq, len);
  if (win === 0 && !f.rst && r[peer + E.state] !== CLOSED && r[ep + E.state] !== RESET) {
    scaledLetter(h, "W", ++r[ep + E.zeroWindows], isOrig);
  }
  if (numbered) updateLastSeq(r, ep, h, isOrig, f, last, len);
  if (!f.rst) r[ep + E.size] += len;
  updateStateMachine(r, at, ep, peer, isOrig, f, len);
}

function initEndpoint(r: Float64Array, ep: number, f: TcpFlags, seq: number, last: number): void {
  const state = r[ep + E.state];
  if (state === INACTIVE || Number.isNaN(r[ep + E.startSeq])) {
    // A partial connection is numbered as though a SYN had been seen just before.
    if (f.syn) initSeq(r, ep, seq, last);
    else initSeq(r, ep, seqAdd(seq, -1), seq);
    return;
  }
  const reinit =
    f.syn &&
    (((state === SYN_SENT || state === SYN_ACK_SENT) && seq !== r[ep + E.startSeq]) ||
      state === ESTABLISHED ||
      state === PARTIAL ||
      (state === RESET && r[ep + E.prevState] === INACTIVE));
  if (reinit) initSeq(r, ep, seq, last);
}

function initSeq(r: Float64Array, ep: number, start: number, last: number): void {
  r[ep + E.startSeq] = start;
  r[ep + E.lastSeq] = last;
}

function updateHistory(r: Float64Array, ep: number, h: History, o: boolean, f: TcpFlags, relSeq: number | undefined, len: number): void {
  const bits = (f.syn ? 1 : 0) + (f.fin ? 1 : 0) + (f.rst ? 1 : 0);
  if (bits > 1) {
    if (f.fin && f.rst) checkLetter(h, ONCE.finRst, "I", o);
    else checkLetter(h, ONCE.multiFlag, "Q", o);
  } else if (f.syn) {
    const code = f.ack ? "H" : "S";
    if (checkLetter(h, ONCE.syn, code, o) && differs(r[ep + E.histLastSyn], relSeq)) addLetter(h, code, o);
    if (relSeq !== undefined) r[ep + E.histLastSyn] = relSeq;
  } else if (f.fin) {
    const end = relSeq === undefined ? undefined : relSeq + len;
    if (checkLetter(h, ONCE.fin, "F", o) && differs(r[ep + E.histLastFin], end)) addLetter(h, "F", o);
    if (end !== undefined) r[ep + E.histLastFin] = end;
  } else if (f.rst) {
    if (checkLetter(h, ONCE.rst, "R", o) && differs(r[ep + E.histLastRst], relSeq)) addLetter(h, "R", o);
    if (relSeq !== undefined) r[ep + E.histLastRst] = relSeq;
  } else if (len > 0) checkLetter(h, ONCE.data, "D", o);
  else if (f.ack) checkLetter(h, ONCE.ack, "A", o);
}

/** Zeek's update_last_seq; a payload that does not advance the sequence is a retransmission (`T`). */
function updateLastSeq(r: Float64Array, ep: number, h: History, isOrig: boolean, f: TcpFlags, last: number, len: number): void {
  const lastSeq = r[ep + E.lastSeq];
  const delta = seqDelta(last, lastSeq);
  if ((f.syn || f.rst) && Math.abs(delta) > TOO_LARGE_SEQ_DELTA) return;
  if (f.fin && lastSeq === seqAdd(r[ep + E.startSeq], 1)) r[ep + E.lastSeq] = last;
  else if (r[ep + E.state] === RESET) return;
  else if (delta > 0) r[ep + E.lastSeq] = last;
  else if (len > 0) scaledLetter(h, "T", ++r[ep + E.retransmissions], isOrig);
}

function updateStateMachine(r: Float64Array, at: number, ep: number, peer: number, isOrig: boolean, f: TcpFlags, len: number): void {
  switch (r[ep + E.state]) {
    case INACTIVE:
      return updateInactive(r, at, ep, peer, isOrig, f, len);
    case SYN_SENT:
    case SYN_ACK_SENT:
      if (f.fin) setState(r, ep, CLOSED);
      if (f.rst) setState(r, ep, RESET);
      return;
    case ESTABLISHED:
    case PARTIAL:
      return updateEstablished(r, ep, peer, f);
    case CLOSED:
      // After a FIN exchange a RST changes nothing; after a one-sided FIN it resets.
      if (f.rst && r[peer + E.state] !== CLOSED) setState(r, ep, RESET);
      return;
  }
}

function updateInactive(r: Float64Array, at: number, ep: number, peer: number, isOrig: boolean, f: TcpFlags, len: number): void {
  if (f.syn) {
    if (isOrig) setState(r, ep, f.ack ? SYN_ACK_SENT : SYN_SENT);
    else {
      // The responder's SYN/ACK (or its own SYN in a simultaneous open) establishes both sides.
      if (r[peer + E.state] === SYN_SENT) setState(r, peer, ESTABLISHED);
      setState(r, ep, ESTABLISHED);
    }
  }
  if (f.fin) setState(r, ep, CLOSED);
  if (f.rst) setState(r, ep, RESET);
  if (r[ep + E.state] !== INACTIVE) return;
  // Some stacks ACK a SYN before answering it: that ACK does not make a partial connection.
  if (!isOrig && len === 0 && r[at + ORIG + E.state] === SYN_SENT) return;
  // A missed SYN: the SYN/ACK was seen, now the ACK; treat it as established.
  if (f.ack && r[peer + E.state] === ESTABLISHED) setState(r, ep, ESTABLISHED);
  else setState(r, ep, PARTIAL);
}

function updateEstablished(r: Float64Array, ep: number, peer: number, f: TcpFlags): void {
  if (f.syn && r[ep + E.state] === PARTIAL && r[peer + E.state] === INACTIVE && !f.ack) setState(r, ep, SYN_SENT);
  if (f.fin && !f.rst) {
    setState(r, ep, CLOSED);
    // A FIN then a RST from the peer was a normal termination after all.
    if (r[peer + E.state] === RESET && r[peer + E.prevState] === CLOSED) setState(r, peer, CLOSED);
  }
  if (f.rst) setState(r, ep, RESET);
}

/** base/protocols/conn/main.zeek's conn_state() for TCP. */
export function connState(r: Float64Array, at: number, history: string): string {
  const os = r[at + ORIG + E.state];
  const rs = r[at + RESP + E.state];
  if (rs === RESET) {
    if (os === SYN_SENT || os === SYN_ACK_SENT || (os === RESET && r[at + ORIG + E.size] === 0 && r[at + RESP + E.size] === 0)) return "REJ";
    return inactive(os) ? "RSTRH" : "RSTR";
  }
  if (os === RESET) {
    if (inactive(rs)) return /^\^?S[^HAFGIQ]*R.*$/s.test(history) ? "RSTOS0" : "OTH";
    return "RSTO";
  }
  if (rs === CLOSED && os === CLOSED) return "SF";
  if (os === CLOSED) return inactive(rs) ? "SH" : "S2";
  if (rs === CLOSED) return inactive(os) ? "SHR" : "S3";
  if (os === SYN_SENT && rs === INACTIVE) return "S0";
  if (os === ESTABLISHED && rs === ESTABLISHED) return "S1";
  return "OTH";
}
