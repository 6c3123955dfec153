import { expect } from "chai";
import { numberIn, trailingNumber } from "../../src/grammar/text.js";
import { tcpdumpTexts, tcpRecords } from "./corpus.js";

/**
 * buildSegment reads numbers in place (numberIn) instead of calling Number() on a cut string:
 * on every word of every TCP record in the repo (numbers, hex, names, signs, long runs) the
 * reading must be Number()'s.
 */
describe("grammar: numbers read in place", () => {
  it("equal Number() of the same text for every word of every record, and for its last word", () => {
    const problems: string[] = [];
    let digitsOnly = 0;
    for (const file of tcpdumpTexts()) {
      for (const r of tcpRecords(file)) {
        const text = r.text;
        for (const m of text.matchAll(/[^ ,:\[\]{}()]+/g)) {
          const start = m.index;
          const end = start + m[0].length;
          const want = Number(m[0]);
          if (!Object.is(numberIn(text, start, end), want)) problems.push(`${file}:${r.line}: ${m[0]}`);
          if (/^\d+$/.test(m[0])) digitsOnly++;
          // a token is a keyword and its number: `win 512` ends at this word
          const keyword = text.lastIndexOf(" ", start - 2) + 1;
          if (!Object.is(trailingNumber(text, keyword, end), Number(text.slice(keyword, end).slice(text.slice(keyword, end).lastIndexOf(" ") + 1)))) {
            problems.push(`${file}:${r.line}: last word of ${text.slice(keyword, end)}`);
          }
        }
      }
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(digitsOnly).to.be.greaterThan(50_000);
  });

  it("fall back to Number() past 15 digits and for empty text", () => {
    const text = "seq 12345678901234567890, win ";
    expect(numberIn(text, 4, 24)).to.equal(Number("12345678901234567890"));
    expect(numberIn(text, 30, 30)).to.equal(0);
    expect(Number.isNaN(numberIn(text, 0, 3))).to.equal(true);
  });
});
