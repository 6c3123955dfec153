import type { SegmentAst } from "../ast.js";
import type { LineTokens, TokenList } from "../lexer.js";
import type { LineKey } from "./line-key.js";

/**
 * What a text-level key replays: the AST and, per token, its type and its edges in key
 * offsets. Texts with the same key have their tokens at the same key offsets (line-key.ts).
 */
export interface Template {
  ast: SegmentAst;
  types: readonly string[];
  /** start, end of token 0, start, end of token 1, ... in key offsets (non-decreasing). */
  edges: Int32Array;
}

/** Records where the tokens of the text `keys` read last lie. */
export function makeTemplate(ast: SegmentAst, line: LineTokens, keys: LineKey): Template {
  const edges = Int32Array.from(line.edges);
  keys.toKey(edges, edges);
  return { ast, types: line.types, edges };
}

/**
 * Places the tokens of a text whose key is the template's; `keys` read it last. The list it
 * returns is reused by the next cut: buildSegment reads it at once and keeps none of it.
 */
export class TokenCutter {
  private readonly list = { text: "", types: [] as readonly string[], edges: new Int32Array(256) };

  cut(template: Template, text: string, keys: LineKey): TokenList {
    const list = this.list;
    if (list.edges.length < template.edges.length) list.edges = new Int32Array(template.edges.length * 2);
    keys.toOriginal(template.edges, list.edges);
    list.text = text;
    list.types = template.types;
    return list;
  }
}
