import { expect } from "chai";
import { readRecordTime, readTime } from "../../src/packets/time.js";
import { parsedTcpRecords } from "../grammar/corpus.js";

/**
 * A parallel worker reads the time of the records it leaves to another worker without parsing
 * them: that time must be what the grammar's parse gives, or the workers' clocks (midnight
 * roll-over, -ttt sums, when connections expire) would drift from a single reader's.
 */
describe("packets: a record's time read without the grammar", () => {
  it("equals the parsed time's reading for every TCP record in the repo, in every -t form", () => {
    const forms = new Set<string>();
    const problems: string[] = [];
    let compared = 0;
    for (const { file, record: r, segment } of parsedTcpRecords()) {
      compared++;
      const time = segment.time;
      const expected = time === undefined ? undefined : readTime(time, r.text);
      const actual = readRecordTime(r.text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${file}:${r.line}: ${JSON.stringify(actual)} vs ${time}`);
      forms.add(expected?.form ?? "none");
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(compared).to.be.greaterThan(5000);
    // -tttt dates, default clock, -tt epoch, -ttt/-ttttt deltas and -t (no time) all occur
    expect([...forms].sort()).to.deep.equal(["clock", "date", "delta", "epoch", "none"]);
  });
});
