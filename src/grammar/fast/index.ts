export { FastParser, parseSegmentFast, type FastParseStats, type FastParserOptions } from "./fast-parser.js";
