/**
 * Time between two printed packets, in milliseconds, at the precision of their timestamps:
 * microsecond stamps give whole microseconds (0.052 ms), nanosecond stamps whole nanoseconds
 * (0.052123 ms), with no float noise (never 0.051999999).
 */
import { detached } from "./detach.js";
import type { SegmentView } from "./view.js";

/** What a time difference needs from a packet: its `t` (seconds) and its time text. */
export interface Stamp {
  t?: number;
  time?: string;
}

/** A packet's time kept for later differences (its text a copy, not a slice of the input). */
export const stampOf = (v: SegmentView): Stamp => ({ t: v.p.t, time: detached(v.p.time) });

/** Unix seconds are above this; time of day and deltas (all under 10^6 s) are far below. */
const EPOCH_SCALE = 1e8;
const FRACTION = /\.(\d+)(?!.*\.\d)/;

function fractionDigits(time: string | undefined): string | undefined {
  return time === undefined ? undefined : FRACTION.exec(time)?.[1];
}

const toNanos = (digits: string): number => Number(digits.padEnd(9, "0").slice(0, 9));

/**
 * Nanoseconds from a to b. For Unix-time stamps (-tt, -tttt) a double holds `t` only to about
 * 0.2 µs, so the fraction is taken from the text and only the whole seconds from `t`; the
 * smaller time-of-day and delta values are exact enough as doubles.
 */
function elapsedNanos(a: Stamp, b: Stamp, fa: string, fb: string): number {
  const dt = b.t! - a.t!;
  if (Math.abs(a.t!) < EPOCH_SCALE || Math.abs(b.t!) < EPOCH_SCALE) return Math.round(dt * 1e9);
  const fractionNanos = toNanos(fb) - toNanos(fa);
  const wholeSeconds = Math.round(dt - fractionNanos / 1e9);
  return wholeSeconds * 1e9 + fractionNanos;
}

export function elapsedMs(a: Stamp | undefined, b: Stamp | undefined): number | undefined {
  if (a?.t === undefined || b?.t === undefined) return undefined;
  const fa = fractionDigits(a.time);
  const fb = fractionDigits(b.time);
  if (fa === undefined || fb === undefined) return undefined;
  // The coarser of the two stamps sets the unit: 1000 ns for microseconds, 1 ns for nanoseconds.
  const unit = 10 ** (9 - Math.min(9, fa.length, fb.length));
  const nanos = Math.round(elapsedNanos(a, b, fa, fb) / unit) * unit;
  return nanos / 1e6;
}
