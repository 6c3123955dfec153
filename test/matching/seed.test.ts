/**
 * The seed pair (samples/seed/) through the whole pipeline. Expected values come from the seed
 * README, an independent reading of the same text: 56057 is the client connection the proxy
 * relayed as 52292, 56059 a spare connection with no request, the backend clock 18.4-20.1 ms
 * ahead of the proxy's, a reverse proxy.
 */
import { expect } from "chai";
import { matchCaptures } from "../../src/matching/index.js";
import type { Evidence } from "../../src/matching/types.js";
import { byClientPort, captureOf } from "./captures.js";

const FRONT = "samples/seed/node1-port80.txt";
const BACK = "samples/seed/node2-port8080-vvv.txt";

describe("matching: the seed pair (haproxy in front of one web server)", () => {
  const front = captureOf(FRONT, "front");
  const back = captureOf(BACK, "back");
  const result = matchCaptures(front, back);
  const evidenceOf = (kind: Evidence["kind"]) => result.matches[0].evidence.filter((e) => e.kind === kind);

  it("pairs client 56057 with the proxy's backend connection 52292, as a proxied pair", () => {
    expect(result.matches.map((m) => [m.front, m.back, m.kind])).to.deep.equal([
      [byClientPort(front, 56057).id, byClientPort(back, 52292).id, "proxy"],
    ]);
  });

  it("leaves the spare connection 56059 unmatched and no backend connection over", () => {
    expect(result.unmatched).to.deep.equal({ front: [byClientPort(front, 56059).id], back: [] });
  });

  it("bounds the backend clock to 18.4-20.1 ms ahead of the proxy's", () => {
    const clock = result.clock!;
    expect([clock.lowMs?.toFixed(1), clock.highMs?.toFixed(1)]).to.deep.equal(["18.4", "20.1"]);
    expect(clock.offsetMs).to.be.within(clock.lowMs!, clock.highMs!);
  });

  it("calls it a reverse proxy, for the README's reasons", () => {
    expect(result.verdict.kind).to.equal("reverse-proxy");
    expect(result.verdict.natType).to.equal(undefined);
    expect(result.verdict.confidence).to.be.above(0.9);
    const isn = evidenceOf("isn")[0];
    expect(isn.weight).to.be.above(0);
    expect(isn.text).to.include("2964464279").and.include("4209329376");
    expect(evidenceOf("client-address")[0].text).to.include("10.0.1.105").and.include("10.0.1.72");
    expect(evidenceOf("syn-options")[0].text).to.include("mss,nop,wscale,nop,nop,sackOK").and.include("mss,sackOK,TS,nop,wscale");
    expect(evidenceOf("request-size")[0].text).to.match(/request of 484 bytes at the front, 482 at the backend/);
    expect(evidenceOf("response-size")[0].text).to.match(/response of 122 bytes at the front, 122 at the backend/);
  });

  it("cites both files (each capture is pasted on one line, so line 1)", () => {
    const cites = result.matches[0].evidence.flatMap((e) => e.cites);
    expect([...new Set(cites.map((c) => `${c.file}:${c.line}`))].sort()).to.deep.equal([`${FRONT}:1`, `${BACK}:1`].sort());
  });

  it("says the proxy opened the backend connection within 2 ms of the request (README: corrected timing)", () => {
    const lazy = evidenceOf("timing").find((e) => e.text.includes("opened the backend connection"))!;
    const ms = Number(/connection ([\d.]+) ms after/.exec(lazy.text)![1]);
    expect(ms).to.be.within(0, 2);
  });
});
