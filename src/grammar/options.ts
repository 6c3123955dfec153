import type { LineTokens, Token } from "./lexer.js";
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
    Object.assign(options, optionValues(line.tokens, start, last));
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

/** What one item sets: `mss 1460`, `wscale 7`, `sackOK`, `TS val A ecr B`, `sack N {a:b}...`. */
function optionValues(tokens: readonly Token[], start: number, last: number): Partial<TcpOptions> {
  const first = tokens[start];
  switch (first.type) {
    case "mss": return { mss: lastNumber(first.text) };
    case "wscale": return { wscale: lastNumber(first.text) };
    case "tsOption": {
      const words = first.text.split(" ");
      return { tsval: Number(words[2]), tsecr: Number(words[4]) };
    }
    case "word":
      if (first.text === "sackOK") return { sackOK: true };
      if (first.text === "sack") {
        const sack = sackBlocks(tokens.slice(start + 1, last + 1));
        return sack.length ? { sack } : {};
      }
      return {};
    default:
      return {};
  }
}

function lastNumber(text: string): number {
  return Number(text.slice(text.lastIndexOf(" ") + 1));
}

/** `{a:b}` tokens → [a, b] pairs. */
function sackBlocks(tokens: readonly Token[]): [number, number][] {
  return tokens
    .filter((t) => t.type === "sackBlock")
    .map((t) => {
      const [left, right] = t.text.slice(1, -1).split(":");
      return [Number(left), Number(right)];
    });
}
