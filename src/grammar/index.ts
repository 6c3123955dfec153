export { parseSegment, countParses, parseAst, buildSegment, tokenize, type AstResult } from "./parse.js";
export { FastParser, parseSegmentFast, type FastParseStats, type FastParserOptions } from "./fast/index.js";
export type { SegmentAst, Leaf, Role } from "./ast.js";
export type { LineTokens, Token, TokenList } from "./lexer.js";
export type * from "./types.js";
