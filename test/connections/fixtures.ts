/** Loading the connections fixtures (test/fixtures/connections/, made by scripts/connections-fixtures.sh). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExpectedConnection } from "../../scripts/connections-fixtures.js";
import { ConnectionTracker, connectionsFromPackets, type TrackerEvent, type TrackerOptions } from "../../src/connections/index.js";
import type { Connection } from "../../src/connections/types.js";
import { packetsFromText } from "../../src/packets/index.js";
import type { Packet } from "../../src/packets/types.js";

/** Repo root from dist/test/connections/. */
export const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = join(root, "test/fixtures/connections");

/** The renderings of every capture: time of day (µs, relative), -tt --nano -v -S, and -ttt deltas. */
export const VARIANTS = ["nn", "tt-nano-v-S", "ttt"] as const;
export type Variant = (typeof VARIANTS)[number];

export function captureNames(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".expected.json"))
    .map((f) => f.replace(/\.expected\.json$/, ""))
    .sort();
}

/** tshark's view of a capture (scripts/connections-fixtures.ts). */
export function expectedOf(name: string): ExpectedConnection[] {
  return (JSON.parse(readFileSync(join(dir, `${name}.expected.json`), "utf8")) as { connections: ExpectedConnection[] }).connections;
}

/** The packets of a text file under the repo, through the real records → grammar → packets stages. */
export function packetsOfFile(path: string): Packet[] {
  return packetsFromText(readFileSync(join(root, path), "utf8"), path);
}

export function packetsOf(name: string, variant: Variant): Packet[] {
  return packetsOfFile(`test/fixtures/connections/${name}.${variant}.txt`);
}

export function connectionsOf(name: string, variant: Variant = "nn", opts?: TrackerOptions): Connection[] {
  return connectionsFromPackets(name, packetsOf(name, variant), opts);
}

/** Every event of a whole capture, tagged with the line of the packet whose push produced it (0 for flush). */
export function eventsOf(name: string, opts?: TrackerOptions): { line: number; event: TrackerEvent }[] {
  const tracker = new ConnectionTracker(name, opts);
  const out: { line: number; event: TrackerEvent }[] = [];
  for (const p of packetsOf(name, "nn")) for (const event of tracker.push(p)) out.push({ line: p.line, event });
  for (const event of tracker.flush()) out.push({ line: 0, event });
  return out;
}
