import {
  ANY_TIMESTAMP,
  FRACTION,
  ICMP_WORD,
  INDENTED_SEGMENT,
  INDENTED_TCP_SEGMENT,
  INNER_VERBOSE_IPV4,
  LEADING_TIMESTAMP,
  LEADING_TIMESTAMP_THEN_TCP,
  OWN_STAMP_PREFIX,
  VERBOSE_IPV4_AT_END,
} from "./patterns.js";

/*
 * The assembler looks at every line with several regular expressions; most of them scan the
 * whole line and almost never match (issue 6: the records stage must keep up with tcpdump).
 * The tests here answer for them more cheaply and always as they would: a guard skips a
 * regular expression only when the line lacks text it requires, and the common lines (a
 * timestamped record start, a verbose header's indented TCP line) are recognised in one look
 * by a pattern whose match implies every answer of the longer way.
 */

/**
 * Whether a `.` followed by six digits occurs at or after `from`. Every ANY_TIMESTAMP match
 * holds one (`\.\d{6,9} `), so without it no timestamp starts at or after `from`.
 */
function fractionFrom(line: string, from: number): boolean {
  FRACTION.lastIndex = from;
  return FRACTION.test(line);
}

/** A line that starts a record; `tcp` when its text is already known to carry a TCP part. */
export type RecordStart = "tcp" | "record";

/**
 * A line that starts with a timestamp (ANY_TIMESTAMP at column 0) and holds no other: the
 * common line, decided without the assembler's chain of tests, which would end the same way.
 * Its first character is a digit, so it is not blank, and BANNER's only alternatives that begin
 * with a digit need a space after the digits (here `:` or `.` follows them). mayBePasted finds
 * the timestamp at column 0 and, with no fraction after it, no second one. RECORD_START's
 * TIME covers both ANY_TIMESTAMP forms (`\d{2}:\d{2}:\d{2}\.\d{6,}` and `\d+\.\d{6,}`, each
 * followed by a space), so the chain would call the line a record start. `tcp` when TCP_PART
 * follows the timestamp: its match ends in a non-blank character, so the record's text (the
 * line without its trailing blanks) holds it too. Undefined for any other line: the chain
 * decides.
 */
export function plainRecordStart(line: string): RecordStart | undefined {
  if (!isDigit(line.charCodeAt(0))) return undefined; // both patterns begin with a digit
  if (leadsWith(LEADING_TIMESTAMP_THEN_TCP, line)) return "tcp";
  if (leadsWith(LEADING_TIMESTAMP, line)) return "record";
  return undefined;
}

/** Whether the sticky pattern matches at column 0 and no fraction follows its match. */
function leadsWith(pattern: RegExp, line: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(line) && !fractionFrom(line, pattern.lastIndex);
}

/**
 * INDENTED_SEGMENT's answer; `tcp` when INDENTED_TCP_SEGMENT also knows the segment carries a
 * TCP part (its lookahead is TCP_PART's pattern, inside the text after the indent).
 */
export function indentedSegment(line: string): "tcp" | "segment" | undefined {
  if (INDENTED_TCP_SEGMENT.test(line)) return "tcp";
  return INDENTED_SEGMENT.test(line) ? "segment" : undefined;
}

/** Whether a line holds a timestamp anywhere but at its start (after an optional -# number). */
export function mayBePasted(line: string): boolean {
  if (!fractionFrom(line, 0)) return false;
  ANY_TIMESTAMP.lastIndex = 0;
  const first = ANY_TIMESTAMP.exec(line);
  if (!first) return false;
  if (first.index > 12 || (first.index > 0 && !OWN_STAMP_PREFIX.test(line.slice(0, first.index)))) return true;
  return fractionFrom(line, ANY_TIMESTAMP.lastIndex) && ANY_TIMESTAMP.exec(line) !== null;
}

/** ICMP_WORD, for text that may not even hold `ICMP`. */
export function mentionsIcmp(text: string): boolean {
  return text.includes("ICMP") && ICMP_WORD.test(text);
}

/** VERBOSE_IPV4_AT_END, which needs `)` as the last character. */
export function endsWithVerboseHeader(text: string): boolean {
  return endsWithParen(text) && VERBOSE_IPV4_AT_END.test(text);
}

/** INNER_VERBOSE_IPV4's match, which needs `)` as the last character. */
export function innerVerboseHeader(line: string): RegExpExecArray | null {
  return endsWithParen(line) ? INNER_VERBOSE_IPV4.exec(line) : null;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function endsWithParen(text: string): boolean {
  return text.charCodeAt(text.length - 1) === 0x29;
}

/** `text.trimEnd()` without the call when the last character is printable ASCII (never white space). */
export function trimEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last > 32 && last < 127 ? text : text.trimEnd();
}
