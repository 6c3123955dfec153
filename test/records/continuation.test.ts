import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isPlainContinuation, RecordAssembler } from "../../src/records/index.js";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

describe("records: the common continuation line, told from its bytes", () => {
  it("is, for every line of the repo's tcpdump texts it is said of, a line the assembler counts as one skipped continuation line and nothing else", () => {
    const wrong: string[] = [];
    let said = 0;
    for (const path of tcpdumpTexts()) {
      const bytes = readFileSync(join(repoRoot, path));
      const assembler = new RecordAssembler(path);
      for (let start = 0, n = 1; start < bytes.length; n++) {
        const newline = bytes.indexOf(10, start);
        const end = newline < 0 ? bytes.length : newline;
        const line = bytes.toString("utf8", start, end);
        const plain = assembler.holdsRecord && isPlainContinuation(bytes, start, end);
        const before = { ...assembler.skipped };
        const records = assembler.push(line);
        if (plain) {
          said++;
          const after = { ...before, continuation: before.continuation + 1 };
          if (records.length > 0 || JSON.stringify(assembler.skipped) !== JSON.stringify(after)) wrong.push(`${path}:${n}: ${line}`);
        }
        start = end + 1;
      }
    }
    expect(wrong, wrong.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(said).to.be.greaterThan(1000);
  });
});
