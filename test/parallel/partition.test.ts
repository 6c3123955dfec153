import { expect } from "chai";
import { parseSegment } from "../../src/grammar/index.js";
import { endpointWord, endpointWords, ownerOfEndpoints, ownerOfText } from "../../src/cli/parallel/partition.js";
import { tcpdumpTexts, tcpRecords } from "../grammar/corpus.js";

/**
 * The two ways of finding a record's owner must agree on every record, or a connection whose
 * packets are found one way and the other would be split between workers.
 */
describe("parallel: which worker owns a record", () => {
  const records = tcpdumpTexts().flatMap((file) => tcpRecords(file).map((r) => ({ where: `${file}:${r.line}`, text: r.text })));

  it("finds the words in the text for the common shape, as the grammar reads them", () => {
    let found = 0;
    const problems: string[] = [];
    for (const r of records) {
      const words = endpointWords(r.text);
      if (!words) continue;
      const parsed = parseSegment(r.text);
      if (!parsed.ok || parsed.segment.src === undefined) continue;
      found++;
      const s = parsed.segment;
      const fromText = [r.text.slice(words[0], words[1]), r.text.slice(words[2], words[3])];
      const fromParse = [endpointWord(s.src, s.sport, s.sportName), endpointWord(s.dst, s.dport, s.dportName)];
      if (fromText.join(" ") !== fromParse.join(" ")) problems.push(`${r.where}: ${fromText.join(" > ")} vs ${fromParse.join(" > ")}`);
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    // most of the repo's records have the common shape (the rest are parsed for their owner)
    expect(found).to.be.greaterThan(records.length * 0.8);
  });

  it("gives a record the owner its parsed endpoints give, with either side first", () => {
    for (const r of records.slice(0, 3000)) {
      const parsed = parseSegment(r.text);
      if (!parsed.ok || parsed.segment.src === undefined) continue;
      const s = parsed.segment;
      const reversed = { src: s.dst, sport: s.dport, sportName: s.dportName, dst: s.src, dport: s.sport, dportName: s.sportName };
      for (const ways of [2, 3]) {
        const owner = ownerOfEndpoints(s, ways);
        expect(ownerOfEndpoints(reversed, ways), r.where).to.equal(owner);
        const fromText = ownerOfText(r.text, ways);
        if (fromText !== undefined) expect(fromText, r.where).to.equal(owner);
      }
    }
  });

  it("spreads the seed's and the lab's connections over two workers", () => {
    const owners = records.map((r) => ownerOfText(r.text, 2)).filter((o) => o !== undefined);
    const zeros = owners.filter((o) => o === 0).length;
    expect(zeros / owners.length).to.be.within(0.3, 0.7);
  });
});
