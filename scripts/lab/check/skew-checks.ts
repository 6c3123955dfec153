import { join } from "node:path";
import type { CheckResults } from "./results.js";
import type { Scenario } from "./scenario.js";
import { readFrames } from "./tshark.js";

/** The skewed back capture is the true one with every timestamp moved by the stated amount. */
export function checkSkew(s: Scenario, r: CheckResults): void {
  const { backAheadMs, truePcap } = s.truth.clock;
  if (!truePcap) return;
  const truth = readFrames(join(s.dir, truePcap));
  const skewed = s.tshark.back.frames;
  const shiftNs = BigInt(Math.round(backAheadMs * 1e6));
  const moved = truth.length === skewed.length && truth.every((f, i) => skewed[i].timeNs - f.timeNs === shiftNs && skewed[i].seq === f.seq);
  r.check(`back: ${s.truth.captures.back.pcap} = ${truePcap} moved by ${backAheadMs} ms`, moved, `${truth.length} and ${skewed.length} frames`);
}
