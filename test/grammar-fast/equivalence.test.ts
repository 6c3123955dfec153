import { expect } from "chai";
import { FastParser, type FastParseStats } from "../../src/grammar/index.js";
import { LineKey } from "../../src/grammar/fast/line-key.js";
import { corpusRecords, keyText, shuffled, type CorpusRecord } from "./records.js";

/** Records whose fast result differs from the fresh nearley parse, as readable lines. */
function differences(parser: FastParser, records: readonly CorpusRecord[]): string[] {
  const out: string[] = [];
  for (const r of records) {
    const fast = JSON.stringify(parser.parse(r.text));
    if (fast !== r.reference) out.push(`${r.where}\n  ${r.text}\n  fast: ${fast}\n  full: ${r.reference}`);
  }
  return out;
}

/** What the parser counted while it read these records (stats after minus before). */
function counted(parser: FastParser, read: () => void): FastParseStats {
  const before = { ...parser.stats };
  read();
  const after = parser.stats;
  return {
    textHits: after.textHits - before.textHits,
    shapeHits: after.shapeHits - before.shapeHits,
    parsed: after.parsed - before.parsed,
    failed: after.failed - before.failed,
  };
}

const isError = (r: CorpusRecord) => r.reference.startsWith('{"ok":false');

describe("grammar-fast: the shape cache returns what a fresh nearley parse returns", () => {
  const records = corpusRecords();
  const failures = records.filter(isError).length;
  /** Text keys of the records that parse: each is learnt once, every later record with it is a hit. */
  const keys = new LineKey();
  const distinctKeys = new Set(records.filter((r) => !isError(r)).map((r) => keyText(keys, r.text))).size;

  it("reads every kind of text: the corpus, the seed, the lab samples, the connection fixtures", () => {
    for (const dir of ["test/fixtures/corpus/", "samples/seed/", "samples/lab/", "test/fixtures/connections/"]) {
      expect(records.filter((r) => r.where.startsWith(dir)).length, dir).to.be.greaterThan(10);
    }
  });

  it("cold, in a shuffled order, learning every key at once: every record (errors included) equals the full parse; each text key is parsed once", () => {
    const parser = new FastParser({ learnOnSighting: 1 });
    let problems: string[] = [];
    const stats = counted(parser, () => (problems = differences(parser, shuffled(records, 6))));
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(stats.failed).to.equal(failures);
    expect(stats.shapeHits + stats.parsed).to.equal(distinctKeys);
    expect(stats.textHits).to.equal(records.length - failures - distinctKeys);
    // most records share their key with an earlier one from this or another file
    expect(stats.textHits).to.be.greaterThan(records.length / 2);
  });

  it("cold, in a shuffled order, as the CLI parses (a key's template made at its second sighting): every record equals the full parse", () => {
    const parser = new FastParser();
    const order = shuffled(records, 11);
    // independently: how many records parse with each key; a key's first two go through the
    // token shapes, its later ones are text hits, and a key seen once never gets a template
    // (a text outside ASCII has no key: always through the token shapes)
    const sightings = new Map<string, number>();
    let keyless = 0;
    for (const r of order) {
      if (isError(r)) continue;
      const key = keyText(keys, r.text);
      if (key === undefined) keyless++;
      else sightings.set(key, (sightings.get(key) ?? 0) + 1);
    }
    const counts = [...sightings.values()];
    let problems: string[] = [];
    const stats = counted(parser, () => (problems = differences(parser, order)));
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(stats.shapeHits + stats.parsed).to.equal(keyless + counts.reduce((sum, n) => sum + Math.min(n, 2), 0));
    expect(stats.textHits).to.equal(counts.reduce((sum, n) => sum + Math.max(n - 2, 0), 0));
    expect(counts.filter((n) => n === 1).length, "keys seen once").to.be.greaterThan(100);
    expect(stats.failed).to.equal(failures);
  });

  it("warm, in file order: every record that parses is a text hit and equals the full parse", () => {
    const parser = new FastParser({ learnOnSighting: 1 });
    differences(parser, shuffled(records, 7));
    let problems: string[] = [];
    const stats = counted(parser, () => (problems = differences(parser, records)));
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(stats).to.deep.equal({ textHits: records.length - failures, shapeHits: 0, parsed: 0, failed: failures });
  });

  it("with a text cache of one key, through the token shapes: every record equals the full parse", () => {
    const parser = new FastParser({ textKeys: 1 });
    let problems: string[] = [];
    const stats = counted(parser, () => (problems = differences(parser, shuffled(records, 8))));
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    // token shapes are coarser than text keys: fewer of them are new
    expect(stats.parsed).to.be.lessThan(distinctKeys);
    expect(stats.shapeHits).to.be.greaterThan(records.length / 2);
  });

  it("with every text key hashed alike (colliding keys chained): every record equals the full parse; each key is parsed once", () => {
    // the table must tell keys apart by their bytes, never by the hash alone
    for (const textKeys of [10_000, 3]) {
      const parser = new FastParser({ textKeys, textHashMask: 0, learnOnSighting: 1 });
      let problems: string[] = [];
      const stats = counted(parser, () => (problems = differences(parser, shuffled(records, 10))));
      expect(problems, `textKeys ${textKeys}\n` + problems.slice(0, 5).join("\n")).to.deep.equal([]);
      if (textKeys > distinctKeys) expect(stats.shapeHits + stats.parsed).to.equal(distinctKeys);
      expect(stats.textHits).to.be.greaterThan(0);
    }
  });

  it("with caches of a few entries (generations dropped all the time): every record equals the full parse", () => {
    const parser = new FastParser({ textKeys: 3, shapes: 3 });
    const problems = differences(parser, shuffled(records, 9));
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
  });
});
