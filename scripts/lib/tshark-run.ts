import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromNanos, toNanos } from "./tshark-decimal.js";
import { segmentFromLayers } from "./tshark-extract.js";
import { fieldValues, firstField, layerAt, type JsonTree } from "./tshark-json.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * tshark preferences for every read: raw SACK edges (relative numbering off), checksums
 * verified, no stream analysis, and no reassembly of IP fragments or TCP streams, so that a
 * first fragment carries its TCP header in its own frame as tcpdump prints it.
 */
export const TSHARK_PREFERENCES = [
  "tcp.relative_sequence_numbers:FALSE",
  "tcp.check_checksum:TRUE",
  "tcp.analyze_sequence_numbers:FALSE",
  "tcp.desegment_tcp_streams:FALSE",
  "ip.defragment:FALSE",
  "ipv6.defragment:FALSE",
];

const MAX_OUTPUT = 1 << 30;

export interface CaptureSegments {
  /** Time of the capture's first frame, whatever its protocol. */
  first: string;
  /** Frames tshark reports as malformed or in error and finds no TCP segment in. */
  undecoded: number[];
  segments: TsharkSegment[];
}

/** Frames worth reading: TCP ones, and broken ones (where a TCP segment may hide from tshark). */
const DISPLAY_FILTER = "tcp || _ws.malformed || _ws.expert.severity >= 8388608";
const ERROR_SEVERITY = 8388608;

/** First line of `tshark --version`; throws a clear error when tshark is not installed. */
export function tsharkVersion(): string {
  return toolVersion("tshark", "apt-get install -y tshark");
}

export function tcpdumpVersion(): string {
  return toolVersion("tcpdump", "apt-get install -y tcpdump");
}

function toolVersion(tool: string, install: string): string {
  const run = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    throw new Error(`${tool} is not available (${run.error?.message ?? run.stderr.trim()}); install it: ${install}`);
  }
  return `${run.stdout}${run.stderr}`.split("\n").find((line) => /\d+\.\d+\.\d+/.test(line))?.trim() ?? "";
}

/**
 * Every TCP segment tshark finds in `pcap`. With a BPF `filter`, tcpdump first writes the
 * frames that pass it to a temporary capture (nanosecond precision kept), so that frame numbers
 * and time deltas are those of the packets tcpdump prints.
 */
export function readCapture(pcap: string, filter: string[] = []): CaptureSegments {
  if (filter.length === 0) return readFile(pcap);
  const dir = mkdtempSync(join(tmpdir(), "tshark-filter-"));
  try {
    const filtered = join(dir, "filtered.pcap");
    run("tcpdump", ["--time-stamp-precision=nano", "-r", pcap, "-w", filtered, ...filter]);
    return readFile(filtered);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFile(pcap: string): CaptureSegments {
  const preferences = TSHARK_PREFERENCES.flatMap((p) => ["-o", p]);
  const output = run("tshark", ["-n", "-r", pcap, ...preferences, "-Y", DISPLAY_FILTER, "-T", "json", "--no-duplicate-keys"]);
  const frames = (JSON.parse(output) as { _source: { layers: JsonTree } }[]).map((f) => f._source.layers);
  const segments: TsharkSegment[] = [];
  const undecoded: number[] = [];
  for (const layers of frames) {
    const segment = segmentFromLayers(layers);
    if (segment) segments.push(segment);
    else if (broken(layers)) undecoded.push(Number(firstField(layerAt(layers, "frame", 0), "frame.number")));
  }
  return { first: firstFrameTime(frames[0]), undecoded, segments };
}

function broken(layers: JsonTree): boolean {
  return layers["_ws.malformed"] !== undefined || fieldValues(layers, "_ws.expert.severity").some((s) => Number(s) >= ERROR_SEVERITY);
}

/** The first frame's time, from any displayed frame's time and its offset from the first. */
function firstFrameTime(layers: JsonTree | undefined): string {
  const frame = layers && layerAt(layers, "frame", 0);
  const time = firstField(frame, "frame.time_epoch");
  const relative = firstField(frame, "frame.time_relative");
  if (time === undefined || relative === undefined) return "";
  return fromNanos(toNanos(time) - toNanos(relative));
}

/**
 * Runs a tool and returns its stdout. A non-zero exit with output (a capture cut short, which
 * tshark and tcpdump report after printing every whole frame) is a warning on stderr, not an error.
 */
export function run(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: MAX_OUTPUT, env: env ?? process.env });
  const reason = () => result.error?.message ?? result.stderr.trim().split("\n").slice(-2).join(" / ");
  if (result.error || (result.status !== 0 && result.stdout.trim() === "")) {
    throw new Error(`${command} ${args.join(" ")} failed: ${reason()}`);
  }
  if (result.status !== 0) console.error(`warning: ${command} ${args.join(" ")}: ${reason()}`);
  return result.stdout;
}
