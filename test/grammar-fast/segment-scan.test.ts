import { expect } from "chai";
import { scannedSegment } from "../../src/grammar/fast/scanned-segment.js";
import { HEADER_LINE, NO_LINE, ONE_LINE as SCAN_ONE_LINE, SegmentScan } from "../../src/grammar/fast/segment-scan.js";
import { parseSegment } from "../../src/grammar/index.js";
import { packetOf } from "../../src/packets/key-order.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/*
 * The lines the scan takes, written again as regular expressions from FORMAT.md (sections 3,
 * 5.1, 6.1 to 6.10, 7), with the scan's own limits: default time stamps, `-n` hosts and ports,
 * IPv4 headers without ECN, notes or IP options, no `urg`, the common options, a summary without
 * brackets.
 */
const N = String.raw`\d{1,10}`;
const TIME = String.raw`\d\d:\d\d:\d\d\.\d{6,9}`;
const ITEM = String.raw`(?:nop|eol|sackOK|mss ${N}|wscale ${N}|TS val ${N} ecr ${N}|sack ${N} (?:\{${N}:${N}\})+)`;
const V4 = String.raw`(?:\d{1,3}\.){4}\d{1,5}`;
const V6 = String.raw`[0-9a-fA-F:]*:[0-9a-fA-F:.]*\.\d{1,5}`;
const HEX = "0x[0-9a-fA-F]+";
const FLAGS = String.raw`Flags \[(?:none|[FSRP.UEWe]+)\]`;
const AFTER_CKSUM =
  String.raw`(?:, seq ${N}(?::${N})?)?(?:, ack ${N})?, win ${N}(?:, options \[${ITEM}(?:,${ITEM})*\])?, length ${N}` +
  String.raw`(?:: [!-Z\\^-~](?:[ -Z\\^-~]*[!-(*-Z\\^-~])?)?$`;
const ONE_LINE = new RegExp(String.raw`^${TIME} (?:IP ${V4} > ${V4}|IP6 ${V6} > ${V6}): ${FLAGS}${AFTER_CKSUM}`);
const HEADER = new RegExp(String.raw`^${TIME} IP \(tos ${HEX}, ttl ${N}, id ${N}, offset ${N}, flags \[[^\]]*\], proto TCP \(6\), length ${N}\)$`);
const INDENTED = new RegExp(String.raw`^    ${V4} > ${V4}: ${FLAGS}(?:, cksum ${HEX} \((?:correct|incorrect -> ${HEX})\))?${AFTER_CKSUM}`);
/** Flags with a letter twice are not tcpdump's (it prints each bit once, in a fixed order). */
const REPEATED_FLAG = /Flags \[[^\]]*([FSRP.UEWe])[^\]]*\1/;
/**
 * A summary holding a time stamp (FORMAT.md: of the default or the -tt form, then a space) makes
 * the line a pasted session; a `.` and digits alone (a file name's hash) do not.
 */
const SUMMARY_STAMP = /, length \d+: .*(?:\d\d:\d\d:\d\d|\d{9,})\.\d{6,9} /;

const isTcpLine = (pattern: RegExp, line: string) => pattern.test(line) && !REPEATED_FLAG.test(line) && !SUMMARY_STAMP.test(line);

/** A line as the input gives it to the scan: where its bytes are, and as text. */
interface Line {
  where: string;
  bytes: Buffer;
  start: number;
  end: number;
  text: string;
}

/** Every line of every tcpdump text in the repo, with the line after it. */
function allLines(): { line: Line; next?: Line }[] {
  return tcpdumpTexts().flatMap((path) => {
    const bytes = readFileSync(join(repoRoot, path));
    const lines: Line[] = [];
    for (let start = 0; start < bytes.length; ) {
      const newline = bytes.indexOf(10, start);
      const end = newline < 0 ? bytes.length : newline;
      lines.push({ where: `${path}:${lines.length + 1}`, bytes, start, end, text: bytes.toString("utf8", start, end) });
      start = end + 1;
    }
    return lines.map((line, i) => ({ line, next: lines[i + 1] }));
  });
}

