import type { Capture, Connection } from "../connections/types.js";
import { viewOf, type ConnView } from "./events.js";
import { keysOf, sameEndpoint } from "./sequence-links.js";
import { roundTable } from "./rounds.js";
import { relayCandidates } from "./relay-candidates.js";
import { DEFAULT_STATS } from "./relay-score.js";

export interface Legs {
  front: Capture;
  back: Capture;
}

/**
 * Splits one capture taken on the middle box (`tcpdump -i any`) into its client-facing and
 * backend legs, to be matched with `matchCaptures(front, back, { clockOffsetMs: 0 })`.
 *
 * 1. NAT: every packet is printed twice, before and after translation, as two connections with
 *    different addresses and the same sequence numbers (client ISN, or payload when the
 *    handshake was before the capture). The copy that printed the client's first packet first
 *    (the box receives it before it forwards it) is the front one.
 * 2. Proxy: the box accepts on one leg and connects on the other. An address that is a server
 *    in some connections and a client in others is the box's: connections it serves are the
 *    front leg, connections it opens the back leg.
 * 3. A box with one address per leg shares none: a server's connections are the back leg when
 *    their exchanges nest inside the others' (a relayed exchange nests inside the one that
 *    caused it: the client's request before the backend's, the backend's answer before the
 *    client's) and their clients are not the others' clients.
 * Connections that fit neither leg (the box's own traffic) are left out.
 */
export function splitLegs(capture: Capture): Legs {
  const views = capture.connections.map((c) => viewOf(c, capture.name));
  const { front, back, rest } = natCopies(views);
  const box = boxAddress(rest);
  if (box !== undefined) {
    for (const v of rest) {
      if (v.conn.server.host === box) front.push(v);
      else if (v.conn.client.host === box) back.push(v);
    }
  } else {
    const sides = bySideOfNesting(rest);
    front.push(...sides.front);
    back.push(...sides.back);
  }
  return { front: subCapture(capture, front), back: subCapture(capture, back) };
}

function natCopies(views: ConnView[]) {
  const owner = new Map<number, ConnView>();
  const partner = new Map<ConnView, ConnView>();
  for (const v of views) {
    for (const key of keysOf(v)) {
      const other = owner.get(key);
      if (!other) owner.set(key, v);
      else if (other !== v && !partner.has(other) && !partner.has(v) && !sameConnection(other, v)) {
        partner.set(other, v).set(v, other);
      }
    }
  }
  const front: ConnView[] = [];
  const back: ConnView[] = [];
  const rest: ConnView[] = [];
  for (const v of views) {
    const other = partner.get(v);
    if (!other) rest.push(v);
    else if (seenBeforeTranslation(v, other)) front.push(v);
    else back.push(v);
  }
  return { front, back, rest };
}

function sameConnection(a: ConnView, b: ConnView): boolean {
  return sameEndpoint(a.conn.client, b.conn.client) && sameEndpoint(a.conn.server, b.conn.server);
}

/**
 * Which copy is the client side: the box receives a client's packet before it forwards it, and
 * a server's packet before it forwards that, so the copy that printed the first client packet
 * first is the front one; with no client packet in either, the one that printed the first
 * server packet first is the back one.
 */
function seenBeforeTranslation(v: ConnView, other: ConnView): boolean {
  const first = (x: ConnView, fromClient: boolean) => x.conn.segments.find((s) => s.fromClient === fromClient)?.line;
  const [mine, theirs] = [first(v, true), first(other, true)];
  if (mine !== undefined && theirs !== undefined && mine !== theirs) return mine < theirs;
  const [myServer, theirServer] = [first(v, false), first(other, false)];
  if (myServer !== undefined && theirServer !== undefined && myServer !== theirServer) return myServer > theirServer;
  return v.conn.lines[0] < other.conn.lines[0];
}

/** The address that both accepts and opens the most connections (min of the two counts). */
function boxAddress(views: ConnView[]): string | undefined {
  const asServer = new Map<string, number>();
  const asClient = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const v of views) {
    if (v.conn.client.host === v.conn.server.host) continue;
    bump(asServer, v.conn.server.host);
    bump(asClient, v.conn.client.host);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [host, n] of asServer) {
    const both = Math.min(n, asClient.get(host) ?? 0);
    if (both > bestCount) [best, bestCount] = [host, both];
  }
  return best;
}

/** One clock: a relayed exchange nests in its cause with no offset at all. */
const SAME_CLOCK = { dLo: -2e-6, dHi: 2e-6, dMid: 0 };

function bySideOfNesting(views: ConnView[]) {
  const servers = new Map<string, ConnView[]>();
  for (const v of views) servers.set(v.conn.server.host, [...(servers.get(v.conn.server.host) ?? []), v]);
  const front: ConnView[] = [];
  const back: ConnView[] = [];
  for (const [host, group] of servers) {
    const others = views.filter((v) => v.conn.server.host !== host);
    (isBackLeg(group, others) ? back : front).push(...group);
  }
  return { front, back };
}

/**
 * A server's connections are the back leg when their exchanges nest in the others' more than
 * the other way round, and their clients are none of the others' clients: the box's backend
 * address opens them. (A client talking to two servers at once nests by chance; its own
 * address on both sides gives it away.)
 */
function isBackLeg(group: ConnView[], others: ConnView[]): boolean {
  const otherClients = new Set(others.map((v) => v.conn.client.host));
  if (group.some((v) => otherClients.has(v.conn.client.host))) return false;
  const inside = nested(others, group);
  return inside > 0 && inside > nested(group, others);
}

/** How many exchanges of `inner` fit inside an exchange of `outer`. */
function nested(outer: ConnView[], inner: ConnView[]): number {
  const o = roundTable(outer, new Set());
  const i = roundTable(inner, new Set());
  const backSyn = new Float64Array(i.n).fill(NaN);
  const c = relayCandidates({ front: o, back: i, backSyn, range: SAME_CLOCK, stats: DEFAULT_STATS, maxRelay: 2, slow: false });
  let n = 0;
  for (let b = 0; b < i.n; b++) if (c.start[b + 1] > c.start[b]) n++;
  return n;
}

/** Same name (evidence cites lines of the one file), only this leg's connections. */
function subCapture(capture: Capture, views: ConnView[]): Capture {
  const connections: Connection[] = views.map((v) => v.conn).sort((a, b) => a.lines[0] - b.lines[0]);
  return { name: capture.name, stats: { ...capture.stats, connections: connections.length }, connections };
}
