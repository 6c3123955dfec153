/**
 * splitLegs on the middle box's `-i any` text (both legs in one file): the lab's samples and
 * test/fixtures/matching/healthcheck-any (haproxy's IPv4 and IPv6 health checks, which nothing
 * pairs). Which leg a connection is on comes from the programs' logs (truth.json): curl's
 * connections are the front leg, the peers in the backend's log the back leg.
 */
import { existsSync, readdirSync } from "node:fs";
import { expect } from "chai";
import { matchCaptures, splitLegs } from "../../src/matching/index.js";
import { captureOf } from "./captures.js";
import { endpoint, expectPairs, isConnection, legOf, truthOf, type Leg } from "./lab-truth.js";

const LAB = "samples/lab";
const dirs = [
  ...(existsSync(LAB) ? readdirSync(LAB).map((d) => `${LAB}/${d}`) : []),
  "test/fixtures/matching/healthcheck-any",
].filter((d) => existsSync(`${d}/any.nn.txt`) && existsSync(`${d}/truth.json`));

describe("splitLegs: the middle box's -i any capture (legs from the clients' and the backend's logs)", () => {
  it("has -i any captures of NAT, full NAT, IPv6, refused SYNs and health checks", () => {
    const names = dirs.map((d) => d.split("/").pop());
    expect(names).to.include.members(["nat-single", "fullnat-single", "ipv6", "refused", "healthcheck-any"]);
  });

  for (const dir of dirs) {
    describe(dir, () => {
      const truth = truthOf(dir);
      const capture = captureOf(`${dir}/any.nn.txt`, "any");
      const legs = splitLegs(capture);
      const result = matchCaptures(legs.front, legs.back, { clockOffsetMs: 0 });

      it("puts every connection on the leg the logs name", () => {
        const placed = (leg: Leg) => legs[leg].connections.map((c) => `${leg} ${endpoint(c.client)}>${endpoint(c.server)}`);
        const logged = capture.connections.map((c) => `${legOf(truth, c) ?? "in no log"} ${endpoint(c.client)}>${endpoint(c.server)}`);
        expect([...placed("front"), ...placed("back")].sort()).to.deep.equal(logged.sort());
      });

      it("pairs connections as haproxy's log and conntrack say, with the lab's verdict", () => {
        expectPairs(result, legs.front, legs.back, truth);
        expect([result.verdict.kind, result.verdict.natType]).to.deep.equal([truth.expected.verdict.kind, truth.expected.verdict.natType]);
      });

      it("reports the connections with no counterpart unmatched on their own leg", () => {
        const wrong = (["front", "back"] as const).flatMap((leg) =>
          truth.unpaired[leg]
            .filter((t) => capture.connections.some((c) => isConnection(t, c)))
            .filter((t) => !legs[leg].connections.some((c) => isConnection(t, c) && result.unmatched[leg].includes(c.id)))
            .map((t) => `${leg} ${endpoint(t.client)}>${endpoint(t.server)}`),
        );
        expect(wrong).to.deep.equal([]);
      });
    });
  }
});
