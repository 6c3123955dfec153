import type { Capture } from "../connections/types.js";
import type { ClockEstimate, Evidence, Match, MatchOptions, MatchResult } from "./types.js";
import { viewOf, type ConnView } from "./events.js";
import { sequenceLinks, type SequenceLink } from "./sequence-links.js";
import { pairRounds, type Pairing, type RoundLink } from "./relay-pairing.js";
import { kindEvidence } from "./kind-evidence.js";
import { natTimingEvidence, relayEvidence, reuseEvidence } from "./timing-evidence.js";
import { verdictOf, type JudgedMatch } from "./verdict.js";
import { cite, evidence, plural, round } from "./describe.js";

/**
 * Pairs the connections of a client-facing capture (`front`) with those of a backend capture
 * (`back`) and says what sits between them (docs/matching.md). Pure: no I/O.
 */
export function matchCaptures(front: Capture, back: Capture, opts: MatchOptions = {}): MatchResult {
  const fv = front.connections.map((c) => viewOf(c, front.name));
  const bv = back.connections.map((c) => viewOf(c, back.name));
  const seq = sequenceLinks(fv, bv);
  const pairing = pairRounds(fv, bv, seq, opts);
  const judged = [
    ...seq.map((l) => judgeSequence(fv[l.f], bv[l.b], l, pairing.offset)),
    ...judgeRelays(fv, bv, pairing.links),
  ].sort((x, y) => x.order - y.order);
  const matchedF = new Set(judged.map((j) => j.f));
  const matchedB = new Set(judged.map((j) => j.b));
  const lonelyF = fv.filter((_, i) => !matchedF.has(i));
  const lonelyB = bv.filter((_, i) => !matchedB.has(i));
  const clock = clockOf(pairing, seq.length);
  const context = [...(clock ? [clockEvidence(clock)] : []), ...unmatchedEvidence(lonelyF, lonelyB)];
  return {
    matches: judged.map((j) => j.match),
    unmatched: { front: lonelyF.map((v) => v.conn.id), back: lonelyB.map((v) => v.conn.id) },
    ...(clock ? { clock } : {}),
    verdict: verdictOf(judged, context, unmatchedText(lonelyF, lonelyB)),
  };
}

interface Judged extends JudgedMatch {
  f: number;
  b: number;
  order: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Pairing confidence times how clearly the handshakes show the kind (a prior of +1 for it). */
function matchOf(f: ConnView, b: ConnView, kind: Match["kind"], pairing: number, extra: Evidence[]): Match {
  const kinds = kindEvidence(f, b, kind);
  const confidence = pairing * sigmoid(1 + kinds.reduce((s, e) => s + e.weight, 0));
  return { front: f.conn.id, back: b.conn.id, kind, confidence: round(confidence, 3), evidence: [...kinds, ...extra] };
}

function judgeSequence(f: ConnView, b: ConnView, l: SequenceLink, offset: number | undefined): Judged {
  const timing = natTimingEvidence(f, b, offset);
  const match = matchOf(f, b, l.kind, l.by === "isn" ? 0.999 : 0.99, timing ? [timing] : []);
  const natType = l.kind === "nat" ? (f.conn.client.host === b.conn.client.host ? "dnat" : "full-nat") : undefined;
  return { match, natType, f: l.f, b: l.b, order: l.f };
}

function judgeRelays(fv: ConnView[], bv: ConnView[], links: RoundLink[]): Judged[] {
  const groups = new Map<number, RoundLink[]>();
  // How many client connections each backend connection carried: one group per pair.
  const clients = new Int32Array(bv.length);
  for (const l of links) {
    const key = l.f * bv.length + l.b;
    const group = groups.get(key);
    if (group) group.push(l);
    else {
      groups.set(key, [l]);
      clients[l.b]++;
    }
  }
  return [...groups.values()].map((g) => {
    const { f, b } = g[0];
    const sorted = g.length > 1 ? [...g].sort((x, y) => x.fr - y.fr) : g;
    const pairing = 1 - g.reduce((p, l) => p * (1 - l.confidence), 1);
    const reuse = reuseEvidence(bv[b], clients[b]);
    const match = matchOf(fv[f], bv[b], "proxy", pairing, [...relayEvidence(fv[f], bv[b], sorted), ...(reuse ? [reuse] : [])]);
    return { match, f, b, order: f };
  });
}

function clockOf(p: Pairing, sequencePairs: number): ClockEstimate | undefined {
  if (p.offset === undefined) return undefined;
  const pairs = sequencePairs + p.links.length;
  const basis = [
    p.basis === "given"
      ? "offset given by the caller (0 when both legs come from one capture)"
      : p.basis === "sequence"
        ? `anchored on ${plural(sequencePairs, "connection")} seen on both legs (same sequence numbers)`
        : "searched over all request/response timings (the clocks may be far apart)",
    `bounded by causality over ${plural(pairs, "matched pair")}: a request reaches the backend after the client sent it, an answer reaches the client after the backend sent it`,
    ...(p.bounds.lazyUsed ? ["and the proxy opened each backend connection after the client's request arrived"] : []),
    ...(p.bounds.dropped.size > 0 ? [`${plural(p.bounds.dropped.size, "pair")} contradicting the others left out`] : []),
  ].join("; ");
  return {
    offsetMs: round(p.offset * 1000, 3),
    ...(p.bounds.lo !== undefined ? { lowMs: round(p.bounds.lo * 1000, 3) } : {}),
    ...(p.bounds.hi !== undefined ? { highMs: round(p.bounds.hi * 1000, 3) } : {}),
    basis,
  };
}

function clockEvidence(c: ClockEstimate): Evidence {
  const span = c.lowMs !== undefined && c.highMs !== undefined ? `${c.lowMs} to ${c.highMs} ms` : `${c.offsetMs} ms`;
  return evidence("clock", 0, `backend clock minus front clock: ${span} (${c.basis})`, []);
}

const MAX_CITES = 5;

function unmatchedEvidence(lonelyF: ConnView[], lonelyB: ConnView[]): Evidence[] {
  const items: Evidence[] = [];
  const silent = lonelyF.filter((v) => v.rounds.length === 0);
  const talking = lonelyF.filter((v) => v.rounds.length > 0);
  const cites = (vs: ConnView[]) => vs.slice(0, MAX_CITES).flatMap((v) => cite(v, v.conn.lines[0]));
  const ids = (vs: ConnView[]) => vs.slice(0, MAX_CITES).map((v) => v.conn.id).join(", ") + (vs.length > MAX_CITES ? ", ..." : "");
  if (silent.length > 0) {
    items.push(evidence("unmatched", 0, `${plural(silent.length, "client connection")} sent no request, so nothing was relayed (e.g. a browser's spare connection): ${ids(silent)}`, cites(silent)));
  }
  if (talking.length > 0) {
    items.push(evidence("unmatched", 0, `${plural(talking.length, "client connection")} with requests fit no backend connection: ${ids(talking)}`, cites(talking)));
  }
  if (lonelyB.length > 0) {
    items.push(evidence("unmatched", 0, `${plural(lonelyB.length, "backend connection")} fit no client connection (health checks, or clients outside the capture): ${ids(lonelyB)}`, cites(lonelyB)));
  }
  return items;
}

function unmatchedText(lonelyF: ConnView[], lonelyB: ConnView[]): string {
  return `Unmatched: ${plural(lonelyF.length, "client connection")}, ${plural(lonelyB.length, "backend connection")}.`;
}
