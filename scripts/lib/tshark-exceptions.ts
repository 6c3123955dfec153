import type { Packet } from "../../src/packets/types.js";
import type { Pair } from "./tshark-align.js";
import type { CompareContext, Mismatch } from "./tshark-findings.js";
import { AE, flagsText } from "./tshark-flags.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * The one list of differences between tcpdump's text and tshark that are tcpdump's (or
 * tshark's) own behaviour, not hs-report parsing errors. Each entry says why and matches as
 * narrowly as it can: a field entry is asked about one mismatch of one paired segment, a
 * `missed` entry about a frame tshark decodes as TCP that no packet accounts for, an `extra`
 * entry about a packet no tshark segment accounts for. The corpus test fails when an entry
 * is never used, so the list cannot silently outlive the behaviour it describes.
 */
export interface KnownDifference {
  id: string;
  reason: string;
  field?: (mismatch: Mismatch, pair: Pair, context: CompareContext) => boolean;
  missed?: (segment: TsharkSegment, context: CompareContext) => boolean;
  extra?: (packet: Packet, context: CompareContext) => boolean;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: "ae-flag-4.99.3",
    reason:
      "tcpdump before 4.99.6 does not print the AE bit (0x100, FORMAT.md 6.4): `[SEWe]` prints as `[SEW]` in 4.99.3. " +
      "The flags must still match every other bit.",
    field: (m, { segment }, { tcpdump }) =>
      m.field === "flags" &&
      tcpdump === "4.99.3" &&
      segment.flags !== undefined &&
      (segment.flags & AE) !== 0 &&
      m.actual === flagsText(segment.flags & ~AE),
  },
];
