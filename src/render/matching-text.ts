import type { Capture, Connection } from "../connections/types.js";
import type { Evidence, MatchResult } from "../matching/types.js";
import type { Style } from "./colors.js";
import { endpointText } from "../connections/endpoint.js";
import { renderPairLadder } from "./pair-ladder.js";

/** How many matched pairs get a side-by-side ladder unless --all. */
const PAIR_LADDERS = 1;

function evidenceLines(items: Evidence[], style: Style, indent: string): string {
  return items
    .map((e) => {
      const sign = e.weight > 0 ? style.green("+") : e.weight < 0 ? style.red("-") : " ";
      const cites = e.cites.length ? style.dim(` [${e.cites.map((c) => `${c.file}:${c.line}`).join(", ")}]`) : "";
      return `${indent}${sign} ${e.text}${cites}\n`;
    })
    .join("");
}

/**
 * The matching section of a two-capture report: the clock estimate, each pair with its kind
 * and evidence, the connections left unmatched, side-by-side ladders, and the verdict.
 */
export function renderMatching(front: Capture, back: Capture, result: MatchResult, style: Style, all: boolean): string {
  const byId = new Map<string, Connection>([...front.connections, ...back.connections].map((c) => [c.id, c]));
  const describe = (id: string) => {
    const c = byId.get(id);
    return c ? `${id} ${endpointText(c.client)} -> ${endpointText(c.server)}` : id;
  };
  let out = `${style.bold("Matching")} (${front.name} -> ${back.name})\n`;
  if (result.clock) {
    const { offsetMs, lowMs, highMs } = result.clock;
    const bounds = lowMs !== undefined || highMs !== undefined ? ` (bounds ${lowMs ?? "?"} to ${highMs ?? "?"} ms)` : "";
    out += `  clock: the back capture's clock is ${offsetMs} ms ahead of the front's${bounds}; ${result.clock.basis}\n`;
  }
  for (const m of result.matches) {
    out += `  ${describe(m.front)}\n    = ${describe(m.back)}  ${style.bold(m.kind)} (confidence ${m.confidence})\n`;
    out += evidenceLines(m.evidence, style, "      ");
  }
  if (result.unmatched.front.length) out += `  unmatched on the front: ${result.unmatched.front.map(describe).join("; ")}\n`;
  if (result.unmatched.back.length) out += `  unmatched on the back: ${result.unmatched.back.map(describe).join("; ")}\n`;
  const ladders = all ? result.matches : result.matches.slice(0, PAIR_LADDERS);
  for (const m of ladders) {
    const f = byId.get(m.front);
    const b = byId.get(m.back);
    if (!f || !b) continue;
    out += `\n${style.bold(`Both legs of ${m.front} and ${m.back} on the front's clock`)}\n`;
    out += renderPairLadder(f, b, result.clock?.offsetMs ?? 0, style);
  }
  const v = result.verdict;
  const kind = v.kind === "nat" && v.natType ? `nat (${v.natType})` : v.kind;
  out += `\n${style.bold("Verdict:")} ${style.bold(kind)} (confidence ${v.confidence})\n  ${v.summary}\n`;
  out += evidenceLines(v.evidence, style, "  ");
  return out;
}
