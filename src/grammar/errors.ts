import type { LineTokens } from "./lexer.js";
import { anyToken, fixedOption, itemToken, optionName } from "./matchers.js";
import type { ParseError } from "./types.js";

/** The part of nearley's Parser state an error message needs (not in nearley's typings). */
export interface ParserTable {
  current: number;
  table: { states: { rule: { symbols: unknown[] }; dot: number }[] }[];
}

/** How an expected token reads in a message; types not listed read as their name. */
const TOKEN_LABELS: Readonly<Record<string, string>> = {
  dotted: "address.port",
  ipv6: "IPv6 address",
  tcpFlags: "Flags [..]",
  cksum: ", cksum 0x....",
  seq: ", seq N",
  ack: ", ack N",
  win: ", win N",
  urg: ", urg N",
  length: ", length N",
  quietTcp: "tcp N",
  optionsOpen: ", options [",
  mss: "mss N",
  wscale: "wscale N",
  tsOption: "TS val N ecr N",
  truncTcp: "[|tcp]",
  colonGap: ":",
  num: "number",
  word: "word",
};

const MATCHER_LABELS = new Map<unknown, string>([
  [anyToken, "payload text"],
  [itemToken, "option text"],
  [fixedOption, "option"],
  [optionName, "option name"],
]);

const MAX_EXPECTED = 6;

/** What the parser would have accepted next, short enough for one line. */
function expected(parser: ParserTable): string {
  const labels = new Set<string>();
  for (const state of parser.table[parser.current]?.states ?? []) {
    const symbol = state.rule.symbols[state.dot];
    if (symbol === undefined || typeof symbol === "string") continue;
    const s = symbol as { literal?: string; type?: string };
    labels.add(MATCHER_LABELS.get(symbol) ?? (s.literal !== undefined ? s.literal : TOKEN_LABELS[s.type!] ?? s.type!));
  }
  const list = [...labels].sort();
  const shown = list.slice(0, MAX_EXPECTED).map((l) => JSON.stringify(l)).join(", ");
  return list.length > MAX_EXPECTED ? `${shown}, ...` : shown;
}

/** Up to two tokens before `index`, as printed: the reader's anchor for "where". */
function before(line: LineTokens, index: number): string {
  if (index === 0) return "at the start";
  const from = line.tokens[Math.max(0, index - 2)];
  const to = line.tokens[index - 1];
  return `after ${JSON.stringify(line.text.slice(from.offset, to.offset + to.text.length))}`;
}

/**
 * A short message for a failed parse: the token nearley rejected (or the end of the line) with
 * its column, what preceded it and what would have been accepted.
 */
export function describeFailure(line: LineTokens, parser: ParserTable, rejected: number | undefined): ParseError {
  const want = expected(parser);
  if (rejected === undefined) {
    const at = line.tokens.length;
    return { column: line.text.trimEnd().length, message: `line ends ${before(line, at)}; expected ${want}` };
  }
  const token = line.tokens[rejected];
  return { column: token.offset, message: `unexpected ${JSON.stringify(token.text)} ${before(line, rejected)}; expected ${want}` };
}
