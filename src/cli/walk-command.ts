import { confirm, input, select } from "@inquirer/prompts";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { matchCaptures } from "../matching/index.js";
import { styleFor } from "../render/colors.js";
import {
  backendQuestion,
  boxFeedback,
  boxQuestion,
  followedConnection,
  handshakesStep,
  isnStep,
  pairingFeedback,
  pairingStep,
  reasonQuestion,
  requestFeedback,
  requestQuestion,
  verdictStep,
  Walk,
  whereStep,
  wrap,
  type Question,
  type Side,
  type WalkCapture,
} from "../render/walkthrough/index.js";
import type { Options } from "./args.js";
import { readCapture } from "./capture.js";
import { EXIT, UsageError } from "./errors.js";

/** The widest text the walkthrough writes, however wide the terminal (long lines are hard to read). */
const MAX_WIDTH = 100;

const SIDE_NAMES: Record<Side, string> = {
  front: "The front capture: taken on the middle box's client-facing side.",
  back: "The back capture: taken where the middle box talks to the backend.",
};

/** Ctrl-C at a paste prompt, reported like inquirer's own ExitPromptError. */
class PasteInterrupted extends Error {
  override name = "ExitPromptError";
}

function say(text: string): void {
  process.stdout.write(text);
}

/** A paragraph wrapped to the terminal's width (at most MAX_WIDTH). */
function sayWrapped(text: string): void {
  say(wrap(text, terminalWidth()));
}

function terminalWidth(): number {
  return Math.min(process.stdout.columns || 80, MAX_WIDTH);
}

function ask<V>(q: Question<V>): Promise<V> {
  return select({ message: q.message, choices: q.choices, pageSize: 10 });
}

/**
 * Reads a capture pasted at the terminal, line by line, up to an empty line or Ctrl-D (blank
 * lines before the first text are ignored: a paste often starts with one).
 */
function readPaste(side: Side): Promise<string> {
  // The interface first: it puts the terminal in raw mode, so nothing typed after the
  // invitation meets the line discipline (which would cut long lines and turn Ctrl-C into a signal).
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  sayWrapped(`Paste the ${side} capture, then press Enter on an empty line (or Ctrl-D):`);
  const lines: string[] = [];
  let interrupted = false;
  return new Promise((resolve, reject) => {
    rl.on("line", (line) => {
      if (line.trim() === "" && lines.length > 0) rl.close();
      else if (line.trim() !== "") lines.push(line);
    });
    rl.on("SIGINT", () => {
      interrupted = true;
      rl.close();
    });
    rl.on("close", () => (interrupted ? reject(new PasteInterrupted()) : resolve(lines.length ? lines.join("\n") + "\n" : "")));
  });
}

async function fromFile(file: string, side: Side): Promise<WalkCapture> {
  const capture = await readCapture(file, side);
  return { capture, text: await readFile(file, "utf8") };
}

/** A pasted capture goes through the same reader as a file, by way of a private temporary file. */
async function fromPaste(side: Side): Promise<WalkCapture> {
  let text = await readPaste(side);
  while (text.trim() === "") {
    sayWrapped("Nothing was pasted.");
    text = await readPaste(side);
  }
  const dir = await mkdtemp(join(tmpdir(), "hs-report-walk-"));
  try {
    const file = join(dir, `${side}.txt`);
    await writeFile(file, text);
    const capture = await readCapture(file, side, { shownAs: `pasted-${side}` });
    return { capture, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function isFile(name: string): Promise<true | string> {
  const info = await stat(name).catch(() => undefined);
  return info?.isFile() ? true : `${name}: no such file`;
}

/** A capture named on the command line (`-`: pasted), or asked for: a file name or a paste. */
async function obtain(side: Side, name: string | undefined): Promise<WalkCapture> {
  if (name !== undefined && name !== "-") return fromFile(name, side);
  sayWrapped(SIDE_NAMES[side]);
  const how =
    name === "-"
      ? "paste"
      : await select({
          message: "How will you give it?",
          choices: [
            { value: "paste", name: "paste it here (copied from a terminal or a web page)", short: "paste" },
            { value: "file", name: "a file name", short: "file" },
          ],
        });
  if (how === "paste") return fromPaste(side);
  return fromFile(await input({ message: "File name:", validate: isFile }), side);
}

/** Asks whether to go on; false ends the walkthrough politely. */
function next(step: number): Promise<boolean> {
  return confirm({ message: `Go on to step ${step}?`, default: true });
}

/** The six steps, asking as it goes; resolves when the student reaches the end or stops. */
async function walkthrough(names: (string | undefined)[]): Promise<void> {
  const front = await obtain("front", names[0]);
  const back = await obtain("back", names[1]);
  const result = matchCaptures(front.capture, back.capture);
  const walk = new Walk(front, back, result, { style: styleFor(process.stdout), width: terminalWidth() });

  say(whereStep(walk));
  if (!(await next(2))) return;
  say(handshakesStep(walk, "front"));
  const request = requestQuestion(walk);
  const chosen = request && (await ask(request));
  if (chosen !== undefined) say(requestFeedback(walk, chosen).text);
  const followed = followedConnection(walk, chosen);
  if (!(await next(3))) return;
  say(handshakesStep(walk, "back"));
  if (!(await next(4))) return;
  say(pairingStep(walk, followed));
  const backend = followed && backendQuestion(walk, followed);
  if (followed && backend) {
    const backId = await ask(backend);
    const reason = await ask(reasonQuestion());
    say(pairingFeedback(walk, followed, backId, reason).text);
  }
  if (!(await next(5))) return;
  const pair = followed && walk.pairOf(followed.id);
  say(isnStep(walk, pair));
  if (pair) say(boxFeedback(walk, pair, await ask(boxQuestion())).text);
  if (!(await next(6))) return;
  say(verdictStep(walk, pair));
  say("\n");
  sayWrapped("That is the whole walkthrough. `hs-report FRONT BACK` prints the same analysis as one report.");
}

/**
 * `hs-report walk [FRONT BACK]`: the interactive walkthrough. Needs a terminal on both stdin
 * and stdout (else exit 2 with one sentence). Captures not named are asked for: a file name or
 * a paste. Exit 0 at the end or when the student declines to go on; Ctrl-C at any prompt
 * prints a goodbye and exits 130.
 */
export async function walkCommand(opts: Options): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write("hs-report walk asks questions and needs a terminal; without one, run `hs-report FRONT BACK` for the same analysis as a report.\n");
    return EXIT.usage;
  }
  const names = [opts.front, ...opts.files, opts.back].filter((n): n is string => n !== undefined);
  if (names.length > 2) throw new UsageError("walk takes at most two captures: FRONT (the client-facing side), then BACK (the backend side)");
  try {
    await walkthrough(names);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof Error && e.name === "ExitPromptError") {
      say("\nWalkthrough stopped. Bye.\n");
      return EXIT.interrupted;
    }
    throw e;
  }
}
