/**
 * Writes a run's results into docs/performance.md between two markers; the text around the
 * markers (what is measured and why) is written by hand and left alone.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { DatasetParams } from "./dataset.js";
import type { Machine } from "./machine.js";

const BEGIN = "<!-- bench:begin — written by `npm run bench`; edit outside the markers -->";
const END = "<!-- bench:end -->";

export interface InputFile {
  path: string;
  what: string;
  packets: number;
  bytes: number;
  /** How long tcpdump took to print it; undefined for the pcaps. */
  seconds: number | undefined;
}

export interface RunReport {
  date: Date;
  machine: Machine;
  /** The exact command line of the run, e.g. `npm run bench -- --rounds 5`. */
  invocation: string;
  rounds: number;
  params: DatasetParams;
  /** How long the generator took to write all three pcaps. */
  generateSeconds: number;
  rssMethod: string;
  /** 1-minute load averages sampled before each run. */
  loadAverages: number[];
  inputs: InputFile[];
  table: string;
  notes: string[];
}

const count = new Intl.NumberFormat("en-US");

function inputTable(inputs: readonly InputFile[]): string {
  const rows = inputs.map((input) => [
    `\`${input.path}\``,
    input.what,
    count.format(input.packets),
    `${(input.bytes / 1e6).toFixed(0)} MB`,
    input.seconds === undefined ? "—" : `${input.seconds.toFixed(1)} s`,
  ]);
  return [["file", "what", "packets", "size", "time to render"], ["---", "---", "---:", "---:", "---:"], ...rows]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}

export function loadRange(samples: readonly number[]): string {
  return samples.length === 0 ? "(no runs)" : `${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)}`;
}

export function reportSection(report: RunReport): string {
  const { machine } = report;
  const tcpdump = machine.tcpdump ? `tcpdump ${machine.tcpdump} (libpcap ${machine.libpcap ?? "?"})` : "tcpdump not installed";
  return [
    "## Latest run",
    "",
    `- Date: ${report.date.toISOString()}`,
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ${machine.os}`,
    `- Software: Node ${machine.node}, ${tcpdump}`,
    `- Command: \`${report.invocation}\` (${report.rounds} rounds, the commands alternating in table order)`,
    `- Wall time: high-resolution clock around each child process, output to /dev/null. Peak RSS: ${report.rssMethod}.`,
    `- Load: the 1-minute load average before each run ranged ${loadRange(report.loadAverages)} (${machine.cpus} CPUs); above the CPU count other work was competing.`,
    "",
    "Input:",
    "",
    `- Generator: ${count.format(report.params.server.connections)} server connections (seed ${report.params.server.seed}), ` +
      `${count.format(report.params.proxy.connections)} proxied connections (seed ${report.params.proxy.seed}) and ` +
      `a flood of ${count.format(report.params.flood.connections)} SYNs (seed ${report.params.flood.seed}), ` +
      `the four pcaps written in ${report.generateSeconds.toFixed(1)} s`,
    "",
    inputTable(report.inputs),
    "",
    "Results:",
    "",
    report.table,
    ...(report.notes.length > 0 ? ["", ...report.notes.map((note) => `- ${note}`)] : []),
  ].join("\n");
}

/** Replaces the section between the markers, or appends it when the markers are missing. */
export function updatePerformanceDoc(path: string, section: string): void {
  const block = `${BEGIN}\n${section}\n${END}`;
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Performance\n";
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const updated =
    start >= 0 && end > start
      ? text.slice(0, start) + block + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, updated);
}
