import { DEFAULT_STATS, type RelayStats, type Typical } from "./relay-score.js";
import type { RoundLink } from "./relay-pairing.js";

/** Fewer pairs than this say too little about spread or size habits: keep the defaults. */
const MIN_PAIRS = 3;
/** Timestamps are microseconds; a spread below this is measurement noise. */
const MIN_SCALE = 0.0001;

/**
 * What a pass says about this proxy: its typical added time, request delay and answer delay
 * (median, and the normal-consistent median absolute deviation as the scale) with the delays
 * re-read at the refined offset, and whether it keeps request and response sizes (most pairs
 * equal). A delay's weight is the log of how many of its spreads fit in the candidate window
 * (`window`, seconds), between 0.5 and 4: a delay that is always the same within 0.2 ms picks
 * the partner out of a 50 ms window of candidates; one that varies by 100 ms hardly does.
 */
export function learnStats(links: RoundLink[], offset: number | undefined, window: number): RelayStats {
  if (links.length === 0) return DEFAULT_STATS;
  const shift = (l: RoundLink) => (offset === undefined ? 0 : l.terms.offset - offset);
  const enough = links.length >= MIN_PAIRS;
  const typical = (values: number[], loose: Typical): Typical => {
    if (values.length === 0) return loose;
    const med = median(values);
    if (!enough) return { ...loose, med };
    const scale = Math.max(MIN_SCALE, 1.4826 * median(values.map((v) => Math.abs(v - med))));
    return { med, scale, weight: Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, Math.log(window / (2 * scale)))) };
  };
  return {
    overhead: typical(links.flatMap((l) => (l.terms.overhead === undefined ? [] : [l.terms.overhead])), DEFAULT_STATS.overhead),
    relay: typical(links.map((l) => l.terms.relay + shift(l)), DEFAULT_STATS.relay),
    answer: typical(links.flatMap((l) => (l.terms.answer === undefined ? [] : [l.terms.answer - shift(l)])), DEFAULT_STATS.answer),
    respSizeKept: enough && mostly(links.filter((l) => l.terms.overhead !== undefined).map((l) => l.terms.respSize > 0)),
    reqSizeKept: enough && mostly(links.map((l) => l.terms.reqSize > 0)),
  };
}

const MIN_WEIGHT = 0.5;
const MAX_WEIGHT = 4;

function median(values: number[]): number {
  // Numeric typed sort (no comparator calls): the same order, but -0 before 0, which no use
  // of the median can tell apart (it is only ever subtracted and taken absolute).
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mostly(flags: boolean[]): boolean {
  return flags.length > 0 && flags.filter(Boolean).length * 2 >= flags.length;
}
