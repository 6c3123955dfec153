import { expect } from "chai";
import { checksum, numberIn, setTos, trailingNumber, word } from "../../src/grammar/text.js";
import type { IpHeader } from "../../src/grammar/types.js";
import { tcpdumpTexts, tcpRecords } from "./corpus.js";

/**
 * buildSegment reads numbers in place (numberIn) instead of calling Number() on a cut string,
 * and words by position instead of splitting: on every TCP record in the repo (numbers, hex,
 * names, signs, long runs, -v headers) each reading must be what the string operations give.
 */
describe("grammar: token readers without cut strings", () => {
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

  it("read words, ToS and checksums as splitting the token does, on every -v token in the repo", () => {
    const problems: string[] = [];
    let checksums = 0;
    let toses = 0;
    for (const file of tcpdumpTexts()) {
      for (const r of tcpRecords(file)) {
        const text = r.text;
        for (let n = 0; n < 8; n++) if (word(text, n) !== text.split(" ")[n]) problems.push(`${file}:${r.line}: word ${n}`);
        for (const m of text.matchAll(/, cksum 0x[0-9a-f]+ \((?:correct|incorrect -> 0x[0-9a-f]+)\)/g)) {
          checksums++;
          const [, , value, verdict, , computed] = m[0].split(" ");
          const want = verdict === "(correct)" ? { value, correct: true } : { value, correct: false, computed: computed.slice(0, -1) };
          if (JSON.stringify(checksum(m[0])) !== JSON.stringify(want)) problems.push(`${file}:${r.line}: ${m[0]}`);
        }
        for (const m of text.matchAll(/tos 0x[0-9a-f]+(?:,[A-Z][^,)]*\)?)*/g)) {
          toses++;
          const [tos, ecn] = m[0].slice("tos ".length).split(",");
          const ip: IpHeader = {};
          setTos(ip, m[0]);
          if (JSON.stringify(ip) !== JSON.stringify(ecn === undefined ? { tos } : { tos, ecn })) problems.push(`${file}:${r.line}: ${m[0]}`);
        }
      }
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(checksums).to.be.greaterThan(100);
    expect(toses).to.be.greaterThan(100);
  });
});
