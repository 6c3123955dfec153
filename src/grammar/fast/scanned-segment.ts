import type { ParsedSegment } from "../types.js";
import type { SegmentScan } from "./segment-scan.js";

/**
 * The ParsedSegment of the record the scan read last, as the grammar builds it: for a reader
 * that wants the whole segment of every line (`hs-report packets`), where the connection
 * tracker reads the scan's fields in place. Its nested objects are built in the grammar's
 * order (build.ts), since they are printed as built; the packets stage orders the top-level
 * keys itself (packets/key-order.ts). test/grammar-fast/segment-scan.test.ts compares it with a
 * fresh nearley parse of every record the scan takes.
 */
export function scannedSegment(scan: SegmentScan): ParsedSegment {
  const seg: ParsedSegment = { time: scan.stampText(scan.stampStart, scan.timeEnd), src: scan.src, sport: scan.sport, dst: scan.dst, dport: scan.dport, flags: scan.flags };
  if (scan.verbose) {
    seg.ip = {
      tos: scan.stampText(scan.tosStart, scan.tosEnd),
      ttl: scan.ttl,
      id: scan.ipId,
      offset: scan.ipOffset,
      flags: scan.stampText(scan.ipFlagsStart, scan.ipFlagsEnd),
      proto: "TCP",
      length: scan.ipLength,
    };
  }
  if (scan.cksumStart >= 0) {
    const value = scan.text(scan.cksumStart, scan.cksumEnd);
    seg.cksum = scan.cksumComputedStart < 0 ? { value, correct: true } : { value, correct: false, computed: scan.text(scan.cksumComputedStart, scan.cksumComputedEnd) };
  }
  if (scan.seq !== undefined) seg.seq = scan.seq;
  if (scan.seqEnd !== undefined) seg.seqEnd = scan.seqEnd;
  if (scan.ack !== undefined) seg.ack = scan.ack;
  seg.win = scan.win;
  seg.len = scan.len;
  if (scan.payloadStart >= 0) seg.payload = scan.text(scan.payloadStart, scan.end);
  seg.family = scan.family;
  const options = scan.options();
  if (options) seg.options = options;
  return seg;
}
