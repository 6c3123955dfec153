import type { TokenList } from "./lexer.js";
import { numberIn, trailingNumber } from "./text.js";
import type { TcpOptions } from "./types.js";

/**
 * Token types that end an options item. Items never contain them: commas inside MPTCP braces
 * and md5 texts are inside single tokens, and `[len N]` / `[bad opt]` belong to the item.
 */
const ITEM_END = new Set(["comma", "rbrack", "truncTcp"]);

/**
 * The options list from the start token of each item: the item texts exactly as printed, and
 * the values of the options a connection analysis needs.
 */
export function readOptions(line: TokenList, starts: readonly number[]): TcpOptions {
  const { text, types, edges } = line;
  const options: TcpOptions = { list: [] };
  for (const start of starts) {
    const last = itemEnd(types, start);
    options.list.push(text.slice(edges[2 * start], edges[2 * last + 1]));
    setOptionValues(options, types[start], text, edges[2 * start], edges[2 * start + 1]);
  }
  return options;
}

function itemEnd(types: readonly string[], start: number): number {
  let last = start;
  while (last + 1 < types.length && !ITEM_END.has(types[last + 1])) last++;
  return last;
}

/**
 * What one item sets, from its first token at text[start, end): `mss 1460`, `wscale 7`,
 * `sackOK`, `TS val A ecr B`, `sack N {a:b}...`. Written into `options` (not returned and
 * merged): SYNs carry several items each. Numbers are read in place, without cutting the token.
 */
function setOptionValues(options: TcpOptions, type: string, text: string, start: number, end: number): void {
  switch (type) {
    case "mss": options.mss = trailingNumber(text, start, end); break;
    case "wscale": options.wscale = trailingNumber(text, start, end); break;
    case "tsOption": {
      // `TS val A ecr B` (the lexer's pattern): cut at the one ` ecr `, no word list
      const ecr = text.indexOf(" ecr ", start);
      options.tsval = numberIn(text, start + "TS val ".length, ecr);
      options.tsecr = numberIn(text, ecr + " ecr ".length, end);
      break;
    }
    case "sackOption": {
      const sack = sackBlocks(text.slice(start, end));
      if (sack.length) options.sack = sack;
      break;
    }
    case "word":
      if (end - start === SACK_OK.length && text.startsWith(SACK_OK, start)) options.sackOK = true;
      break;
  }
}

const SACK_OK = "sackOK";

const SACK_BLOCK = /\{(\d+):(\d+)\}/g;

/** `sack N {a:b}{c:d}` → [a, b], [c, d]. */
function sackBlocks(text: string): [number, number][] {
  return [...text.matchAll(SACK_BLOCK)].map((m) => [Number(m[1]), Number(m[2])]);
}
