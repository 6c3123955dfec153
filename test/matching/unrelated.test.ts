/**
 * Captures of different experiments (the seed's 10.0.1.0/24 network in 2018-era CentOS, the
 * lab's documentation addresses): nothing in one caused anything in the other. With the clock
 * offset free, some offset always lines a few rounds up; that must not make a pair.
 */
import { expect } from "chai";
import { matchCaptures } from "../../src/matching/index.js";
import { captureOf } from "./captures.js";

const cases: [string, string][] = [
  ["samples/seed/node1-port80.txt", "samples/lab/proxy-single/back.nn.txt"],
  ["samples/lab/proxy-single/front.nn.txt", "samples/seed/node2-port8080-vvv.txt"],
  ["samples/lab/skew/front.nn.txt", "samples/lab/keepalive/back.nn.txt"],
  ["test/fixtures/corpus/live/live-lo-nn-v.txt", "samples/lab/proxy-single/back.nn.txt"],
];

describe("matching: captures of different experiments", () => {
  for (const [front, back] of cases) {
    it(`pairs nothing between ${front} and ${back}`, () => {
      const result = matchCaptures(captureOf(front, "front"), captureOf(back, "back"));
      expect(result.matches).to.deep.equal([]);
      expect([result.verdict.kind, result.verdict.confidence]).to.deep.equal(["unknown", 0]);
    });
  }
});
