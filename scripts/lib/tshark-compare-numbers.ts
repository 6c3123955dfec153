import type { Packet } from "../../src/packets/types.js";
import { mod32, type CompareContext, type Findings } from "./tshark-findings.js";
import { ACK } from "./tshark-flags.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * Sequence numbers against tshark's raw values (FORMAT.md 6.6, 6.7):
 * - printed seq/ack/seqEnd when hs-report says they are raw (`relative: false`);
 * - `abs.seq`/`abs.ack`/`abs.seqEnd` whenever hs-report gives them (seqEnd = seq + length);
 * - `relative` must be false for a `-S` rendering;
 * - SACK edges: raw with `-S` or without ACK; otherwise tcpdump subtracts the receiver's
 *   origin, the same amount it subtracts from `ack`, so edge − ack must equal tshark's
 *   raw edge − raw ack — on the segment that created tcpdump's entry (printed raw, origin =
 *   ack − 1) that makes printed edge = raw edge − raw ack + 1.
 */
export function compareNumbers(found: Findings, packet: Packet, segment: TsharkSegment, context: CompareContext): void {
  const seqEnd = segment.seq === undefined || segment.len === undefined ? undefined : mod32(segment.seq + segment.len);
  if (context.options.absolute && packet.relative === true) found.add("relative", false, true);
  if (packet.relative === false) {
    found.same("seq", segment.seq, packet.seq);
    found.same("ack", segment.ack, packet.ack);
    found.same("seqEnd", seqEnd, packet.seqEnd);
  }
  found.same("abs.seq", segment.seq, packet.abs?.seq);
  found.same("abs.ack", segment.ack, packet.abs?.ack);
  found.same("abs.seqEnd", seqEnd, packet.abs?.seqEnd);
  compareSack(found, packet, segment, context);
}

function compareSack(found: Findings, packet: Packet, segment: TsharkSegment, context: CompareContext): void {
  const ours = packet.options?.sack;
  const theirs = segment.options?.sack;
  if (!ours || !theirs || segment.ack === undefined || segment.flags === undefined) return;
  const origin = receiverOrigin(packet, segment.ack, context.options.absolute || (segment.flags & ACK) === 0);
  if (origin === undefined) return;
  const expected = theirs.map(([l, r]) => [mod32(l - origin), mod32(r - origin)]);
  found.same("options.sack", expected, ours);
}

/** What tcpdump subtracted from this segment's SACK edges (and ack). */
function receiverOrigin(packet: Packet, rawAck: number, raw: boolean): number | undefined {
  if (raw) return 0;
  if (packet.relative === false) return mod32(rawAck - 1);
  return packet.ack === undefined ? undefined : mod32(rawAck - packet.ack);
}
