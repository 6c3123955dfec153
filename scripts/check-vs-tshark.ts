/**
 * Proves hs-report's field extraction on any captures: renders each pcap with the real tcpdump
 * under many flag sets, parses every text with packetsFromText, and compares every field of
 * every TCP segment with tshark's decoding of the same pcap (absolute seq/ack included).
 *
 *   node dist/scripts/check-vs-tshark.js PCAP... [--flags "-nn;-v;-S -e"] [--min 99.9] [--show 5]
 *
 * Prints one row per flag set (segments, segments with every field right, %, segments with a
 * printed seq/ack but no absolute value, frames nothing could be compared for) and the first
 * mismatches with their line numbers; exits 1 when the overall share right is below --min.
 */
import { basename } from "node:path";
import { packetsFromText } from "../src/packets/index.js";
import { parseTcpdumpArgs } from "./lib/tshark-args.js";
import { readCapture, tcpdumpVersion, tsharkVersion, type CaptureSegments } from "./lib/tshark-run.js";
import { scoreRendering, type Finding } from "./lib/tshark-score.js";
import { renderWithTcpdump, versionFamily } from "./lib/tshark-tcpdump.js";
import type { TcpdumpVersion } from "./lib/tshark-types.js";

const DEFAULT_FLAG_SETS = [
  "-n",
  "-nn",
  "",
  "-v",
  "-vv",
  "-vvv",
  "-e",
  "-tttt",
  "-tt",
  "-ttt",
  "-ttttt",
  "-S",
  "-S -v",
  "-#",
  "--nano",
  "-nn -tt --nano",
  "-nn -vvv -e -tttt",
  "-q",
  "-x",
  "-A",
];

interface Settings {
  pcaps: string[];
  flagSets: string[];
  min: number;
  show: number;
}

interface Row {
  flags: string;
  segments: number;
  right: number;
  noAbs: number;
  unchecked: number;
  examples: string[];
}

function parseArguments(argv: string[]): Settings {
  const settings: Settings = { pcaps: [], flagSets: DEFAULT_FLAG_SETS, min: 99.9, show: 5 };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--flags") settings.flagSets = argv[++i].split(";").map((s) => s.trim());
    else if (word === "--min") settings.min = Number(argv[++i]);
    else if (word === "--show") settings.show = Number(argv[++i]);
    else if (word.startsWith("--")) throw new Error(`unknown option ${word}`);
    else settings.pcaps.push(word);
  }
  if (settings.pcaps.length === 0) throw new Error('usage: check-vs-tshark PCAP... [--flags "set1;set2"] [--min 99.9] [--show 5]');
  if (Number.isNaN(settings.min)) throw new Error("--min takes a percentage");
  return settings;
}

function checkFlagSet(flags: string, settings: Settings, family: TcpdumpVersion, captures: Map<string, CaptureSegments>): Row {
  const args = flags.split(/\s+/).filter((w) => w !== "");
  const options = parseTcpdumpArgs(args);
  const row: Row = { flags: flags === "" ? "(none)" : flags, segments: 0, right: 0, noAbs: 0, unchecked: 0, examples: [] };
  for (const pcap of settings.pcaps) {
    const key = `${pcap}\0${options.filter.join(" ")}`;
    const capture = captures.get(key) ?? readCapture(pcap, options.filter);
    captures.set(key, capture);
    const packets = packetsFromText(renderWithTcpdump(pcap, args), basename(pcap));
    const context = { options, tcpdump: family, first: capture.first, pcap, undecoded: capture.undecoded };
    const score = scoreRendering(packets, capture.segments, context);
    row.segments += score.segments;
    row.right += score.right;
    row.noAbs += score.noAbs;
    row.unchecked += score.unchecked;
    const room = settings.show - row.examples.length;
    if (room > 0) row.examples.push(...score.findings.slice(0, room).map((f) => describe(basename(pcap), f)));
  }
  return row;
}

function describe(file: string, finding: Finding): string {
  const where = `${file}:${finding.line ?? "-"}${finding.frame === undefined ? "" : ` (frame ${finding.frame})`}`;
  return `${where} ${finding.field}: expected ${JSON.stringify(finding.expected)}, got ${JSON.stringify(finding.actual)}`;
}

function percent(right: number, total: number): number {
  return total === 0 ? 100 : (100 * right) / total;
}

function printTable(rows: Row[]): void {
  const header = ["flags", "segments", "all right", "% right", "no abs", "unchecked"];
  const lines = rows.map((r) => [r.flags, r.segments, r.right, percent(r.right, r.segments).toFixed(3), r.noAbs, r.unchecked].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(format(header));
  for (const [i, line] of lines.entries()) {
    console.log(format(line));
    for (const example of rows[i].examples) console.log(`    ${example}`);
  }
}

function main(argv: string[]): number {
  const settings = parseArguments(argv);
  const local = tcpdumpVersion();
  console.log(`${local}; ${tsharkVersion()}; ${settings.pcaps.length} capture(s), ${settings.flagSets.length} flag set(s)`);
  const captures = new Map<string, CaptureSegments>();
  const rows = settings.flagSets.map((flags) => checkFlagSet(flags, settings, versionFamily(local), captures));
  const total = rows.reduce(
    (sum, r) => ({ ...sum, segments: sum.segments + r.segments, right: sum.right + r.right, noAbs: sum.noAbs + r.noAbs, unchecked: sum.unchecked + r.unchecked }),
    { flags: "TOTAL", segments: 0, right: 0, noAbs: 0, unchecked: 0, examples: [] as string[] },
  );
  printTable([...rows, total]);
  const share = percent(total.right, total.segments);
  const verdict = share >= settings.min ? "PASS" : "FAIL";
  console.log(`${verdict}: ${share.toFixed(3)}% of ${total.segments} segments have every field right (minimum ${settings.min}%)`);
  return verdict === "PASS" ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`check-vs-tshark: ${(error as Error).message}`);
  process.exitCode = 2;
}
