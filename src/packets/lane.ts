import { SegmentScan } from "../grammar/fast/segment-scan.js";
import type { RecordAssembler } from "../records/index.js";
import type { PacketReader } from "./reader.js";
import type { ScannedPacket } from "./types.js";

/**
 * The fast lane (issue 6, docs/performance.md): a line of the common shape goes from its text
 * to a reused ScannedPacket in one pass (grammar/fast/segment-scan.ts), past the record, the
 * token list, the ParsedSegment, the Packet and the event that the regular way makes of it.
 * The regular way stays the definition: the lane takes a line only when the scan is sure of it
 * and the assembler and the reader are in a state where the line would come out of them alone,
 * and what it gives equals what they give (test/packets/lane.test.ts).
 */
export class FastLane {
  private readonly scan = new SegmentScan();

  constructor(
    private readonly assembler: RecordAssembler,
    private readonly reader: PacketReader,
  ) {}

  /** The line's packet, valid until the next call; undefined when the line is left to the regular way. */
  take(line: string): ScannedPacket | undefined {
    if (!this.assembler.takesWholeLine || !this.reader.takesScanned || !this.scan.read(line)) return undefined;
    return this.reader.pushScanned(this.scan, this.assembler.pushWholeLine(line));
  }
}
