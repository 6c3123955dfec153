import type { Token } from "./lexer.js";

/**
 * Token classes the grammar matches by a test instead of one token type (nearley calls
 * `test(token)`). They branch on token types, and `hexText` on the text of `word` tokens,
 * which the shape key in parse.ts already includes.
 */
export interface TokenMatcher {
  test: (token: Token) => boolean;
}

/** Payload summaries are opaque: any token. */
export const anyToken: TokenMatcher = { test: () => true };

/** Ends of an options item: the separator, the list end, `[len N]`, and both cut-off markers. */
const ITEM_ENDS = new Set(["comma", "rbrack", "lenNote", "badOpt", "truncTcp"]);

/** The free-form body of an options item (MPTCP's many subtypes, a malformed option's start). */
export const itemToken: TokenMatcher = { test: (t) => !ITEM_ENDS.has(t.type) };

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** Hex digits printed without `0x` (MD5 digests, Fast Open cookies, SCPS capabilities). */
export const hexText: TokenMatcher = {
  test: (t) => t.type === "num" || (t.type === "word" && HEX_DIGITS.test(t.text)),
};
