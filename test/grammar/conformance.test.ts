import { expect } from "chai";
import { countParses, parseSegment } from "../../src/grammar/index.js";
import { readText, tcpdumpTexts, tcpRecords } from "./corpus.js";

/**
 * Records of the corpus the grammar is allowed not to parse, `file:line` → why. Target: empty.
 * An entry whose record parses fails the test, so the list cannot go stale.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {};

/** index.tsv: per upstream test, its TCP lines (`tcp_lines` + the `quiet-tcp-lines=N` tag). */
function indexCounts(): { out: string; tcpLines: number }[] {
  const [, ...rows] = readText("test/fixtures/corpus/index.tsv").trimEnd().split("\n");
  return rows.map((row) => {
    const [, , , out, tcpLines, tags] = row.split("\t");
    const quiet = /(?:^| )quiet-tcp-lines=(\d+)/.exec(tags);
    return { out, tcpLines: Number(tcpLines) + (quiet ? Number(quiet[1]) : 0) };
  });
}

describe("grammar: conformance over every tcpdump text in the repo", () => {
  it("gets every TCP line index.tsv counts in tests/*.out as a TCP record", () => {
    // index.tsv counts lines with flags or quiet `tcp N`; header-less `[|tcp]` records are extra.
    const withHeader = (text: string) => /: {1,2}(?:Flags \[|tcp \d)/.test(text);
    const wrong = indexCounts()
      .map(({ out, tcpLines }) => ({
        out,
        tcpLines,
        records: tcpRecords(`test/fixtures/corpus/tests/${out}`).filter((r) => withHeader(r.text)).length,
      }))
      .filter((c) => c.records !== c.tcpLines);
    expect(wrong).to.deep.equal([]);
  });

  for (const file of tcpdumpTexts()) {
    it(`${file}: every TCP record parses, with exactly one parse`, () => {
      const problems: string[] = [];
      for (const record of tcpRecords(file)) {
        const where = `${file}:${record.line}`;
        const result = parseSegment(record.text);
        const parses = countParses(record.text);
        if (where in EXCEPTIONS) {
          if (result.ok) problems.push(`${where} parses now: remove it from EXCEPTIONS`);
          continue;
        }
        if (!result.ok) problems.push(`${where} col ${result.error.column}: ${result.error.message}\n  ${record.text}`);
        else if (parses !== 1) problems.push(`${where}: ${parses} parses\n  ${record.text}`);
      }
      expect(problems, problems.join("\n")).to.deep.equal([]);
    });
  }
});
