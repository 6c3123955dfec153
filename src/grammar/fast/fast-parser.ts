import { buildSegment, parseAst, tokenize } from "../parse.js";
import type { SegmentAst } from "../ast.js";
import type { ParseResult } from "../types.js";
import { detached } from "../../records/detach.js";
import { BoundedCache } from "./bounded-cache.js";
import { KeyTable } from "./key-table.js";
import { LineKey } from "./line-key.js";
import { makeTemplate, TokenCutter, type Template } from "./template.js";
import { findShape, shapeKeyFor } from "./token-shape.js";

/** How each record was parsed. */
export interface FastParseStats {
  /** Text key seen before: tokens cut from the text, no lexing, no parsing. */
  textHits: number;
  /** Lexed; token shape seen before: no parsing. */
  shapeHits: number;
  /** Lexed and parsed by nearley (a new shape). */
  parsed: number;
  /** Lexed and rejected by nearley (never cached). */
  failed: number;
}

export interface FastParserOptions {
  /** Text keys per cache generation (at most twice as many are held). */
  textKeys?: number;
  /** Token shapes per cache generation. */
  shapes?: number;
  /** Bits of the text key's hash the template table uses (tests pass a tiny mask to force collisions). */
  textHashMask?: number;
  /**
   * The sighting of a text key that makes its template (default 2: keys seen once make none;
   * 1 makes one for every key, as tests that count parses want).
   */
  learnOnSighting?: 1 | 2;
}

/**
 * `parseSegment` with memory: the nearley grammar parses each new line shape once, and later
 * records of a known shape reuse its AST with their own token values (`buildSegment`).
 *
 * Three ways through, cheapest first:
 *  1. the text key (line-key.ts) names a template: cut the tokens at the template's offsets;
 *  2. else lex with moo; the token shape (token-shape.ts) names an AST;
 *  3. else parse with nearley; a success is cached under its token shape, a failure never is,
 *     so error messages and columns always come from a full parse.
 * A text key gets its template when a record with it parses the second time (or the first,
 * with `learnOnSighting: 1`).
 * The result is the same object, key order included, as `parseSegment(text)`.
 */
export class FastParser {
  readonly stats: FastParseStats = { textHits: 0, shapeHits: 0, parsed: 0, failed: 0 };
  private readonly keys = new LineKey();
  private readonly cutter = new TokenCutter();
  private readonly templates: KeyTable<Template>;
  private readonly shapes: BoundedCache<string, SegmentAst>;
  /**
   * Hashes of the text keys seen once, when templates wait for a second sighting. A template
   * costs about 800 bytes, and many keys are seen once only: an HTTP request line's key holds
   * its URL, so on the 1M-packet bench 11,856 of 13,247 keys are seen once, and their templates
   * were 10 MB of the live heap. Waiting costs those keys about 20 bytes each (a Map entry),
   * and every other key one more lexing.
   */
  private readonly seenOnce: BoundedCache<number, true> | undefined;

  constructor(options: FastParserOptions = {}) {
    const textKeys = options.textKeys ?? 10_000;
    this.templates = new KeyTable(textKeys, options.textHashMask);
    this.shapes = new BoundedCache(options.shapes ?? 5_000);
    if ((options.learnOnSighting ?? 2) === 2) this.seenOnce = new BoundedCache(textKeys);
  }

  parse(text: string): ParseResult {
    const keyed = this.keys.read(text);
    const template = keyed ? this.templates.get(this.keys) : undefined;
    if (template) {
      this.stats.textHits++;
      return { ok: true, segment: buildSegment(template.ast, this.cutter.cut(template, text, this.keys)) };
    }
    const line = tokenize(text);
    let ast = findShape(line.tokens, (shape) => this.shapes.get(shape));
    if (ast) {
      this.stats.shapeHits++;
    } else {
      const result = parseAst(line);
      if (!result.ok) {
        this.stats.failed++;
        return result;
      }
      this.stats.parsed++;
      ast = result.ast;
      this.shapes.set(detached(shapeKeyFor(ast, line.tokens)), ast);
    }
    if (keyed && this.secondSighting()) this.templates.set(this.keys, makeTemplate(ast, line, this.keys));
    return { ok: true, segment: buildSegment(ast, line) };
  }

  /** Whether the key read last has been seen before (always, when templates do not wait); remembers it if not. */
  private secondSighting(): boolean {
    if (!this.seenOnce || this.seenOnce.get(this.keys.hash)) return true;
    this.seenOnce.set(this.keys.hash, true);
    return false;
  }
}

/** One parser for the whole process: every input shares what it learnt. */
const shared = new FastParser();

/** `parseSegment` through the process-wide FastParser. */
export function parseSegmentFast(text: string): ParseResult {
  return shared.parse(text);
}
