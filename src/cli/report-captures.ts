import type { Capture } from "../connections/types.js";
import { matchCaptures, splitLegs } from "../matching/index.js";
import type { MatchResult } from "../matching/types.js";
import { styleFor } from "../render/colors.js";
import { reportDocument } from "../render/document.js";
import { renderTextReport } from "../render/report-text.js";
import type { Options } from "./args.js";
import { EXIT } from "./errors.js";
import { writeJson } from "./json-writer.js";
import { writeOut } from "./output.js";

/**
 * The report of whole captures (reportCommand's every way but streamed `--json`): matched when
 * there are two, or when one holds both legs of a middle box, then written as text or JSON.
 */
export async function reportCaptures(captures: Capture[], opts: Options): Promise<number> {
  const match = matchFor(captures);
  const errors = captures.reduce((n, c) => n + c.stats.errors, 0);
  if (opts.json) {
    // Pretty for a person at a terminal; compact for programs, written connection by connection
    // (document, captures, a capture, its connections: 4 levels), never as one string.
    const document = reportDocument(captures, match);
    if (process.stdout.isTTY) await writeOut(process.stdout, JSON.stringify(document, null, 2) + "\n");
    else {
      await writeJson(process.stdout, document, 4);
      await writeOut(process.stdout, "\n");
    }
  } else {
    await writeOut(process.stdout, renderTextReport(captures, match, { style: styleFor(process.stdout), all: opts.all, conns: opts.conns }));
  }
  return opts.strict && errors > 0 ? EXIT.lineErrors : EXIT.ok;
}

/** Two captures are matched; one capture only when it holds both legs of a middle box. */
function matchFor(captures: Capture[]): MatchResult | undefined {
  if (captures.length === 2) return matchCaptures(captures[0], captures[1]);
  const legs = splitLegs(captures[0]);
  if (legs.front.connections.length === 0 || legs.back.connections.length === 0) return undefined;
  return matchCaptures(legs.front, legs.back, { clockOffsetMs: 0 });
}
