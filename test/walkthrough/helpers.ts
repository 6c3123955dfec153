/** Helpers for the walkthrough tests: captures through the real pipeline, quotes read back off the text. */
import { readFileSync } from "node:fs";
import { readCapture } from "../../src/cli/capture.js";
import { matchCaptures } from "../../src/matching/index.js";
import { PLAIN } from "../../src/render/colors.js";
import { Walk, type WalkCapture } from "../../src/render/walkthrough/index.js";

export const SEED_FRONT = "samples/seed/node1-port80.txt";
export const SEED_BACK = "samples/seed/node2-port8080-vvv.txt";

/** Reads a capture as the walk command does, without the summary readCapture prints on stderr. */
export async function walkCapture(file: string, prefix: string): Promise<WalkCapture> {
  const write = process.stderr.write;
  process.stderr.write = () => true;
  try {
    return { capture: await readCapture(file, prefix), text: readFileSync(file, "utf8") };
  } finally {
    process.stderr.write = write;
  }
}

/** A plain-text, 80-column walkthrough of two capture files. */
export async function walkOf(frontFile: string, backFile: string): Promise<Walk> {
  const front = await walkCapture(frontFile, "front");
  const back = await walkCapture(backFile, "back");
  return new Walk(front, back, matchCaptures(front.capture, back.capture), { style: PLAIN, width: 80 });
}

/**
 * The packet texts quoted in a step: each `> ` line with its continuation lines joined back
 * (the fold breaks at one space, so one space restores it).
 */
export function quotedPackets(text: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const line of text.split("\n")) {
    const start = /^ *> (.*)$/.exec(line);
    if (start) {
      if (current !== undefined) out.push(current);
      current = start[1];
    } else if (current !== undefined && /^ {4}\S/.test(line)) {
      current += " " + line.trimStart();
    } else if (current !== undefined) {
      out.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** Text with its line wrapping undone, so a sentence or a folded quote matches wherever the wrap fell. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** Lines wider than `width` columns. */
export function tooWide(text: string, width = 80): string[] {
  return text.split("\n").filter((l) => [...l].length > width);
}
