import type { Packet } from "../../src/packets/types.js";
import type { CompareContext, Findings } from "./tshark-findings.js";
import { expectedSeconds, expectedTimeText, SECONDS_TOLERANCE } from "./tshark-time.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * The time stamp text and `t`. The default form has no date: hs-report adds a day per
 * midnight roll-over it sees, so `t` is compared modulo one day there.
 */
export function compareTime(found: Findings, packet: Packet, segment: TsharkSegment, context: CompareContext): void {
  const { options, first } = context;
  found.required("time", expectedTimeText(segment, first, options), packet.time);
  const expected = expectedSeconds(segment, first, options);
  if (expected === undefined || packet.t === undefined) return;
  const day = options.timeForm === "default" ? 86_400 : Infinity;
  const difference = Math.abs(packet.t - expected) % day;
  if (Math.min(difference, day - difference) > SECONDS_TOLERANCE) found.add("t", expected, packet.t);
}
