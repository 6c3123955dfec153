import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isBlankLine, isPlainContinuation, RecordAssembler } from "../../src/records/index.js";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Pushes every line of the repo's tcpdump texts through an assembler; for each line `said` of
 * (asked before the push, of the line's bytes and the assembler's state), checks that the push
 * made no record and counted one skipped line of `kind` and nothing else. Returns the lines said of.
 */
function everySaidLine(said: (assembler: RecordAssembler, bytes: Buffer, start: number, end: number) => boolean, kind: "continuation" | "blank"): number {
  const wrong: string[] = [];
  let count = 0;
  for (const path of tcpdumpTexts()) {
    const bytes = readFileSync(join(repoRoot, path));
    const assembler = new RecordAssembler(path);
    for (let start = 0, n = 1; start < bytes.length; n++) {
      const newline = bytes.indexOf(10, start);
      const end = newline < 0 ? bytes.length : newline;
      const line = bytes.toString("utf8", start, end);
      const isSaid = said(assembler, bytes, start, end);
      const before = { ...assembler.skipped };
      const records = assembler.push(line);
      if (isSaid) {
        count++;
        const after = { ...before, [kind]: before[kind] + 1 };
        if (records.length > 0 || JSON.stringify(assembler.skipped) !== JSON.stringify(after)) wrong.push(`${path}:${n}: ${line}`);
      }
      start = end + 1;
    }
  }
  expect(wrong, wrong.slice(0, 5).join("\n")).to.deep.equal([]);
  return count;
}

describe("records: the common continuation line, told from its bytes", () => {
  it("is, for every line of the repo's tcpdump texts it is said of, a line the assembler counts as one skipped continuation line and nothing else", () => {
    expect(everySaidLine((assembler, bytes, start, end) => assembler.holdsRecord && isPlainContinuation(bytes, start, end), "continuation")).to.be.greaterThan(1000);
  });

  it("takes the lines that hold a `.` and six digits that are no time stamp (the bench's HTTP file names)", () => {
    const fileNames = (_: RecordAssembler, bytes: Buffer, start: number, end: number) => /^\t.*\.\d{6}/.test(bytes.toString("latin1", start, end));
    const taken = (assembler: RecordAssembler, bytes: Buffer, start: number, end: number) => fileNames(assembler, bytes, start, end) && assembler.holdsRecord && isPlainContinuation(bytes, start, end);
    expect(everySaidLine(taken, "continuation")).to.equal(3);
  });
});

describe("records: the blank line, told from its bytes", () => {
  it("is, for every line of the repo's tcpdump texts where no header waits, one skipped blank line and nothing else", () => {
    // each -v HTTP request of the bench's texts ends with one (a TAB alone)
    expect(everySaidLine((assembler, bytes, start, end) => assembler.takesWholeLine && isBlankLine(bytes, start, end), "blank")).to.be.greaterThan(1000);
  });
});
