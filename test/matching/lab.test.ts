/**
 * The lab's real captures (samples/lab/<scenario>/, made by scripts/lab/run-lab.sh in network
 * namespaces with haproxy, iptables DNAT and full NAT). Expected values come from each
 * scenario's truth.json: the pairs from haproxy's log (client port -> backend source port) and
 * from conntrack (NAT), the verdict the lab set up, the clock shift it applied.
 */
import { existsSync, readdirSync } from "node:fs";
import { expect } from "chai";
import { matchCaptures } from "../../src/matching/index.js";
import type { Capture } from "../../src/connections/types.js";
import type { MatchResult } from "../../src/matching/types.js";
import { captureOf } from "./captures.js";
import { endpoint, expectPairs, truthOf } from "./lab-truth.js";

const LAB = "samples/lab";

const scenarios = existsSync(LAB) ? readdirSync(LAB).filter((d) => existsSync(`${LAB}/${d}/truth.json`)).sort() : [];

describe("matching: lab captures (truth from haproxy's log and conntrack)", () => {
  it("has the scenarios the matcher must handle", () => {
    expect(scenarios).to.include.members(["skew", "mix", "fullnat-single", "keepalive", "healthcheck", "ipv6", "refused"]);
  });

  for (const name of scenarios) {
    describe(name, () => {
      const dir = `${LAB}/${name}`;
      const truth = truthOf(dir);
      const front = captureOf(`${dir}/front.nn.txt`, "front");
      const back = captureOf(`${dir}/back.nn.txt`, "back");
      const result = matchCaptures(front, back);

      it(`calls it ${truth.expected.verdict.kind}${truth.expected.verdict.natType ? ` (${truth.expected.verdict.natType})` : ""}`, () => {
        expect([result.verdict.kind, result.verdict.natType]).to.deep.equal([truth.expected.verdict.kind, truth.expected.verdict.natType]);
      });

      it("pairs connections exactly as haproxy's log and conntrack say", () => expectPairs(result, front, back, truth));

      it(`bounds the backend clock around the lab's shift (${truth.clock.backAheadMs} ms)`, () => {
        const { lowMs, highMs } = result.clock!;
        expect(truth.clock.backAheadMs).to.be.within(lowMs! - 0.002, highMs! + 0.002);
      });

      const checks = truth.connections.back.filter((c) => c.role === "healthcheck").map((c) => endpoint(c.client));
      if (checks.length > 0) {
        it("leaves every health check unmatched", () => {
          const unmatched = new Set(result.unmatched.back.map((id) => endpoint(back.connections.find((c) => c.id === id)!.client)));
          expect(checks.filter((c) => !unmatched.has(c))).to.deep.equal([]);
        });
      }

      for (const rendering of ["v", "vvv", "S", "tttt", "default"]) {
        if (!existsSync(`${dir}/front.${rendering}.txt`) || !existsSync(`${dir}/back.${rendering}.txt`)) continue;
        it(`pairs the same connections from the ${rendering} rendering`, () => {
          const f = captureOf(`${dir}/front.${rendering}.txt`, "front");
          const b = captureOf(`${dir}/back.${rendering}.txt`, "back");
          const other = matchCaptures(f, b);
          const ports = (r: MatchResult, fc: Capture, bc: Capture) =>
            r.matches.map((m) => `${fc.connections.find((c) => c.id === m.front)!.client.port} ${bc.connections.find((c) => c.id === m.back)!.client.port} ${m.kind}`);
          expect(ports(other, f, b)).to.deep.equal(ports(result, front, back));
          expect(other.verdict.kind).to.equal(result.verdict.kind);
        });
      }
    });
  }
});
