import type { Capture, Connection } from "../connections/types.js";
import { viewOf, type ConnView } from "./events.js";
import { keysOf, sameEndpoint } from "./sequence-links.js";
import { backendBound, proxyLegs } from "./proxy-legs.js";

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
 * 4. A connection neither rule places (nothing relayed over it: a health check, a refused SYN)
 *    is on the back leg when the box opened it (from an address it uses on either leg) or it
 *    goes to a service port only the back leg uses (the box may have one address per family);
 *    else on the front leg, or left out when the box's address is known and it does not
 *    involve it (the box's own traffic).
 */
export function splitLegs(capture: Capture): Legs {
  const views = capture.connections.map((c) => viewOf(c, capture.name));
  const { front, back, rest } = natCopies(views);
  const proxied = proxyLegs(rest);
  // loops, not push(...): a spread of 200,000 connections overflows the stack
  for (const v of proxied.front) front.push(v);
  for (const v of proxied.back) back.push(v);
  const toBackend = backendBound(front, back);
  for (const v of proxied.undecided) (toBackend(v) ? back : front).push(v);
  for (const v of proxied.outside) if (toBackend(v)) back.push(v);
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

/** Same name (evidence cites lines of the one file), only this leg's connections. */
function subCapture(capture: Capture, views: ConnView[]): Capture {
  const connections: Connection[] = views.map((v) => v.conn).sort((a, b) => a.lines[0] - b.lines[0]);
  return { name: capture.name, stats: { ...capture.stats, connections: connections.length }, connections };
}
