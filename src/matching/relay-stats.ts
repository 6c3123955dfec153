import { DEFAULT_STATS, type RelayStats } from "./relay-score.js";
import type { RoundLink } from "./relay-pairing.js";

/** Fewer pairs than this say too little about spread or size habits: keep the defaults. */
const MIN_PAIRS = 3;
/** Timestamps are microseconds; a spread below this is measurement noise. */
const MIN_SCALE = 0.0001;

/**
 * What the first pass says about this proxy: its typical added time, request delay and answer
 * delay (median, and the normal-consistent median absolute deviation as the scale) with
 * the delays re-read at the refined offset, and whether it keeps request and response sizes
 * (most pairs equal).
 */
export function learnStats(links: RoundLink[], offset: number | undefined): RelayStats {
  if (links.length === 0) return DEFAULT_STATS;
  const shift = (l: RoundLink) => (offset === undefined ? 0 : l.terms.offset - offset);
  const overheads = links.flatMap((l) => (l.terms.overhead === undefined ? [] : [l.terms.overhead]));
  const relays = links.map((l) => l.terms.relay + shift(l));
  const answers = links.flatMap((l) => (l.terms.answer === undefined ? [] : [l.terms.answer - shift(l)]));
  const enough = links.length >= MIN_PAIRS;
  const [overheadMed, overheadScale] = center(overheads, DEFAULT_STATS.overheadMed, DEFAULT_STATS.overheadScale, enough);
  const [relayMed, relayScale] = center(relays, DEFAULT_STATS.relayMed, DEFAULT_STATS.relayScale, enough);
  const [answerMed, answerScale] = center(answers, DEFAULT_STATS.answerMed, DEFAULT_STATS.answerScale, enough);
  return {
    overheadMed,
    overheadScale,
    relayMed,
    relayScale,
    answerMed,
    answerScale,
    respSizeKept: enough && mostly(links.filter((l) => l.terms.overhead !== undefined).map((l) => l.terms.respSize > 0)),
    reqSizeKept: enough && mostly(links.map((l) => l.terms.reqSize > 0)),
  };
}

function center(values: number[], med0: number, scale0: number, enough: boolean): [number, number] {
  if (values.length === 0) return [med0, scale0];
  const med = median(values);
  if (!enough) return [med, scale0];
  const mad = median(values.map((v) => Math.abs(v - med)));
  return [med, Math.max(MIN_SCALE, 1.4826 * mad)];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mostly(flags: boolean[]): boolean {
  return flags.length > 0 && flags.filter(Boolean).length * 2 >= flags.length;
}
