import type { Capture } from "../connections/types.js";
import { matchCaptures, splitLegs } from "../matching/index.js";
import type { MatchResult } from "../matching/types.js";
import { styleFor } from "../render/colors.js";
import { reportDocument } from "../render/document.js";
import { renderTextReport } from "../render/report-text.js";
import { readCapture } from "./capture.js";
import type { Options } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import { streamJsonCapture } from "./json-stream.js";
import { liveReport } from "./live.js";
import { writeJson } from "./json-writer.js";
import { writeOut } from "./output.js";
import type { TrackingThread } from "./pipeline/tracking-thread.js";

/** Capture names used as connection-id prefixes. */
const PAIR_PREFIXES = ["front", "back"];

/**
 * `hs-report [FILE|-]...`: one capture is reported on its own (and, when it holds both legs of
 * a middle box, as `-i any` on that box does, the legs are matched); two captures are the
 * client-facing and the backend side, matched. `thread`: the tracking thread main.ts started
 * for `--json` on one input, when it tracks in one.
 */
export async function reportCommand(files: string[], opts: Options, thread?: TrackingThread): Promise<number> {
  if (files.length > 2) throw new UsageError("give one capture, or two: the client-facing side, then the backend side");
  if (files.length === 1 && files[0] === "-" && !opts.json) return liveReport(opts);
  const prefixes = files.length === 2 ? PAIR_PREFIXES : ["conn"];
  const captures: Capture[] = [];
  if (opts.json && files.length === 1) {
    const { capture, streamed } = await streamJsonCapture(files[0], prefixes[0], opts.threads, thread);
    if (streamed) return opts.strict && capture.stats.errors > 0 ? EXIT.lineErrors : EXIT.ok;
    captures.push(capture);
  } else {
    for (const [i, file] of files.entries()) captures.push(await readCapture(file, prefixes[i]));
  }
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
