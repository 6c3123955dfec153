import type { Evidence, MatchResult } from "../../matching/types.js";
import { wrap } from "./wrap.js";
import type { Walk } from "./walk.js";

/** Evidence items as a list: `+` for, `-` against, each wrapped under its sign. */
export function evidenceList(walk: Walk, items: Evidence[]): string {
  const { style, width } = walk.settings;
  return items
    .map((e) => {
      const sign = e.weight > 0 ? style.green("+") : e.weight < 0 ? style.red("-") : " ";
      return wrap(`${sign} ${e.text}`, width, "  ", "    ");
    })
    .join("");
}

/**
 * The two machines' clocks, in one sentence a student can check: how far apart, within what
 * bounds, and why times must be corrected before they are compared across captures.
 */
export function clockSentence(result: MatchResult): string | undefined {
  const clock = result.clock;
  if (!clock || (clock.offsetMs === 0 && clock.lowMs === undefined && clock.highMs === undefined)) return undefined;
  const ahead = clock.offsetMs >= 0 ? `${clock.offsetMs} ms ahead of` : `${-clock.offsetMs} ms behind`;
  const bounds =
    clock.lowMs !== undefined && clock.highMs !== undefined
      ? ` (causality bounds the difference between ${clock.lowMs} and ${clock.highMs} ms: a request reaches the backend after the client sent it, and an answer reaches the client after the backend sent it)`
      : "";
  return (
    `Mind the clocks: two machines' clocks disagree. The back capture's clock reads ${ahead} the front's${bounds}. ` +
    `Times from the two captures can only be compared after taking that difference off.`
  );
}
