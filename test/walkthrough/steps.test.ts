import { expect } from "chai";
import { readFileSync } from "node:fs";
import {
  backendQuestion,
  boxFeedback,
  followedConnection,
  handshakesStep,
  isnStep,
  pairingFeedback,
  pairingStep,
  requestFeedback,
  requestQuestion,
  verdictStep,
  whereStep,
  type Walk,
} from "../../src/render/walkthrough/index.js";
import { flat, quotedPackets, SEED_BACK, SEED_FRONT, tooWide, walkOf } from "./helpers.js";

// Every expected value below comes from samples/seed/README.md ("What a correct analysis finds
// in this pair") or from the seed files' own text; none is copied from hs-report's output.
const FRONT_TEXT = readFileSync(SEED_FRONT, "utf8");
const BACK_TEXT = readFileSync(SEED_BACK, "utf8");

/** The id of the connection whose client port is `port`. */
function idByPort(walk: Walk, port: number): string {
  const c = [...walk.front.capture.connections, ...walk.back.capture.connections].find((x) => x.client.port === port);
  if (!c) throw new Error(`no connection from port ${port}`);
  return c.id;
}

/** Asserts every quoted packet is a packet of `source` word for word, and returns them. */
function expectRealQuotes(step: string, source: string): string[] {
  const quotes = quotedPackets(step);
  for (const q of quotes) expect(source, `quoted text not in the seed file: ${q}`).to.include(q);
  return quotes;
}

