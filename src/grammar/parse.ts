/**
 * Parse API: `parseSegment(text) = buildSegment(parseAst(tokenize(text)), tokens)`.
 *
 * The three steps are separate so that a later fast path can parse each distinct line *shape*
 * once and replay the AST: `parseAst` returns leaves that hold token indices only, and
 * `buildSegment` is a pure function of (AST, tokens).
 *
 * Shape key. Two records can share an AST when their token lists agree, position by position,
 * on everything the grammar branches on:
 *   - the token `type` of every token;
 *   - the `text` of every token of type `word`: the grammar matches keywords such as `IP`,
 *     `IP6`, `IPOIB`, `nop`, `sackOK`, `mptcp`, `DSTOPT`, `HBH` and the SLL directions by their
 *     text, and the matchers `fixedOption` and `optionName` (matchers.ts) test word texts.
 * No other token text matters to the grammar: punctuation types have one text each, and
 * numbers, addresses, timestamps and the phrase tokens (`, win 512`, `, cksum 0x.. (correct)`,
 * `Flags [S.]`, `sack 1 {a:b}`, ...) are matched by type alone. Everything after the TCP
 * length is payload, accepted whatever its types (`anyToken`): a key may therefore end at the
 * first `length` token after the `tcpFlags` token (no token before it can be of type
 * `length`), and the replayed `payload` leaf then points at whatever follows.
 */
import nearley from "nearley";
import compiled from "../generated/grammar.js";
import type { SegmentAst } from "./ast.js";
import { describeFailure, type ParserTable } from "./errors.js";
import { TokenFeed } from "./feed.js";
import { buildSegment } from "./build.js";
import { tokenize, type LineTokens } from "./lexer.js";
import type { ParseError, ParseResult } from "./types.js";

/** Compiled once per process. */
const grammar = nearley.Grammar.fromCompiled(compiled as unknown as nearley.CompiledRules);

/** nearley's Parser without its default error text (long, and half the cost of a failed line). */
class RecordParser extends nearley.Parser {
  reportError(): string {
    return "";
  }
}

export type AstResult = { ok: true; ast: SegmentAst } | { ok: false; error: ParseError };

interface Run {
  parser: RecordParser;
  /** Index of the token nearley rejected, or undefined when the tokens ran out first. */
  rejected?: number;
}

function run(line: LineTokens): Run {
  // keepHistory: nearley otherwise deletes each finished column, which costs more than keeping
  // one line's columns until the parser is dropped.
  const lexer = new TokenFeed(line.tokens) as unknown as nearley.Lexer;
  const parser = new RecordParser(grammar, { keepHistory: true, lexer });
  try {
    parser.feed("");
    return { parser };
  } catch (e) {
    return { parser, rejected: (e as { offset: number }).offset };
  }
}

/** Parses one record's tokens; on failure the error names a 0-based column of `line.text`. */
export function parseAst(line: LineTokens): AstResult {
  const { parser, rejected } = run(line);
  if (rejected === undefined && parser.results.length > 0) return { ok: true, ast: parser.results[0] };
  return { ok: false, error: describeFailure(line, parser as unknown as ParserTable, rejected) };
}

export { buildSegment, tokenize };

/** Parses one TCP record's text (a single line, see FORMAT.md section 2). */
export function parseSegment(text: string): ParseResult {
  const line = tokenize(text);
  const result = parseAst(line);
  return result.ok ? { ok: true, segment: buildSegment(result.ast, line) } : result;
}

/** How many complete parses the grammar finds for a text (1 for every valid record). */
export function countParses(text: string): number {
  const { parser, rejected } = run(tokenize(text));
  return rejected === undefined ? parser.results.length : 0;
}
