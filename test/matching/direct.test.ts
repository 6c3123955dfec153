/**
 * No middle box: a capture compared with itself is the same connections seen unchanged on both
 * sides (the independent reason: it is the same file), and a capture of plain client-server
 * traffic has no second leg to split off.
 */
import { expect } from "chai";
import { matchCaptures, splitLegs } from "../../src/matching/index.js";
import { captureOf } from "./captures.js";

const LIVE = "test/fixtures/corpus/live/live-lo-nn-v.txt";

describe("matching: the same capture on both sides", () => {
  const front = captureOf(LIVE, "front");
  const back = captureOf(LIVE, "back");
  const result = matchCaptures(front, back);

  it("pairs every connection with itself as direct", () => {
    expect(front.connections.length).to.be.above(1);
    expect(result.matches.map((m) => [m.front.replace("front", ""), m.back.replace("back", ""), m.kind])).to.deep.equal(
      front.connections.map((c) => [c.id.replace("front", ""), c.id.replace("front", ""), "direct"]),
    );
  });

  it("calls it direct, with the clocks equal", () => {
    expect(result.verdict.kind).to.equal("direct");
    expect([result.clock?.lowMs, result.clock?.highMs]).to.deep.equal([0, 0]);
  });
});

describe("splitLegs: plain client-server traffic on loopback", () => {
  it("finds no backend leg", () => {
    const legs = splitLegs(captureOf("test/fixtures/corpus/live/live-any-nn.txt", "any"));
    expect(legs.back.connections).to.deep.equal([]);
    expect(legs.front.connections.length).to.be.above(0);
  });
});
