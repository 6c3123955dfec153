import type { SegmentAst } from "../ast.js";
import type { LineTokens, Token } from "../lexer.js";
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
  const { tokens } = line;
  const edges = new Int32Array(tokens.length * 2);
  for (let k = 0; k < tokens.length; k++) {
    edges[2 * k] = tokens[k].offset;
    edges[2 * k + 1] = tokens[k].offset + tokens[k].text.length;
  }
  keys.toKey(edges, edges);
  return { ast, types: tokens.map((t) => t.type), edges };
}

/** Cuts the tokens of a text whose key is the template's out of it; `keys` read it last. */
export class TokenCutter {
  private offsets = new Int32Array(256);

  cut(template: Template, text: string, keys: LineKey): LineTokens {
    const { types, edges } = template;
    if (this.offsets.length < edges.length) this.offsets = new Int32Array(edges.length * 2);
    const offsets = this.offsets;
    keys.toOriginal(edges, offsets);
    const tokens: Token[] = new Array(types.length);
    for (let k = 0; k < types.length; k++) {
      const offset = offsets[2 * k];
      tokens[k] = { type: types[k], text: text.slice(offset, offsets[2 * k + 1]), offset, index: k };
    }
    return { text, tokens };
  }
}
