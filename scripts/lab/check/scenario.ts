import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadTruth, type LabTruth, type Side } from "./truth.js";
import { readFrames, type TsharkFrame } from "./tshark.js";
import { connectionsOf, type TsharkConnection } from "./tshark-connections.js";

export type CaptureSide = Side | "any";

export interface TsharkView {
  frames: TsharkFrame[];
  conns: TsharkConnection[];
}

/** One scenario directory of a lab run: its ground truth and tshark's reading of each pcap. */
export interface Scenario {
  dir: string;
  truth: LabTruth;
  tshark: Record<CaptureSide, TsharkView>;
}

export const CAPTURE_SIDES: CaptureSide[] = ["front", "back", "any"];

export function loadScenario(dir: string): Scenario {
  const truth = loadTruth(join(dir, "truth.json"));
  const view = (side: CaptureSide): TsharkView => {
    const frames = readFrames(join(dir, truth.captures[side].pcap));
    return { frames, conns: connectionsOf(frames) };
  };
  return { dir, truth, tshark: { front: view("front"), back: view("back"), any: view("any") } };
}

/** The scenario directories of a lab run (those holding a truth.json), sorted. */
export function scenarioDirs(labDir: string): string[] {
  return readdirSync(labDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(labDir, d.name, "truth.json")))
    .map((d) => join(labDir, d.name))
    .sort();
}
