import { ANY_TIMESTAMP, ICMP_WORD, INNER_VERBOSE_IPV4, LEADING_TIMESTAMP, VERBOSE_IPV4_AT_END } from "./patterns.js";

/*
 * The assembler looks at every line with several regular expressions; most of them scan the
 * whole line and almost never match (issue 6: the records stage must keep up with tcpdump).
 * The tests here run first and answer "no match" only when the line lacks text the regular
 * expression requires, so every decision is still the regular expression's own.
 */

/**
 * Whether a `.` followed by six digits occurs at or after `from`. Every ANY_TIMESTAMP match
 * holds one (`\.\d{6,9} `), so without it no timestamp starts at or after `from`.
 */
function fractionFrom(line: string, from: number): boolean {
  for (let dot = line.indexOf(".", from); dot >= 0; dot = line.indexOf(".", dot + 1)) {
    if (digitsAt(line, dot + 1, 6)) return true;
  }
  return false;
}

function digitsAt(text: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!(code >= 48 && code <= 57)) return false; // also past the end (NaN)
  }
  return true;
}

/**
 * A line that starts with a timestamp (ANY_TIMESTAMP at column 0) and holds no other: the
 * common line, decided without the assembler's chain of tests, which would end the same way.
 * Its first character is a digit, so it is not blank, and BANNER's only alternatives that begin
 * with a digit need a space after the digits (here `:` or `.` follows them). mayBePasted finds
 * the timestamp at column 0 and, with no fraction after it, no second one. RECORD_START's
 * TIME covers both ANY_TIMESTAMP forms (`\d{2}:\d{2}:\d{2}\.\d{6,}` and `\d+\.\d{6,}`, each
 * followed by a space), so the chain would call the line a record start.
 */
export function isPlainRecordStart(line: string): boolean {
  LEADING_TIMESTAMP.lastIndex = 0;
  return LEADING_TIMESTAMP.test(line) && !fractionFrom(line, LEADING_TIMESTAMP.lastIndex);
}

/** Whether a line holds a timestamp anywhere but at its start (after an optional -# number). */
export function mayBePasted(line: string): boolean {
  if (!fractionFrom(line, 0)) return false;
  ANY_TIMESTAMP.lastIndex = 0;
  const first = ANY_TIMESTAMP.exec(line);
  if (!first) return false;
  if (first.index > 12) return true;
  return fractionFrom(line, ANY_TIMESTAMP.lastIndex) && ANY_TIMESTAMP.exec(line) !== null;
}

/** ICMP_WORD, for text that may not even hold `ICMP`. */
export function mentionsIcmp(text: string): boolean {
  return text.includes("ICMP") && ICMP_WORD.test(text);
}

/** VERBOSE_IPV4_AT_END, which needs `)` as the last character. */
export function endsWithVerboseHeader(text: string): boolean {
  return text.endsWith(")") && VERBOSE_IPV4_AT_END.test(text);
}

/** INNER_VERBOSE_IPV4's match, which needs `)` as the last character. */
export function innerVerboseHeader(line: string): RegExpExecArray | null {
  return line.endsWith(")") ? INNER_VERBOSE_IPV4.exec(line) : null;
}

/** `text.trimEnd()` without the call when the last character is printable ASCII (never white space). */
export function trimEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last > 32 && last < 127 ? text : text.trimEnd();
}
