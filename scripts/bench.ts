/**
 * `npm run bench`: how fast hs-report reads tcpdump's text compared with how fast tcpdump
 * prints it (issue 6). Writes the synthetic captures, renders them with real tcpdump, times
 * tcpdump and hs-report in alternating rounds, prints a table and updates docs/performance.md.
 * Nothing here asserts a number: the table is for reading.
 */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchCases } from "./bench/cases.js";
import { CAPTURES, Dataset, type CaptureName, type TextFormat } from "./bench/dataset.js";
import { describeMachine } from "./bench/machine.js";
import { hasGnuTime } from "./bench/measure.js";
import { parseOptions } from "./bench/options.js";
import { loadRange, reportSection, updatePerformanceDoc, type InputFile } from "./bench/performance-doc.js";
import { resultsTable } from "./bench/results-table.js";
import { runRounds } from "./bench/run-rounds.js";

/** dist/scripts/bench.js -> the repository root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TEXTS: ReadonlyArray<[CaptureName, TextFormat]> = [["server", "nn"], ["server", "vvv"], ["front", "nn"], ["back", "nn"], ["flood", "nn"]];
/** What each capture is, for the page's table of inputs. */
const WHAT: Record<CaptureName, string> = {
  server: "the busy server (pcap)",
  front: "the proxy's front side (pcap)",
  back: "the proxy's back side (pcap)",
  flood: "a SYN flood on the server (pcap)",
};

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseOptions(args);
  const machine = describeMachine();
  const notes: string[] = [];
  if (machine.tcpdump === undefined) {
    notes.push("tcpdump is not installed (apt-get install -y tcpdump): no baseline, and text only from an earlier rendering.");
  }
  const gnuTime = hasGnuTime();
  if (!gnuTime) notes.push("GNU time is not installed (apt-get install -y time): peak RSS not measured.");

  const started = process.hrtime.bigint();
  const dataset = Dataset.prepare(join(ROOT, "bench-data"), options.dataset, log);
  log(
    dataset.reused
      ? `reusing captures in ${relative(ROOT, dataset.dir)} (written in ${dataset.generateSeconds.toFixed(1)} s)`
      : `captures written in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
  );

  const inputs: InputFile[] = CAPTURES.map((name) => ({
    path: relative(ROOT, dataset.pcap(name)),
    what: WHAT[name],
    packets: dataset.packets(name),
    bytes: statSync(dataset.pcap(name)).size,
    seconds: undefined,
  }));
  const texts = new Map<`${CaptureName}.${TextFormat}`, string>();
  for (const [name, format] of TEXTS) {
    const rendering = dataset.text(name, format, machine.tcpdump);
    if (rendering === undefined) {
      notes.push(`${relative(ROOT, dataset.textPath(name, format))} could not be rendered: tcpdump is not installed.`);
      continue;
    }
    log(`${rendering.reused ? "reusing" : "rendered"} ${relative(ROOT, rendering.path)} (${(rendering.bytes / 1e6).toFixed(0)} MB, ${rendering.seconds.toFixed(1)} s)`);
    texts.set(`${name}.${format}`, rendering.path);
    inputs.push({
      path: relative(ROOT, rendering.path),
      what: `TZ=UTC tcpdump ${format === "nn" ? "-nn" : "-nn -vvv"} -r ${name}.pcap`,
      packets: dataset.packets(name),
      bytes: rendering.bytes,
      seconds: rendering.seconds,
    });
  }

  const cases = benchCases(ROOT, dataset, texts, machine.tcpdump !== undefined);
  if (cases.length === 0) throw new Error("nothing to measure: tcpdump is not installed and no rendered text exists");
  const { results, loadAverages } = await runRounds(cases, options.rounds, { cwd: ROOT, gnuTime, timeoutSeconds: options.timeoutSeconds }, log);
  const front = texts.get("front.nn");
  const back = texts.get("back.nn");
  if (front !== undefined && back !== undefined) notes.push(matchStepNote(front, back, options.rounds));
  const table = resultsTable(results, machine.tcpdump !== undefined);
  process.stdout.write(`\n${table}\n\n1-minute load average before the runs: ${loadRange(loadAverages)} on ${machine.cpus} CPUs\n`);
  for (const note of notes) process.stdout.write(`\n${note}\n`);

  if (options.writeDoc) {
    const section = reportSection({
      date: new Date(),
      machine,
      invocation: `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
      rounds: options.rounds,
      params: options.dataset,
      generateSeconds: dataset.generateSeconds,
      rssMethod: gnuTime ? "GNU time's %M (maximum resident set size of the command)" : "not measured (no GNU time)",
      loadAverages,
      inputs,
      table,
      notes,
    });
    updatePerformanceDoc(join(ROOT, "docs", "performance.md"), section);
    log(`\nupdated docs/performance.md`);
  }
}

/** The matching step alone (both captures read first, untimed), median of `rounds`, as a note for the page. */
function matchStepNote(front: string, back: string, rounds: number): string {
  const script = join(ROOT, "dist", "scripts", "bench", "match-step.js");
  const run = spawnSync(process.execPath, [script, front, back, String(Math.max(rounds, 3))], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) return `Matching step alone: could not be measured (${run.stderr.trim().split("\n").pop()}).`;
  const { seconds, connections, matches } = JSON.parse(run.stdout) as { seconds: number[]; connections: number[]; matches: number };
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return (
    `Matching step alone (matchCaptures on ${connections.join(" x ")} connections, both captures read first; ` +
    `${matches.toLocaleString("en-US")} pairs found, of ${Math.min(...connections).toLocaleString("en-US")} generated): ` +
    `${median.toFixed(2)} s median of ${seconds.length} (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)} s).`
  );
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
