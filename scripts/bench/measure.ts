/**
 * Runs one command with its output thrown away and measures its wall time (high-resolution
 * clock around the child) and its peak resident set size (GNU time's %M, when installed).
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";

export type Measurement =
  | { ok: true; wallSeconds: number; maxRssKiB: number | undefined }
  | { ok: false; wallSeconds: number; error: string };

/** True when /usr/bin/time is GNU time (BusyBox's has no -o/-f). */
export function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const result = spawnSync(GNU_TIME, ["--version"], { encoding: "utf8" });
  return `${result.stdout}${result.stderr}`.includes("GNU");
}

export interface MeasureOptions {
  cwd: string;
  gnuTime: boolean;
  timeoutSeconds: number;
}

export async function measure(command: string[], env: Record<string, string>, options: MeasureOptions): Promise<Measurement> {
  const scratch = mkdtempSync(join(tmpdir(), "hs-bench-"));
  const rssFile = join(scratch, "rss");
  const stderrFile = join(scratch, "stderr");
  const argv = options.gnuTime ? [GNU_TIME, "-f", "%M", "-o", rssFile, ...command] : command;
  const devNull = openSync("/dev/null", "w");
  const stderr = openSync(stderrFile, "w");
  try {
    const started = process.hrtime.bigint();
    const outcome = await run(argv, env, options, devNull, stderr).catch((error: Error) => error);
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (outcome instanceof Error) return { ok: false, wallSeconds, error: outcome.message };
    const { code, signal, timedOut } = outcome;
    if (timedOut) return { ok: false, wallSeconds, error: `timed out after ${options.timeoutSeconds} s` };
    if (code !== 0) {
      return { ok: false, wallSeconds, error: `exit ${code ?? signal}: ${errorLine(readFileSync(stderrFile, "utf8"))}` };
    }
    return { ok: true, wallSeconds, maxRssKiB: options.gnuTime ? readRss(rssFile) : undefined };
  } finally {
    closeSync(devNull);
    closeSync(stderr);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The line of stderr that says what went wrong: a Node stack trace names the error mid-way. */
function errorLine(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => /\berror\b/i.test(l) && !l.startsWith("at ")) ?? lines[0] ?? "no message";
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** GNU time writes "Command exited with ..." lines before the value when the command fails. */
function readRss(path: string): number | undefined {
  const value = Number(readFileSync(path, "utf8").trim().split("\n").pop());
  return Number.isFinite(value) ? value : undefined;
}

function run(
  argv: string[],
  env: Record<string, string>,
  options: MeasureOptions,
  stdout: number,
  stderr: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends the command and not just GNU time.
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", stdout, stderr],
      detached: true,
    });
    let timedOut = false;
    const killGroup = (): void => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutSeconds * 1000);
    // Being in its own group, the command would outlive an interrupted benchmark.
    const interrupted = (): void => {
      killGroup();
      process.exit(130);
    };
    process.once("SIGINT", interrupted);
    process.once("SIGTERM", interrupted);
    const done = (): void => {
      clearTimeout(timer);
      process.off("SIGINT", interrupted);
      process.off("SIGTERM", interrupted);
    };
    child.on("error", (error) => {
      done();
      reject(error);
    });
    child.on("close", (code, signal) => {
      done();
      resolve({ code, signal, timedOut });
    });
  });
}