describe("walkthrough steps on the seed pair (pure text)", () => {
  let walk: Walk;
  before(async () => {
    walk = await walkOf(SEED_FRONT, SEED_BACK);
  });

  it("step 1 shows the tcpdump commands and hosts from the pasted sessions, and the two server ports", () => {
    const text = whereStep(walk);
    // README table: node1 ran `tcpdump -i ens33 port 80`, node2 `tcpdump -i ens33 port 8080 -vvv`.
    expect(text).to.include("tcpdump -i ens33 port 80\n");
    expect(text).to.include("tcpdump -i ens33 port 8080 -vvv");
    expect(flat(text)).to.include("taken on linux-node1.");
    expect(flat(text)).to.include("taken on linux-node2.");
    expect(flat(text)).to.include("clients asked for port 80 (http)");
    expect(flat(text)).to.include("backend serves port 8080 (webcache)");
    expect(tooWide(text)).to.deep.equal([]);
  });

  it("step 2 draws both front handshakes and quotes their real packet lines", () => {
    const text = handshakesStep(walk, "front");
    const quotes = expectRealQuotes(text, FRONT_TEXT);
    // 56057: SYN, SYN/ACK, ACK, request, response; 56059: SYN, SYN/ACK, ACK (README).
    expect(quotes).to.have.length(8);
    expect(quotes[0]).to.equal(
      "02:39:39.219612 IP 10.0.1.72.56057 > linux-node1.example.com.http: Flags [S], seq 2964464279, win 8192, options [mss 1460,nop,wscale 2,nop,nop,sackOK], length 0",
    );
    expect(quotes[1]).to.include("Flags [S.], seq 3532921320, ack 2964464280");
    expect(quotes.filter((q) => q.includes("length 484"))).to.have.length(1);
    expect(flat(text)).to.include("the client's SYN: ISN 2964464279 (node1-port80.txt line 1, packet 1)");
    expect(text).to.include("10.0.1.72:56059");
    expect(tooWide(text)).to.deep.equal([]);
  });

  it("step 2's question: 56057 carried the request (484 bytes), 56059 did not", () => {
    const q = requestQuestion(walk)!;
    expect(q.choices.map((c) => c.value)).to.have.members([idByPort(walk, 56057), idByPort(walk, 56059)]);
    const right = requestFeedback(walk, idByPort(walk, 56057));
    expect(right.correct).to.equal(true);
    expect(flat(right.text)).to.include("56057) sent 484 bytes");
    expect(expectRealQuotes(right.text, FRONT_TEXT)).to.deep.equal([
      "02:39:39.239383 IP 10.0.1.72.56057 > linux-node1.example.com.http: Flags [P.], seq 1:485, ack 1, win 16425, length 484",
    ]);
    const wrong = requestFeedback(walk, idByPort(walk, 56059));
    expect(wrong.correct).to.equal(false);
    expect(flat(wrong.text)).to.include("spare connection");
    expect(flat(wrong.text)).to.include("port 56057");
    expect(followedConnection(walk, idByPort(walk, 56059))?.client.port).to.equal(56057);
    expect(followedConnection(walk, idByPort(walk, 56057))?.client.port).to.equal(56057);
  });

  it("step 3 draws the backend handshake from 10.0.1.105:52292 with the -vvv lines as printed", () => {
    const text = handshakesStep(walk, "back");
    const quotes = expectRealQuotes(text, BACK_TEXT);
    expect(quotes[0]).to.match(/^02:39:39\.259521 IP \(tos 0x0, ttl 64, id 35579, .* 10\.0\.1\.105\.52292 > linux-node2\.example\.com\.webcache: Flags \[S\], .* seq 4209329376,/);
    expect(quotes[1]).to.include("seq 2283093898, ack 4209329377");
    expect(quotes.filter((q) => q.includes("length 482"))).to.have.length(1);
    expect(tooWide(text)).to.deep.equal([]);
  });

  it("step 4: 52292 is the backend connection; the timing and sizes link it, the ISN and the address do not", () => {
    const front = followedConnection(walk, undefined)!;
    expect(pairingStep(walk, front)).to.include("02:39:39.239383");
    const backId = idByPort(walk, 52292);
    expect(backendQuestion(walk, front)!.choices.map((c) => c.value)).to.deep.equal([backId]);

    const isn = pairingFeedback(walk, front, backId, "isn");
    expect(isn.correct).to.equal(false);
    expect(flat(isn.text)).to.match(/the ISNs differ \(2964464279 at the front, 4209329376 at the back\)/);
    const address = pairingFeedback(walk, front, backId, "addresses");
    expect(address.correct).to.equal(false);
    expect(flat(address.text)).to.include("backend's client is 10.0.1.105:52292, not the client 10.0.1.72:56057");

    const timing = pairingFeedback(walk, front, backId, "timing");
    expect(timing.correct).to.equal(true);
    expect(timing.text).to.match(/Right connection:/);
    // README: node2's clock is 18.4 to 20.1 ms ahead of node1's.
    const bounds = /between ([\d.]+) and ([\d.]+) ms/.exec(flat(timing.text));
    expect(Number(bounds![1])).to.be.closeTo(18.4, 0.05);
    expect(Number(bounds![2])).to.be.closeTo(20.1, 0.05);
    const timingQuotes = quotedPackets(timing.text);
    expect(timingQuotes.filter((q) => FRONT_TEXT.includes(q))).to.have.length(2);
    expect(timingQuotes.filter((q) => BACK_TEXT.includes(q))).to.have.length(3);

    const sizes = pairingFeedback(walk, front, backId, "sizes");
    expect(sizes.correct).to.equal(true);
    // README: request 484 -> 482, response 122 = 122.
    expect(flat(sizes.text)).to.match(/Yes: the sizes link them: .*484.*482.*122.*122/);
    expect(expectRealQuotes(sizes.text, FRONT_TEXT + BACK_TEXT)).to.have.length(4);
    for (const t of [isn, address, timing, sizes]) expect(tooWide(t.text)).to.deep.equal([]);
  });

  it("step 5 puts the ISNs side by side and reads them as two handshakes: a proxy", () => {
    const pair = walk.pairOf(idByPort(walk, 56057))!;
    const text = isnStep(walk, pair);
    expect(text).to.match(/client ISN +2964464279 +4209329376/);
    expect(text).to.match(/server ISN +3532921320 +2283093898/);
    const quotes = quotedPackets(text);
    expect(FRONT_TEXT).to.include(quotes[0]);
    expect(quotes[0]).to.include("seq 2964464279");
    expect(BACK_TEXT).to.include(quotes[1]);
    expect(quotes[1]).to.include("seq 4209329376");
    expect(boxFeedback(walk, pair, "proxy").correct).to.equal(true);
    const nat = boxFeedback(walk, pair, "nat");
    expect(nat.correct).to.equal(false);
    expect(flat(nat.text)).to.include("two handshakes");
    expect(tooWide(text)).to.deep.equal([]);
  });

  it("step 6 gives the reverse-proxy verdict and what LVS-NAT would have shown instead", () => {
    const pair = walk.pairOf(idByPort(walk, 56057))!;
    const text = verdictStep(walk, pair);
    expect(text).to.match(/^Verdict: reverse proxy \(confidence [\d.]+\)$/m);
    expect(text).to.include("Had the middle box been a NAT (such as LVS-NAT)");
    expect(flat(text)).to.include("same seq 2964464279");
    expect(flat(text)).to.include("client's own address, 10.0.1.72,");
    // README: client SYN options mss,nop,wscale,nop,nop,sackOK; proxy mss,sackOK,TS,nop,wscale.
    expect(flat(text)).to.include("(mss,nop,wscale,nop,nop,sackOK)").and.include("(mss,sackOK,TS,nop,wscale)");
    expect(flat(text)).to.include("turned 484 bytes into 482");
    const quotes = quotedPackets(text);
    expect(quotes).to.have.length(2);
    expect(FRONT_TEXT).to.include(quotes[0]);
    expect(BACK_TEXT).to.include(quotes[1]);
    expect(tooWide(text)).to.deep.equal([]);
  });
});

describe("walkthrough steps on a kept-alive backend connection (lab capture started late)", () => {
  // test/fixtures/matching/README.md: the backend connection from port 44018 was open before the
  // capture began (no handshake); haproxy.log says client 192.0.2.11:35768 went over it.
  const DIR = "test/fixtures/matching/keepalive-late";
  let walk: Walk;
  before(async () => {
    walk = await walkOf(`${DIR}/front.nn.txt`, `${DIR}/back.nn.txt`);
  });

  it("step 3 still draws the connection without a handshake, quoting whole lines of the file", () => {
    const text = handshakesStep(walk, "back");
    const lines = readFileSync(`${DIR}/back.nn.txt`, "utf8").split("\n");
    expect(flat(text)).to.include("198.51.100.1:44018 -> 198.51.100.10:8080 no handshake in this capture: the connection was already open when tcpdump started");
    const quotes = quotedPackets(text);
    expect(quotes.length).to.be.greaterThan(0);
    for (const q of quotes) expect(lines, q).to.include(q);
    expect(tooWide(text)).to.deep.equal([]);
  });

  it("step 4 and 5: the pair is right by haproxy's log, and a missing SYN is said to leave no ISN to compare", () => {
    const front = followedConnection(walk, idByPort(walk, 35768))!;
    expect(front.client.port).to.equal(35768);
    const isn = pairingFeedback(walk, front, idByPort(walk, 44018), "isn");
    expect(flat(isn.text)).to.include("Right connection:");
    expect(isn.correct).to.equal(false);
    expect(flat(isn.text)).to.include("has no SYN in its capture (it was already open when tcpdump started), so there is no ISN to compare");
    expect(flat(isn.text)).to.include("the SYN on back:1: not in this capture".replace("back:1", idByPort(walk, 44018)));
    const pair = walk.pairOf(front.id)!;
    expect(boxFeedback(walk, pair, "proxy").correct).to.equal(true);
    expect(boxFeedback(walk, pair, "nat").correct).to.equal(false);
    expect(flat(isnStep(walk, pair))).to.match(/client ISN 2242895100 \?/);
  });
});
