import type { Token } from "./lexer.js";

/**
 * Token classes the grammar matches by a test instead of one token type (nearley calls
 * `test(token)`): one parser state per class instead of one per member. They branch on token
 * types and on the text of `word` tokens, which the shape key in parse.ts includes.
 */
export interface TokenMatcher {
  test: (token: Token) => boolean;
}

/** Payload summaries are opaque: any token. */
export const anyToken: TokenMatcher = { test: () => true };

/** Ends of an options item: the separator, the list end, `[len N]`, and both cut-off markers. */
const ITEM_ENDS = new Set(["comma", "rbrack", "lenNote", "badOpt", "truncTcp"]);

/** The free-form body of an MPTCP option item. */
export const itemToken: TokenMatcher = { test: (t) => !ITEM_ENDS.has(t.type) };

/** Option items lexed whole (lexer.ts), plus a bare number: 4.99's CC.ECHO prints no name. */
const FIXED_OPTION_TYPES = new Set([
  "mss", "wscale", "tsOption", "sackOption", "md5Option", "utoOption", "tfoOption",
  "tcpAoOption", "scpsOption", "ccOption", "expOption", "unknownOption", "num",
]);
const FIXED_OPTION_WORDS = new Set(["nop", "eol", "sackOK"]);

/** A complete options item of a fixed shape. */
export const fixedOption: TokenMatcher = {
  test: (t) => FIXED_OPTION_TYPES.has(t.type) || (t.type === "word" && FIXED_OPTION_WORDS.has(t.text)),
};

/** Names of options that print a value: alone, they are an item cut short (`TS [|tcp]`, `scps[bad opt]`). */
const VALUED_OPTION_NAMES = new Set([
  "mss", "wscale", "TS", "sack", "md5", "uto", "tfo", "exp-tfo", "tcp-ao", "scps",
  "echo", "echoreply", "cc", "ccnew", "ccecho",
]);

export const optionName: TokenMatcher = {
  test: (t) => t.type === "word" && VALUED_OPTION_NAMES.has(t.text),
};
