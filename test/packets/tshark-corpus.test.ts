import { expect } from "chai";
import { KNOWN_DIFFERENCES } from "../../scripts/lib/tshark-exceptions.js";
import { scoreRendering, type RenderingScore } from "../../scripts/lib/tshark-score.js";
import type { RenderingEntry } from "../../scripts/lib/tshark-types.js";
import { packetsFromText } from "../../src/packets/index.js";
import { contextFor, describeFindings, loadFixture, loadIndex, renderingText } from "../helpers/tshark-fixtures.js";

/**
 * Every corpus rendering that has a capture, parsed by hs-report, against tshark's decoding of
 * that capture (test/fixtures/tshark/, made by `npm run fixtures:tshark`). Packets are paired
 * with tshark's segments by `-#` number, or in order (scripts/lib/tshark-align.ts explains how
 * non-TCP frames, tunnels and ICMP-quoted headers are handled), then every field both carry is
 * compared (scripts/lib/tshark-compare*.ts). Differences that are tcpdump's or tshark's own
 * behaviour are in scripts/lib/tshark-exceptions.ts, each with its reason.
 */
describe("packets against tshark: corpus renderings", () => {
  const index = loadIndex();
  const scores = new Map<string, RenderingScore>();
  const scoreOf = (entry: RenderingEntry): RenderingScore => {
    const known = scores.get(entry.text);
    if (known) return known;
    const fixture = loadFixture(entry.fixture);
    const packets = packetsFromText(renderingText(entry), entry.text);
    const score = scoreRendering(packets, fixture.segments, contextFor(entry, fixture));
    scores.set(entry.text, score);
    return score;
  };

  for (const entry of index.renderings) {
    it(`${entry.text} (${entry.args.join(" ")})`, () => {
      const score = scoreOf(entry);
      expect(score.findings, describeFindings(entry, score.findings)).to.deep.equal([]);
    });
  }

  it("uses every entry of the known-differences table (no stale exception)", () => {
    const used = new Set(index.renderings.flatMap((entry) => [...scoreOf(entry).used.keys()]));
    expect(KNOWN_DIFFERENCES.map((d) => d.id).filter((id) => !used.has(id))).to.deep.equal([]);
  });

  // Guards against a vacuous run (an empty index or fixtures without segments): the corpus has
  // about 7,500 TCP segments tshark and hs-report both see.
  it("compares more than 7,000 segments over the corpus", () => {
    const segments = index.renderings.map(scoreOf).reduce((sum, s) => sum + s.segments, 0);
    expect(segments).to.be.greaterThan(7000);
  });
});
