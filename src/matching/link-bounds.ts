import type { Exchange } from "../connections/types.js";
import { openInterval, type LinkInterval } from "./clock-bounds.js";
import type { ConnView } from "./events.js";

/**
 * Clock bounds from one connection seen on both legs (NAT or direct): the client's SYN and
 * requests travel front to back, the server's SYN/ACK and responses back to front.
 */
export function sequenceLinkBounds(f: ConnView, b: ConnView, link: number, weight: number): LinkInterval {
  const interval = openInterval(link, weight);
  const high = (tb: number | undefined, tf: number | undefined) => {
    if (tb !== undefined && tf !== undefined) interval.hi = Math.min(interval.hi, tb - tf);
  };
  const low = (tb: number | undefined, tf: number | undefined) => {
    if (tb !== undefined && tf !== undefined) interval.lo = Math.max(interval.lo, tb - tf);
  };
  high(b.syn?.t, f.syn?.t);
  low(b.synAck?.t, f.synAck?.t);
  for (const [fr, br] of sameRounds(f, b)) {
    high(br.request.t, fr.request.t);
    low(br.response?.t, fr.response?.t);
  }
  return interval;
}

/**
 * Rounds that are the same bytes on both legs: by raw sequence number when known, else by
 * position when both legs saw the handshake (both counted from the first request).
 */
function sameRounds(f: ConnView, b: ConnView): [Exchange, Exchange][] {
  const bySeq = new Map<number, Exchange>();
  for (const r of b.rounds) if (r.request.seq !== undefined) bySeq.set(r.request.seq, r);
  const pairs: [Exchange, Exchange][] = [];
  for (const r of f.rounds) {
    const other = r.request.seq !== undefined ? bySeq.get(r.request.seq) : undefined;
    if (other) pairs.push([r, other]);
  }
  if (pairs.length > 0 || f.syn === undefined || b.syn === undefined) return pairs;
  const n = Math.min(f.rounds.length, b.rounds.length);
  for (let i = 0; i < n; i++) pairs.push([f.rounds[i], b.rounds[i]]);
  return pairs;
}

/**
 * Clock bounds from a front round relayed as a back round by a proxy: the backend saw the
 * request after the client sent it, the client got the answer after the backend sent it, and
 * (lazy tier) the backend connection was opened after the request when this round is its first.
 */
export function relayLinkBounds(f: Exchange, b: Exchange, backSyn: number | undefined, link: number, weight: number): LinkInterval {
  const interval = openInterval(link, weight);
  const ft = f.request.t;
  const bt = b.request.t;
  if (ft === undefined || bt === undefined) return interval;
  interval.hi = bt - ft;
  if (b.response?.t !== undefined && f.response?.t !== undefined) interval.lo = b.response.t - f.response.t;
  if (backSyn !== undefined) interval.lazy = backSyn - ft;
  return interval;
}