describe("grammar-fast: the segment scan reads the common record as the grammar does", function () {
  this.timeout(120_000);
  const lines = allLines();
  const scan = new SegmentScan();

  it("takes exactly the lines of the common shapes (FORMAT.md, written as regular expressions) among every line of the repo's tcpdump texts", () => {
    const disagree: string[] = [];
    for (const { line } of lines) {
      const { bytes, start, end, text } = line;
      const read = [scan.read(bytes, start, end), scan.readHeader(bytes, start, end), scan.readIndented(bytes, start, end)];
      const expected = [isTcpLine(ONE_LINE, text), HEADER.test(text), isTcpLine(INDENTED, text)];
      if (read.join() !== expected.join()) disagree.push(`${line.where}: scan ${read.join()}, expected ${expected.join()}\n  ${text}`);
      // the lane's way in: either kind of line, its stamp read once
      const kind = scan.readLine(bytes, start, end);
      if (kind !== (expected[0] ? SCAN_ONE_LINE : expected[1] ? HEADER_LINE : NO_LINE)) disagree.push(`${line.where}: readLine ${kind}, expected ${expected.join()}\n  ${text}`);
    }
    expect(disagree, disagree.slice(0, 5).join("\n")).to.deep.equal([]);
  });

  it("gives, for every record it takes (one line, or a header and its TCP line), the segment a fresh nearley parse of the record gives", () => {
    const differ: string[] = [];
    const taken = { oneLine: 0, joined: 0, ipv6: 0, incorrect: 0 };
    const compare = (where: string, record: string) => {
      const got = { ok: true, segment: scannedSegment(scan) };
      try {
        const full = parseSegment(record);
        expect(got).to.deep.equal(full);
        // and as `hs-report packets` prints it (key-order.ts orders the top level): nested objects in the grammar's order
        if (full.ok) expect(JSON.stringify(packetOf(got.segment))).to.equal(JSON.stringify(packetOf(full.segment)));
      } catch {
        differ.push(`${where}\n  ${record}\n  scan: ${JSON.stringify(got)}\n  full: ${JSON.stringify(parseSegment(record))}`);
      }
    };
    for (const { line, next } of lines) {
      const where = line.where;
      if (scan.read(line.bytes, line.start, line.end)) {
        taken.oneLine++;
        if (scan.family === 6) taken.ipv6++;
        compare(where, line.text);
      } else if (next !== undefined && scan.readHeader(line.bytes, line.start, line.end) && scan.readIndented(next.bytes, next.start, next.end)) {
        taken.joined++;
        if (scan.cksumComputedStart >= 0) taken.incorrect++;
        // the record the assembler makes of the two lines: the header, a space, the TCP line without its indent
        compare(where, `${line.text} ${next.text.slice(4)}`);
      }
    }
    expect(differ, differ.slice(0, 5).join("\n")).to.deep.equal([]);
    for (const [kind, count] of Object.entries(taken)) expect(count, kind).to.be.greaterThan(kind === "oneLine" ? 500 : kind === "joined" ? 50 : 5);
  });

  it("keeps, for every options list it takes, the kinds in order and the values a SYN's side reads, as the grammar's items and values give them", () => {
    const differ: string[] = [];
    const kinds = new Set<string>();
    for (const { line, next } of lines) {
      let record: string;
      if (scan.read(line.bytes, line.start, line.end)) record = line.text;
      else if (next !== undefined && scan.readHeader(line.bytes, line.start, line.end) && scan.readIndented(next.bytes, next.start, next.end)) record = `${line.text} ${next.text.slice(4)}`;
      else continue;
      const full = parseSegment(record);
      if (!full.ok) continue;
      const options = full.segment.options;
      // an item's kind is its first word (`TS val 1 ecr 2` is TS)
      const layout = options?.list.map((item) => item.split(" ")[0]).join(",");
      options?.list.forEach((item) => kinds.add(item.split(" ")[0]));
      const expected = [layout, options?.mss ?? NaN, options?.wscale ?? NaN, options?.sackOK === true, options?.tsval !== undefined];
      const got = [scan.optionLayout(), scan.optionMss, scan.optionWscale, scan.optionSackOK, scan.optionTs];
      if (JSON.stringify(got) !== JSON.stringify(expected)) differ.push(`${line.where}: ${JSON.stringify(got)}, grammar ${JSON.stringify(expected)}\n  ${record}`);
    }
    expect(differ, differ.slice(0, 5).join("\n")).to.deep.equal([]);
    expect([...kinds].sort()).to.deep.equal(["TS", "eol", "mss", "nop", "sack", "sackOK", "wscale"]);
  });
});
