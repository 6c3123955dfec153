/**
 * The common continuation line, told from its bytes: a TAB-led line of an application decoder's
 * text (`-v` HTTP, FORMAT.md section 8) or of a hex dump (`-x`). The fast lane (packets/lane.ts)
 * counts such a line as the assembler would (skipped, `continuation`) without making a string
 * of it: -vvv output of web traffic has several per packet.
 *
 * The assembler's chain (assembler.ts push(), recordStart(), pushContinuation()) ends in that
 * count for a line with an open record and no header waiting when the line is not blank, does
 * not start a record (RECORD_START: after blanks, digits and two spaces), holds no time stamp
 * (a pasted session; bytes.ts timestampAt), and is neither an inner packet nor a verbose
 * header (INNER_ONE_LINE, INNER_VERBOSE_IPV4: `IP` after the TAB, `)` at the end) nor a mention
 * of ICMP (which changes how the record's later lines are read). Lines with anything else, or
 * with bytes outside printable ASCII, are left to the chain. test/records/continuation.test.ts
 * holds both to every such line of the repo's texts.
 */
import { isDigit, timestampAt } from "./bytes.js";

const TAB = 9;
const SPACE = 32;
const CLOSE_PAREN = 41;
const LAST_PRINTABLE = 126;

/** What a byte of a continuation line can be: printable ASCII or TAB, a `.` or `I` that may start what ends the line's claim, or anything else. */
const PLAIN = 0;
const OTHER = 1;
const DOT_BYTE = 2;
const CAPITAL_I = 3;
const BYTE_KINDS = Uint8Array.from({ length: 256 }, (_, c) =>
  c === 46 ? DOT_BYTE : c === 73 ? CAPITAL_I : c === TAB || (c >= SPACE && c <= LAST_PRINTABLE) ? PLAIN : OTHER,
);

export function isPlainContinuation(b: Uint8Array, start: number, end: number): boolean {
  if (b[start] !== TAB || b[end - 1] === CLOSE_PAREN) return false;
  let i = start;
  while (i < end && (b[i] === TAB || b[i] === SPACE)) i++;
  if (i === end) return false;
  // `IP` right after the TAB: an inner packet's line
  if (b[start + 1] === 73 && b[start + 2] === 80) return false;
  // after the blanks, digits and two spaces (a TAB inside a line reads as a space): a -# record start
  let k = i;
  while (k < end && isDigit(b[k])) k++;
  if (k > i && isBlank(b[k]) && isBlank(b[k + 1])) return false;
  // one table look-up a byte: these lines are long (HTTP headers), and -vvv web traffic has two a packet
  for (let j = start + 1; j < end; j++) {
    const kind = BYTE_KINDS[b[j]];
    if (kind === PLAIN) continue;
    if (kind === OTHER) return false;
    // `ICMP`
    if (kind === CAPITAL_I && b[j + 1] === 67 && b[j + 2] === 77 && b[j + 3] === 80) return false;
    if (kind === DOT_BYTE && timestampAt(b, j, start, end)) return false;
  }
  return true;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
