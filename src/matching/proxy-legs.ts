import type { ConnView } from "./events.js";
import { roundTable } from "./rounds.js";
import { relayCandidates } from "./relay-candidates.js";
import { DEFAULT_STATS } from "./relay-score.js";

/**
 * The legs of a proxy's connections in one capture from the box: `front` and `back` where
 * the addresses or the timing say so, `undecided` where nothing does (for
 * `backendBound`, then the front leg), `outside` where the box's address is known and the
 * connection does not involve it (for `backendBound`, else left out).
 */
export interface ProxyLegs {
  front: ConnView[];
  back: ConnView[];
  undecided: ConnView[];
  outside: ConnView[];
}

/**
 * An address that both accepts and opens connections is the box's: connections it serves are
 * the front leg, those it opens the back leg. A box with one address per leg shares none:
 * its legs are told apart by the nesting of exchanges (`bySideOfNesting`).
 */
export function proxyLegs(views: ConnView[]): ProxyLegs {
  const box = boxAddress(views);
  if (box === undefined) return bySideOfNesting(views);
  const legs: ProxyLegs = { front: [], back: [], undecided: [], outside: [] };
  for (const v of views) {
    if (v.conn.server.host === box) legs.front.push(v);
    else if (v.conn.client.host === box) legs.back.push(v);
    else legs.outside.push(v);
  }
  return legs;
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

/**
 * Per server address: its connections are the back leg when their exchanges nest inside the
 * others' more than the other way round (a relayed exchange nests inside the one that caused
 * it: the client's request before the backend's, the backend's answer before the client's)
 * and their clients are none of the others' clients: the box's backend address opens them.
 * A client talking to two servers at once nests by chance; its own address on both sides
 * gives it away (front). A server whose exchanges nest neither way (health checks, refused
 * SYNs) is undecided.
 */
function bySideOfNesting(views: ConnView[]): ProxyLegs {
  const servers = new Map<string, ConnView[]>();
  /** Connections per client address, to tell whether a client also talks to other servers. */
  const clients = new Map<string, number>();
  for (const v of views) {
    const group = servers.get(v.conn.server.host);
    if (group) group.push(v);
    else servers.set(v.conn.server.host, [v]);
    clients.set(v.conn.client.host, (clients.get(v.conn.client.host) ?? 0) + 1);
  }
  const legs: ProxyLegs = { front: [], back: [], undecided: [], outside: [] };
  for (const [host, group] of servers) {
    const inGroup = new Map<string, number>();
    for (const v of group) inGroup.set(v.conn.client.host, (inGroup.get(v.conn.client.host) ?? 0) + 1);
    if ([...inGroup].some(([client, n]) => clients.get(client)! > n)) {
      append(legs.front, group);
      continue;
    }
    const others = views.filter((v) => v.conn.server.host !== host);
    const inside = nested(others, group);
    const outside = nested(group, others);
    append(inside > outside ? legs.back : inside === 0 && outside === 0 ? legs.undecided : legs.front, group);
  }
  return legs;
}

/** push(...group) would pass every connection as an argument: too many for the stack on a large capture. */
function append(to: ConnView[], group: readonly ConnView[]): void {
  for (const v of group) to.push(v);
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

/**
 * Whether a connection nothing pairs belongs to the back leg all the same: opened by the box
 * (an address the front leg's clients reach it at, or one its backend connections come from)
 * or toward a service port of the back leg that no front connection uses (a health check from
 * the box's IPv6 address when the relayed traffic is IPv4; port 0, a name tcpdump printed that
 * was not looked up, says nothing). A client of the front leg opens front connections.
 */
export function backendBound(front: ConnView[], back: ConnView[]): (v: ConnView) => boolean {
  const frontClients = new Set(front.map((v) => v.conn.client.host));
  const box = new Set([...front.map((v) => v.conn.server.host), ...back.map((v) => v.conn.client.host)]);
  const frontPorts = new Set(front.map((v) => v.conn.server.port));
  const backPorts = new Set(back.map((v) => v.conn.server.port).filter((p) => p !== 0 && !frontPorts.has(p)));
  return (v) => !frontClients.has(v.conn.client.host) && (box.has(v.conn.client.host) || backPorts.has(v.conn.server.port));
}
