/** Tests of a line's bytes, for the readers that read lines as bytes (continuation.ts, grammar/fast/segment-scan.ts). */

const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Digits in a time stamp's fraction, at the least. */
const FRACTION_DIGITS = 6;

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Whether a time stamp's fraction starts at `i`: a `.` and six digits before `end` (patterns.ts
 * FRACTION). A line holding one after its start may be a pasted session (prefilters.ts).
 */
export function fractionAt(b: Uint8Array, i: number, end: number): boolean {
  if (b[i] !== DOT || i + FRACTION_DIGITS >= end) return false;
  for (let k = 1; k <= FRACTION_DIGITS; k++) if (!isDigit(b[i + k])) return false;
  return true;
}
