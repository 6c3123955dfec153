import type { LineTokens, Token } from "./lexer.js";
import { trailingNumber } from "./text.js";
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
export function readOptions(line: LineTokens, starts: readonly number[]): TcpOptions {
  const options: TcpOptions = { list: [] };
  for (const start of starts) {
    const last = itemEnd(line.tokens, start);
    options.list.push(line.text.slice(line.tokens[start].offset, end(line.tokens[last])));
    setOptionValues(options, line.tokens[start]);
  }
  return options;
}

function itemEnd(tokens: readonly Token[], start: number): number {
  let last = start;
  while (last + 1 < tokens.length && !ITEM_END.has(tokens[last + 1].type)) last++;
  return last;
}

function end(token: Token): number {
  return token.offset + token.text.length;
}

/**
 * What one item sets: `mss 1460`, `wscale 7`, `sackOK`, `TS val A ecr B`, `sack N {a:b}...`.
 * Written into `options` (not returned and merged): SYNs carry several items each.
 */
function setOptionValues(options: TcpOptions, first: Token): void {
  switch (first.type) {
    case "mss": options.mss = trailingNumber(first.text); break;
    case "wscale": options.wscale = trailingNumber(first.text); break;
    case "tsOption": {
      // `TS val A ecr B` (the lexer's pattern): cut at the one ` ecr `, no word list
      const ecr = first.text.indexOf(" ecr ");
      options.tsval = Number(first.text.slice("TS val ".length, ecr));
      options.tsecr = Number(first.text.slice(ecr + " ecr ".length));
      break;
    }
    case "sackOption": {
      const sack = sackBlocks(first.text);
      if (sack.length) options.sack = sack;
      break;
    }
    case "word":
      if (first.text === "sackOK") options.sackOK = true;
      break;
  }
}

const SACK_BLOCK = /\{(\d+):(\d+)\}/g;

/** `sack N {a:b}{c:d}` → [a, b], [c, d]. */
function sackBlocks(text: string): [number, number][] {
  return [...text.matchAll(SACK_BLOCK)].map((m) => [Number(m[1]), Number(m[2])]);
}
