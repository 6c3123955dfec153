import type { Capture } from "../connections/types.js";
import { readCapture } from "./capture.js";
import type { Options } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import { streamJsonCapture } from "./json-stream.js";
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
  // each way loads its own modules: `--json` of one capture, the busiest, loads no matching and no rendering
  if (files.length === 1 && files[0] === "-" && !opts.json) return (await import("./live.js")).liveReport(opts);
  const prefixes = files.length === 2 ? PAIR_PREFIXES : ["conn"];
  const captures: Capture[] = [];
  if (opts.json && files.length === 1) {
    const { capture, streamed } = await streamJsonCapture(files[0], prefixes[0], opts.threads, thread);
    if (streamed) return opts.strict && capture.stats.errors > 0 ? EXIT.lineErrors : EXIT.ok;
    captures.push(capture);
  } else {
    for (const [i, file] of files.entries()) captures.push(await readCapture(file, prefixes[i]));
  }
  return (await import("./report-captures.js")).reportCaptures(captures, opts);
}
