import type { SegmentAst } from "../ast.js";
import type { Token } from "../lexer.js";

/**
 * The token-level shape key (see the comment at the top of parse.ts): token types, plus the
 * text of `word` tokens (the grammar's keywords), up to the end of the record or up to the
 * `length` token that precedes a payload, whose tokens the grammar accepts whatever they are.
 */

/** Marks a key that stops before a payload (no token type contains it). */
const PAYLOAD = " |payload";

function shapePart(token: Token): string {
  return token.type === "word" ? `word=${token.text}` : token.type;
}

/** The key of tokens[0, end). */
function shapeOf(tokens: readonly Token[], end: number): string {
  let key = "";
  for (let k = 0; k < end; k++) key += (k > 0 ? " " : "") + shapePart(tokens[k]);
  return key;
}

/**
 * The AST cached for a shape of these tokens: under the key of the whole list, or under the key
 * that stops at a `length` token followed by more tokens (the payload).
 */
export function findShape(tokens: readonly Token[], lookup: (key: string) => SegmentAst | undefined): SegmentAst | undefined {
  let key = "";
  for (let k = 0; k < tokens.length; k++) {
    key += (k > 0 ? " " : "") + shapePart(tokens[k]);
    if (tokens[k].type === "length" && k + 1 < tokens.length) {
      const ast = lookup(key + PAYLOAD);
      if (ast) return ast;
    }
  }
  return lookup(key);
}

/**
 * The key to store a fresh parse under: up to the payload when the AST ends with a payload leaf
 * right after a `length` token, else the whole list.
 */
export function shapeKeyFor(ast: SegmentAst, tokens: readonly Token[]): string {
  const last = ast[ast.length - 1];
  if (last?.role === "payload" && last.index > 0 && tokens[last.index - 1].type === "length") {
    return shapeOf(tokens, last.index) + PAYLOAD;
  }
  return shapeOf(tokens, tokens.length);
}
