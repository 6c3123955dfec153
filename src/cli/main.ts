import { readFileSync } from "node:fs";
import { parseArgs, type Options } from "./args.js";
import { EXIT, InputError, UsageError } from "./errors.js";
import { HELP } from "./help.js";
import { TrackingThread, tracksInThread } from "./pipeline/tracking-thread.js";

/** Runs hs-report with these arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`hs-report: ${e.message}\nTry 'hs-report --help'.\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (opts.version) {
    process.stdout.write(`hs-report ${version()}\n`);
    return EXIT.ok;
  }
  try {
    return await run(opts);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`hs-report: ${e.message}\n`);
      return EXIT.input;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`hs-report: ${e.message}\nTry 'hs-report --help'.\n`);
      return EXIT.usage;
    }
    const detail = process.env.HS_REPORT_DEBUG ? (e as Error).stack : (e as Error).message;
    process.stderr.write(`hs-report: internal error: ${detail}\n(please report this with the input that caused it)\n`);
    return EXIT.internal;
  }
}

async function run(opts: Options): Promise<number> {
  // The walkthrough asks for what it lacks (file names or pasted text) at its own prompts.
  // Loaded only here: inquirer adds ~10 MB to every run's memory otherwise.
  if (opts.command === "walk") return (await import("./walk-command.js")).walkCommand(opts);
  const files = inputFiles(opts);
  checkThreads(opts, files);
  if (opts.command === "packets") return (await import("./packets-command.js")).packetsCommand(files, opts.strict);
  // The commands' modules are loaded here, after the tracking thread is started: it boots while they load.
  const thread = opts.json && files.length === 1 && tracksInThread(files[0], opts.threads) ? new TrackingThread() : undefined;
  try {
    return await (await import("./report-command.js")).reportCommand(files, opts, thread);
  } finally {
    thread?.close();
  }
}

/** --threads belongs to `--json` on one input; anywhere else it is refused rather than ignored. */
function checkThreads(opts: Options, files: string[]): void {
  if (opts.threads === undefined) return;
  if (opts.command !== "report") throw new UsageError(`--threads works with --json on one input, not with ${opts.command}`);
  if (opts.threads > 1 && !(opts.json && files.length === 1)) {
    throw new UsageError("--threads works with --json on one input (a file, or standard input)");
  }
}

/** Files from the command line; standard input when none are named and stdin is not a terminal. */
function inputFiles(opts: Options): string[] {
  const files = [...opts.files];
  if (opts.front) files.unshift(opts.front);
  if (opts.back) files.push(opts.back);
  if (files.length) return files;
  if (process.stdin.isTTY) throw new UsageError("no input: name a file, or pipe tcpdump's output in (tcpdump -l ... | hs-report)");
  return ["-"];
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
