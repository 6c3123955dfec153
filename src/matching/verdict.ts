import type { Evidence, EvidenceKind, Match, MatchKind, NatType, Verdict, VerdictKind } from "./types.js";
import { evidence, plural } from "./describe.js";

/** A match with what the verdict needs beyond it. */
export interface JudgedMatch {
  match: Match;
  natType?: NatType;
}

/** A kind must account for this share of the (confidence-weighted) pairs to be the verdict. */
const MAJORITY = 0.9;

const VERDICT_OF: Record<MatchKind, VerdictKind> = { proxy: "reverse-proxy", nat: "nat", direct: "direct" };

/**
 * The overall verdict: the kind that nearly all confident pairs share, else `mixed`; `unknown`
 * without pairs. Its evidence repeats each kind of reason once, with how many pairs show it.
 */
export function verdictOf(judged: JudgedMatch[], context: Evidence[], unmatchedText: string): Verdict {
  const weight: Record<MatchKind, number> = { proxy: 0, nat: 0, direct: 0 };
  for (const j of judged) weight[j.match.kind] += j.match.confidence;
  const total = weight.proxy + weight.nat + weight.direct;
  if (total === 0) {
    return { kind: "unknown", confidence: 0, summary: `Unknown: no backend connection matches a client connection. ${unmatchedText}`, evidence: context };
  }
  const lead = (Object.keys(weight) as MatchKind[]).sort((a, b) => weight[b] - weight[a])[0];
  const share = weight[lead] / total;
  const kinds = (Object.keys(weight) as MatchKind[]).filter((k) => weight[k] > 0);
  const kind: VerdictKind = share >= MAJORITY ? VERDICT_OF[lead] : "mixed";
  const natType = kind === "nat" || (kind === "mixed" && weight.nat > 0) ? natTypeOf(judged) : undefined;
  const counted = kind === "mixed" ? kinds : [lead];
  const confidence = kind === "mixed" ? Math.min(...kinds.map((k) => certainty(judged, k))) : share * certainty(judged, lead);
  return {
    kind,
    ...(natType ? { natType } : {}),
    confidence: Math.round(confidence * 1000) / 1000,
    summary: `${headline(kind, natType, judged)} ${unmatchedText}`,
    evidence: [...counted.flatMap((k) => summarise(judged.filter((j) => j.match.kind === k).map((j) => j.match))), ...context],
  };
}

/** How sure that at least one pair of this kind is what it says: 1 - product of doubts. */
function certainty(judged: JudgedMatch[], kind: MatchKind): number {
  return 1 - judged.filter((j) => j.match.kind === kind).reduce((p, j) => p * (1 - j.match.confidence), 1);
}

function natTypeOf(judged: JudgedMatch[]): NatType {
  const full = judged.filter((j) => j.natType === "full-nat").length;
  const nat = judged.filter((j) => j.match.kind === "nat").length;
  return full * 2 > nat ? "full-nat" : "dnat";
}

function headline(kind: VerdictKind, natType: NatType | undefined, judged: JudgedMatch[]): string {
  const count = (k: MatchKind) => judged.filter((j) => j.match.kind === k).length;
  switch (kind) {
    case "reverse-proxy":
      return `Reverse proxy: ${plural(count("proxy"), "client connection")} matched to ${count("proxy") === 1 ? "a backend connection" : "backend connections"} the middle box opened itself (its own handshake and address).`;
    case "nat":
      return natType === "full-nat"
        ? `NAT (full NAT): ${plural(count("nat"), "client connection")} reached the backend with their own handshake (same ISNs), source and destination rewritten.`
        : `NAT (DNAT): ${plural(count("nat"), "client connection")} reached the backend with their own handshake (same ISNs) and source address; only the destination was rewritten.`;
    case "direct":
      return `Direct: ${plural(count("direct"), "connection")} appear unchanged on both sides.`;
    default:
      return `Mixed: ${count("nat")} passed through a NAT${natType ? ` (${natType === "dnat" ? "DNAT" : "full NAT"})` : ""}, ${count("proxy")} were proxied, ${count("direct")} unchanged.`;
  }
}

/** One item per evidence kind and sign: how many of the pairs show it, and the first example. */
function summarise(matches: Match[]): Evidence[] {
  // By sign (-1, 0, 1, NaN), then kind; `order` keeps the groups in order of first appearance.
  const bySign = [0, 1, 2, 3].map(() => new Map<EvidenceKind, SummaryGroup>());
  const order: SummaryGroup[] = [];
  for (const m of matches) {
    for (const e of m.evidence) {
      const sign = Math.sign(e.weight);
      const groups = bySign[Number.isNaN(sign) ? 3 : sign + 1];
      let g = groups.get(e.kind);
      if (!g) {
        g = { first: e, pairs: 0, lastPair: undefined, sum: 0, count: 0 };
        groups.set(e.kind, g);
        order.push(g);
      }
      // A pair's evidence comes together: a new pair is one not seen just before.
      if (g.lastPair !== m) {
        g.pairs++;
        g.lastPair = m;
      }
      g.sum += e.weight;
      g.count++;
    }
  }
  return order.map((g) => evidence(g.first.kind, g.sum / g.count, `${g.pairs} of ${plural(matches.length, "pair")}: ${g.first.text}`, g.first.cites));
}

interface SummaryGroup {
  first: Evidence;
  /** How many pairs show it; the last pair counted. */
  pairs: number;
  lastPair: Match | undefined;
  /** Sum of the weights, added in order, and how many. */
  sum: number;
  count: number;
}
