import { expect } from "chai";
import { SegmentScan } from "../../src/grammar/fast/segment-scan.js";
import type { ParsedSegment } from "../../src/grammar/types.js";
import { corpusRecords } from "./records.js";

/**
 * The segment as the grammar would build it from what the scan read, in buildSegment's key
 * order: time, hosts and ports, flags, numbers, length, summary, family, options.
 */
function segmentOf(scan: SegmentScan): ParsedSegment {
  const seg: ParsedSegment = { time: scan.text.slice(0, scan.timeEnd), src: scan.src, sport: scan.sport, dst: scan.dst, dport: scan.dport, flags: scan.flags };
  if (scan.seq !== undefined) seg.seq = scan.seq;
  if (scan.seqEnd !== undefined) seg.seqEnd = scan.seqEnd;
  if (scan.ack !== undefined) seg.ack = scan.ack;
  seg.win = scan.win;
  seg.len = scan.len;
  if (scan.payloadStart >= 0) seg.payload = scan.text.slice(scan.payloadStart);
  seg.family = scan.family;
  const options = scan.options();
  if (options) seg.options = options;
  return seg;
}

/*
 * The lines the scan takes, written again as one regular expression from FORMAT.md's grammar
 * (sections 3, 6.1 to 6.10, 7), with the scan's own limits: default time stamps, `-n` hosts and
 * ports, no `-v` fields, no `urg`, the common options, a summary without brackets.
 */
const N = String.raw`\d{1,10}`;
const ITEM = String.raw`(?:nop|eol|sackOK|mss ${N}|wscale ${N}|TS val ${N} ecr ${N}|sack ${N} (?:\{${N}:${N}\})+)`;
const V4 = String.raw`(?:\d{1,3}\.){4}\d{1,5}`;
const V6 = String.raw`[0-9a-fA-F:]*:[0-9a-fA-F:.]*\.\d{1,5}`;
const COMMON_LINE = new RegExp(
  String.raw`^\d\d:\d\d:\d\d\.\d{6,9} (?:IP ${V4} > ${V4}|IP6 ${V6} > ${V6}): Flags \[(?:none|[FSRP.UEWe]+)\]` +
    String.raw`(?:, seq ${N}(?::${N})?)?(?:, ack ${N})?, win ${N}(?:, options \[${ITEM}(?:,${ITEM})*\])?, length ${N}` +
    String.raw`(?:: [!-Z\\^-~](?:[ -Z\\^-~]*[!-(*-Z\\^-~])?)?$`,
);
/** Flags with a letter twice are not tcpdump's (it prints each bit once, in a fixed order). */
const REPEATED_FLAG = /Flags \[[^\]]*([FSRP.UEWe])[^\]]*\1/;
/** A summary holding a time stamp's fraction makes the line a pasted session. */
const SUMMARY_FRACTION = /, length \d+: .*\.\d{6}/;

const isCommon = (text: string) => COMMON_LINE.test(text) && !REPEATED_FLAG.test(text) && !SUMMARY_FRACTION.test(text);

describe("grammar-fast: the segment scan reads the common line as the grammar does", () => {
  const records = corpusRecords();
  const scan = new SegmentScan();

  it("takes exactly the lines of the common shape (FORMAT.md, written as one regular expression) among every TCP record of the repo", () => {
    const disagree = records.filter((r) => scan.read(r.text) !== isCommon(r.text)).map((r) => `${r.where}: scan ${!isCommon(r.text)}, expected ${isCommon(r.text)}\n  ${r.text}`);
    expect(disagree, disagree.slice(0, 5).join("\n")).to.deep.equal([]);
  });

  it("gives, for every record it takes, the segment a fresh nearley parse gives", () => {
    const taken = records.filter((r) => scan.read(r.text));
    const differ: string[] = [];
    for (const r of taken) {
      scan.read(r.text);
      const reference = JSON.parse(r.reference) as { ok: boolean; segment?: ParsedSegment };
      const got = { ok: true, segment: segmentOf(scan) };
      try {
        expect(got).to.deep.equal(reference);
      } catch {
        differ.push(`${r.where}\n  ${r.text}\n  scan: ${JSON.stringify(got)}\n  full: ${r.reference}`);
      }
    }
    expect(differ, differ.slice(0, 5).join("\n")).to.deep.equal([]);
    // most of what tcpdump prints by default is the common shape: the corpus's default renderings, the seed, the lab
    expect(taken.length).to.be.greaterThan(1000);
    for (const family of ["IP ", "IP6 "]) expect(taken.filter((r) => r.text.includes(` ${family}`)).length, family).to.be.greaterThan(20);
    for (const part of [", options [mss", "sack 1 {", ": HTTP", "Flags [S]", "Flags [R]", ", seq 1:"]) expect(taken.filter((r) => r.text.includes(part)).length, part).to.be.greaterThan(0);
  });
});
