import type { Packet } from "../../src/packets/types.js";
import type { CompareContext, Findings } from "./tshark-findings.js";
import { flagsBits, flagsText } from "./tshark-flags.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * Flags, window, urgent pointer, payload length and checksum. A record tcpdump printed in full
 * (not quiet, not marked truncated) must carry flags, window and length; the flags are checked
 * both ways (text from tshark's bits, bits from our text).
 */
export function compareTcpHeader(found: Findings, packet: Packet, segment: TsharkSegment, context: CompareContext): void {
  const complete = !context.options.quiet && packet.truncated !== true;
  if (segment.flags !== undefined && (complete || packet.flags !== undefined)) {
    const expected = flagsText(segment.flags);
    const bits = packet.flags === undefined ? undefined : flagsBits(packet.flags);
    if (packet.flags !== expected || bits !== (segment.flags & 0x1ff)) found.add("flags", expected, packet.flags);
  }
  found.required("win", segment.win, packet.win, complete);
  found.required("len", segment.len, packet.len, packet.truncated !== true);
  found.same("urg", segment.urg, packet.urg);
  compareChecksum(found, packet, segment);
}

function compareChecksum(found: Findings, packet: Packet, segment: TsharkSegment): void {
  const ours = packet.cksum;
  const theirs = segment.cksum;
  if (!ours || !theirs) return;
  found.same("cksum.value", theirs.value, Number(ours.value));
  if (theirs.status === "unverified") return;
  found.same("cksum.correct", theirs.status === "good", ours.correct);
  if (!ours.correct) found.same("cksum.computed", theirs.computed, ours.computed === undefined ? undefined : Number(ours.computed));
}
