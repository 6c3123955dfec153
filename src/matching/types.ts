/**
 * What matching two captures produces, as `hs-report --json` prints it next to `captures`
 * (docs/matching.md explains how the evidence is weighed).
 */

/** A printed packet the evidence rests on. */
export interface Cite {
  file: string;
  line: number;
}

/** What an evidence item is about. */
export type EvidenceKind =
  | "isn"
  | "sequence"
  | "client-address"
  | "ttl"
  | "syn-options"
  | "timestamps"
  | "timing"
  | "request-size"
  | "response-size"
  | "reuse"
  | "clock"
  | "unmatched";

/**
 * One reason, in plain words. `weight` is its signed contribution to the score of the claim it
 * is attached to (a pair and its kind, or the verdict), in log-odds units: +3 strong, +1 weak,
 * negative against.
 */
export interface Evidence {
  kind: EvidenceKind;
  weight: number;
  text: string;
  cites: Cite[];
}

/**
 * `nat`: one handshake passed through a translating box (same ISN on both legs).
 * `proxy`: the middle box made its own connection to the backend.
 * `direct`: the same connection, unchanged, seen on both sides.
 */
export type MatchKind = "nat" | "proxy" | "direct";

export interface Match {
  /** Connection ids from `captures`. */
  front: string;
  back: string;
  kind: MatchKind;
  /** How sure the pairing and its kind are, 0..1. */
  confidence: number;
  evidence: Evidence[];
}

/**
 * Back clock minus front clock, in milliseconds: a back time minus this offset is the same
 * instant on the front clock. `lowMs`/`highMs` bound it by causality; a side is absent when no
 * event pair bounds it.
 */
export interface ClockEstimate {
  offsetMs: number;
  lowMs?: number;
  highMs?: number;
  /** How the offset was found, in plain words. */
  basis: string;
}

export type VerdictKind = "reverse-proxy" | "nat" | "mixed" | "direct" | "unknown";

export type NatType = "dnat" | "full-nat";

export interface Verdict {
  kind: VerdictKind;
  natType?: NatType;
  confidence: number;
  summary: string;
  evidence: Evidence[];
}

export interface MatchResult {
  matches: Match[];
  unmatched: { front: string[]; back: string[] };
  /** Absent when no pair of events ties the two clocks together. */
  clock?: ClockEstimate;
  verdict: Verdict;
}

export interface MatchOptions {
  /**
   * Known back-minus-front clock offset in milliseconds (0 when both legs come from one file,
   * as `splitLegs` produces); skips the offset search.
   */
  clockOffsetMs?: number;
  /**
   * The longest a client's request may wait before the backend sees it, in milliseconds
   * (default: learned from the captures, at most 2000).
   */
  maxRelayMs?: number;
}
