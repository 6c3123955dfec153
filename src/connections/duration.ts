/**
 * Time between two printed packets, in milliseconds, at the precision of their timestamps:
 * microsecond stamps give whole microseconds (0.052 ms), nanosecond stamps whole nanoseconds
 * (0.052123 ms), with no float noise (never 0.051999999).
 *
 * The earlier packet's time is kept as a stamp of STAMP_WIDTH numbers in its connection's
 * record (record-pool.ts): what a difference needs of it, its `t` and its text's fraction
 * (time-code.ts).
 */
import type { SegmentView } from "./view.js";

/** A stamp's numbers: its fraction's digit count (or one of the codes below), `t`, the fraction in nanoseconds. */
export const STAMP_WIDTH = 3;
const DIGITS = 0;
const T = 1;
const NANOS = 2;
/** DIGITS codes: no stamp; a packet without `t`; a time text without a fraction. */
const NO_STAMP = NaN;
const NO_T = -2;
const NO_FRACTION = -1;

/** Unix seconds are above this; time of day and deltas (all under 10^6 s) are far below. */
const EPOCH_SCALE = 1e8;
/** 10 to the power of 0 to 9. */
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Keeps the packet's time as the stamp at `at` of `r`. */
export function keepStamp(r: Float64Array, at: number, v: SegmentView): void {
  const digits = v.time.fraction();
  if (Number.isNaN(v.t)) r[at + DIGITS] = NO_T;
  else if (digits < 0) r[at + DIGITS] = NO_FRACTION;
  else {
    r[at + DIGITS] = digits;
    r[at + T] = v.t;
    r[at + NANOS] = v.time.nanos;
  }
}

export const hasStamp = (r: Float64Array, at: number): boolean => !Number.isNaN(r[at + DIGITS]);

export function dropStamp(r: Float64Array, at: number): void {
  r[at + DIGITS] = NO_STAMP;
}

/**
 * Nanoseconds from a to b. For Unix-time stamps (-tt, -tttt) a double holds `t` only to about
 * 0.2 µs, so the fraction is taken from the text and only the whole seconds from `t`; the
 * smaller time-of-day and delta values are exact enough as doubles.
 */
function elapsedNanos(ta: number, tb: number, na: number, nb: number): number {
  const dt = tb - ta;
  if (Math.abs(ta) < EPOCH_SCALE || Math.abs(tb) < EPOCH_SCALE) return Math.round(dt * 1e9);
  const fractionNanos = nb - na;
  const wholeSeconds = Math.round(dt - fractionNanos / 1e9);
  return wholeSeconds * 1e9 + fractionNanos;
}

/** Milliseconds from the stamp at `at` of `r` to the packet; undefined without a stamp, or when either lacks a time with a fraction. */
export function elapsedMsSince(r: Float64Array, at: number, v: SegmentView): number | undefined {
  const da = r[at + DIGITS];
  // NaN compares false: no stamp is no difference, as are the codes below 0.
  if (!(da >= 0) || Number.isNaN(v.t)) return undefined;
  const ta = r[at + T];
  const db = v.time.fraction();
  if (db < 0) return undefined;
  // The coarser of the two stamps sets the unit: 1000 ns for microseconds, 1 ns for nanoseconds.
  const unit = POWERS[9 - Math.min(9, da, db)];
  const nanos = Math.round(elapsedNanos(ta, v.t, r[at + NANOS], v.time.nanos) / unit) * unit;
  return nanos / 1e6;
}
