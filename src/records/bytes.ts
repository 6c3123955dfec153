/** Tests of a line's bytes, for the readers that read lines as bytes (continuation.ts, grammar/fast/segment-scan.ts, packets/lane.ts). */

const DOT = 46;
const ZERO = 48;
const NINE = 57;
const TAB = 9;
const CR = 13;
const SPACE = 32;
const COLON = 58;
/** Digits in a time stamp's fraction, at the least and at the most. */
const FRACTION_MIN = 6;
const FRACTION_MAX = 9;
/** Digits of a -tt stamp's seconds, at the least. */
const EPOCH_DIGITS = 9;

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Whether a time stamp as the assembler finds one in a line (patterns.ts ANY_TIMESTAMP,
 * `(?:\d{2}:\d{2}:\d{2}|\d{9,})\.\d{6,9} `) has its `.` at `i`, all of it within [from, end).
 * A line holding one after its own stamp may be a pasted session (prefilters.ts mayBePasted);
 * a `.` and digits alone do not make one (a file name's hash in an HTTP summary:
 * `app.84216271.js`). A TAB after the digits counts as the space: the assembler reads a TAB
 * inside a line as one.
 */
export function timestampAt(b: Uint8Array, i: number, from: number, end: number): boolean {
  if (b[i] !== DOT) return false;
  let k = i + 1;
  while (k < end && isDigit(b[k])) k++;
  const digits = k - i - 1;
  if (digits < FRACTION_MIN || digits > FRACTION_MAX || k === end || (b[k] !== SPACE && b[k] !== TAB)) return false;
  let first = i;
  while (first > from && isDigit(b[first - 1])) first--;
  if (i - first >= EPOCH_DIGITS) return true;
  // hh:mm:ss
  return (
    i - 8 >= from && isDigit(b[i - 1]) && isDigit(b[i - 2]) && b[i - 3] === COLON && isDigit(b[i - 4]) && isDigit(b[i - 5]) && b[i - 6] === COLON && isDigit(b[i - 7]) && isDigit(b[i - 8])
  );
}

/**
 * Whether the line bytes[start, end) is blank as the assembler reads it (trimmed to nothing):
 * TABs, spaces and CRs only, or nothing. A -v HTTP request ends with one (its headers' empty line).
 */
export function isBlankLine(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== TAB && b[i] !== SPACE && b[i] !== CR) return false;
  return true;
}
