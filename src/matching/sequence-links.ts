import type { Endpoint } from "../connections/types.js";
import type { ConnView } from "./events.js";

/**
 * A front and a back connection that carry the same sequence numbers: one TCP connection seen
 * on both legs (a NAT rewrites addresses, never sequence numbers; a proxy's backend connection
 * has its own random ISN). No clock is needed to find these.
 */
export interface SequenceLink {
  f: number;
  b: number;
  kind: "nat" | "direct";
  /** "isn": the client SYN's ISN; "sequence": raw sequence numbers of payload (no handshake seen). */
  by: "isn" | "sequence";
}

export function sequenceLinks(front: ConnView[], back: ConnView[]): SequenceLink[] {
  const backByKey = new Map<number, number[]>();
  back.forEach((v, b) => {
    for (const key of keysOf(v)) {
      const list = backByKey.get(key);
      if (list) list.push(b);
      else backByKey.set(key, [b]);
    }
  });
  const taken = new Set<number>();
  const links: SequenceLink[] = [];
  front.forEach((v, f) => {
    for (const key of keysOf(v)) {
      // Two connections sharing a 32-bit ISN by chance is a 1 in 4 billion event; when it
      // happens, the one that started closest in raw time is the better guess.
      const b = nearest(v, back, backByKey.get(key) ?? [], taken);
      if (b === undefined) continue;
      taken.add(b);
      const same = sameEndpoint(v.conn.client, back[b].conn.client) && sameEndpoint(v.conn.server, back[b].conn.server);
      links.push({ f, b, kind: same ? "direct" : "nat", by: key < SPACE ? "isn" : "sequence" });
      return;
    }
  });
  return links;
}

/** Keys are numbers: which sequence space (ISN, client payload, server payload) times 2^32, plus the number. */
const SPACE = 2 ** 32;
const CLIENT = SPACE;
const SERVER = 2 * SPACE;

/**
 * The client SYN's ISN first, then the raw sequence numbers where payload starts, each side's
 * apart: request and response runs and the kept data segments (a connection that started
 * before the capture has no SYN, and maybe no request either).
 */
export function keysOf(v: ConnView): number[] {
  const keys: number[] = [];
  const isn = v.conn.handshake.clientIsn;
  if (isn !== undefined) keys.push(isn, CLIENT + ((isn + 1) >>> 0));
  for (const r of v.rounds) {
    if (r.request.seq !== undefined) keys.push(CLIENT + r.request.seq);
    if (r.response?.seq !== undefined) keys.push(SERVER + r.response.seq);
  }
  for (const s of v.conn.segments) if (s.len > 0 && s.seq !== undefined) keys.push((s.fromClient ? CLIENT : SERVER) + s.seq);
  // A handful of keys: dropping repeats by search costs less than a Set per connection.
  return keys.filter((k, i) => keys.indexOf(k) === i);
}

/** Of the back connections not yet taken, the one that started closest to `v`. */
function nearest(v: ConnView, back: ConnView[], candidates: number[], taken: ReadonlySet<number>): number | undefined {
  const t = v.conn.startT ?? 0;
  let best: number | undefined;
  for (const b of candidates) {
    if (taken.has(b)) continue;
    if (best === undefined || Math.abs((back[b].conn.startT ?? 0) - t) < Math.abs((back[best].conn.startT ?? 0) - t)) best = b;
  }
  return best;
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.host === b.host && a.port === b.port;
}
