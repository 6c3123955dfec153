export { FastParser, parseSegmentFast, sharedFastParseStats, type FastParseStats, type FastParserOptions } from "./fast-parser.js";
