import { expect } from "chai";
import { RecordPacker, stampOf, unpackRecords } from "../../src/cli/parallel/record-pack.js";
import { readRecordTime, recordDelta } from "../../src/packets/time.js";
import { recordsOf, tcpdumpTexts } from "../grammar/corpus.js";

/**
 * What the main thread sends a worker (record-pack.ts): the records it owns as they were, and
 * of the others a stamp that must read as the whole record's time in every form tcpdump prints.
 */
describe("parallel: records packed for a worker", () => {
  const files = tcpdumpTexts().map((file) => ({ file, records: recordsOf(file) }));

  it("a record's stamp gives the time and -ttt delta its whole text gives, for every record the repo holds", () => {
    let checked = 0;
    let shortened = 0;
    for (const { file, records } of files) {
      for (const r of records) {
        const stamp = stampOf(r.text);
        expect(readRecordTime(stamp), `${file}:${r.line}`).to.deep.equal(readRecordTime(r.text));
        expect(recordDelta(stamp), `${file}:${r.line}`).to.equal(recordDelta(r.text));
        checked++;
        if (stamp.length < r.text.length) shortened++;
      }
    }
    expect(checked).to.be.greaterThan(10_000);
    // most records are longer than their stamp: the cut is what saves the copying
    expect(shortened).to.be.greaterThan(checked * 0.9);
  });

  it("unpacks every record as it was packed: in full the owned ones, the stamp of the others, in order", () => {
    for (const { file, records } of files) {
      const packer = new RecordPacker();
      records.forEach((r, i) => (r.kind === "tcp" ? packer.tcp(r, i % 3, i % 2 === 0) : packer.other(r)));
      const back = [...unpackRecords(packer.take(), file)];
      expect(back.length, file).to.equal(records.length);
      back.forEach(({ record, owner, full }, i) => {
        const r = records[i];
        const where = `${file}:${r.line}`;
        expect(record.line, where).to.equal(r.line);
        expect(record.kind, where).to.equal(r.kind);
        expect(record.protocol, where).to.equal(r.protocol);
        if (r.kind !== "tcp") {
          expect(record.text, where).to.equal(stampOf(r.text));
          return;
        }
        expect(owner, where).to.equal(i % 3);
        expect(full, where).to.equal(i % 2 === 0);
        if (full) expect(record, where).to.deep.equal(r);
        else expect(record.text, where).to.equal(stampOf(r.text));
      });
      expect(packer.empty, file).to.equal(true);
    }
  });
});
