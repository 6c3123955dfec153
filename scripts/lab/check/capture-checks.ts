import { endpointKey, findByEndpoints, showEndpoint as show } from "./endpoints.js";
import type { CheckResults } from "./results.js";
import { CAPTURE_SIDES, type Scenario } from "./scenario.js";
import { countStatuses, type TsharkConnection } from "./tshark-connections.js";
import type { Side } from "./truth.js";

/**
 * The captures against the ground truth, both read independently: tshark's handshakes against
 * what curl, haproxy, the backend and conntrack recorded.
 */
export function checkCaptures(s: Scenario, r: CheckResults): void {
  for (const side of CAPTURE_SIDES) r.equal(`${side}: tcpdump dropped no packets`, s.truth.captures[side].droppedByKernel, 0);
  for (const side of ["front", "back"] as Side[]) checkSide(s, side, r);
  checkPairs(s, r);
  checkIsnLinks(s, r);
  checkAnyLegs(s, r);
  checkSynRetries(s, r);
}

function checkSide(s: Scenario, side: Side, r: CheckResults): void {
  const conns = s.tshark[side].conns;
  r.equal(`${side}: handshake statuses (tshark) = the lab's logs`, countStatuses(conns), s.truth.expected.handshakes[side]);
  const wrong = s.truth.connections[side].flatMap((t) => {
    const c = findByEndpoints(conns, t.client, t.server);
    const label = `${show(t.client)}->${show(t.server)}`;
    if (!c) return [`${label} not in the capture`];
    return c.status === t.status ? [] : [`${label} is ${c.status}, expected ${t.status}`];
  });
  r.check(`${side}: each logged connection is in the capture with its status`, wrong.length === 0, listed(wrong, s.truth.connections[side].length));
}

/** Proxy pairs: two handshakes, all ISNs differ. NAT pairs: one handshake, both ISNs equal. */
function checkPairs(s: Scenario, r: CheckResults): void {
  const wrong = s.truth.pairs.flatMap((p) => {
    const f = findByEndpoints(s.tshark.front.conns, p.front.client, p.front.server);
    const b = findByEndpoints(s.tshark.back.conns, p.back.client, p.back.server);
    const label = `${p.kind} ${show(p.front.client)} / ${show(p.back.client)}`;
    if (!f || !b) return [`${label}: ${f ? "back" : "front"} leg missing`];
    const same = f.clientIsn === b.clientIsn && f.serverIsn === b.serverIsn;
    const differ = f.clientIsn !== b.clientIsn && f.serverIsn !== b.serverIsn;
    const ok = p.kind === "nat" ? same : differ;
    return ok ? [] : [`${label}: ISNs ${f.clientIsn}/${f.serverIsn} front, ${b.clientIsn}/${b.serverIsn} back`];
  });
  r.check("pairs: ISNs differ across each proxy pair, equal across each NAT pair", wrong.length === 0, listed(wrong, s.truth.pairs.length));
}

/**
 * Without the logs: the connections tshark finds sharing a client ISN across the two captures
 * must be exactly the NAT pairs the logs name (a proxy's ISNs are its own).
 */
function checkIsnLinks(s: Scenario, r: CheckResults): void {
  const backByIsn = new Map<number, TsharkConnection[]>();
  for (const b of s.tshark.back.conns) {
    if (b.clientIsn !== undefined) backByIsn.set(b.clientIsn, [...(backByIsn.get(b.clientIsn) ?? []), b]);
  }
  const found = s.tshark.front.conns
    .flatMap((f) => (f.clientIsn === undefined ? [] : (backByIsn.get(f.clientIsn) ?? []).map((b) => linkKey(f, b))))
    .sort();
  const expected = s.truth.pairs
    .filter((p) => p.kind === "nat")
    .map((p) => `${endpointKey(p.front.client)}>${p.back.client.host}`)
    .sort();
  r.equal("tshark: connections sharing a client ISN across the captures = the NAT pairs", found, expected);
}

/** Keyed by the back client's host only: without conntrack a full NAT's source port is unknown. */
function linkKey(f: TsharkConnection, b: TsharkConnection): string {
  return `${endpointKey(f.client)}>${b.client.host}`;
}

/** The -i any capture on the middle box holds both legs of each pair, with the same ISNs. */
function checkAnyLegs(s: Scenario, r: CheckResults): void {
  const legs = s.truth.pairs.flatMap((p) => [
    { side: "front" as Side, client: p.front.client, server: p.front.server },
    { side: "back" as Side, client: p.back.client, server: p.back.server },
  ]);
  const wrong = legs.flatMap((leg) => {
    const inSide = findByEndpoints(s.tshark[leg.side].conns, leg.client, leg.server);
    const inAny = findByEndpoints(s.tshark.any.conns, leg.client, leg.server);
    const label = `${leg.side} leg ${show(leg.client)}->${show(leg.server)}`;
    if (!inAny) return [`${label} missing`];
    return inAny.clientIsn === inSide?.clientIsn && inAny.serverIsn === inSide?.serverIsn ? [] : [`${label}: other ISNs`];
  });
  r.check("any: both legs of every pair, same ISNs as the front and back captures", wrong.length === 0, listed(wrong, legs.length));
}

/** A SYN nobody answers is sent again: the client retransmits until curl gives up. */
function checkSynRetries(s: Scenario, r: CheckResults): void {
  for (const t of s.truth.connections.front.filter((c) => c.status === "unanswered")) {
    const c = findByEndpoints(s.tshark.front.conns, t.client, t.server);
    r.check(`front: unanswered ${show(t.server)} retransmitted its SYN`, (c?.synAttempts ?? 0) >= 2, `${c?.synAttempts ?? 0} SYNs`);
  }
}

/** A failure list for the detail line: the first few, and how many were checked. */
export function listed(wrong: string[], checked: number): string {
  if (wrong.length === 0) return `${checked} checked`;
  const more = wrong.length > 5 ? ` (+${wrong.length - 5} more)` : "";
  return `${wrong.length} of ${checked}: ${wrong.slice(0, 5).join("; ")}${more}`;
}
