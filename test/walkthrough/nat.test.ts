import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import {
  boxFeedback,
  followedConnection,
  isnStep,
  pairingFeedback,
  verdictStep,
  type Walk,
} from "../../src/render/walkthrough/index.js";
import { flat, quotedPackets, tooWide, walkOf } from "./helpers.js";
import { Terminal } from "./terminal.js";

// samples/lab/nat-single: one request through iptables DNAT (what LVS-NAT does), captured on the
// middle box's client side and on the backend. The ground truth is the lab's truth.json (from
// conntrack), and the ISNs are read from the pcaps by tshark.
const DIR = "samples/lab/nat-single";

interface Truth {
  expected: { verdict: { kind: string; natType: string } };
  pairs: { front: { client: { port: number } }; back: { client: { host: string; port: number } }; isnEqual: boolean }[];
}
const truth = JSON.parse(readFileSync(`${DIR}/truth.json`, "utf8")) as Truth;
const clientPort = truth.pairs[0].front.client.port;

/** The client's and the server's ISN in a pcap, as tshark reads them (raw sequence numbers). */
function tsharkIsns(pcap: string): { client: number; server: number } {
  const rows = execFileSync("tshark", ["-r", pcap, "-Y", "tcp.flags.syn==1", "-T", "fields", "-e", "tcp.flags.ack", "-e", "tcp.seq_raw"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  })
    .trim()
    .split("\n")
    .map((l) => l.split("\t"));
  const isn = (ack: string) => Number(rows.find((r) => r[0] === ack)![1]);
  return { client: isn("0"), server: isn("1") };
}

describe("walkthrough on the lab's NAT sample (samples/lab/nat-single)", function () {
  this.timeout(90000);
  const front = tsharkIsns(`${DIR}/front.pcap`);
  const back = tsharkIsns(`${DIR}/back.pcap`);

  it("the lab's truth and tshark agree that one handshake passed through (same client and server ISNs)", () => {
    expect(truth.expected.verdict).to.deep.equal({ kind: "nat", natType: "dnat" });
    expect(truth.pairs[0].isnEqual).to.equal(true);
    expect(front).to.deep.equal(back);
  });

  describe("step texts", () => {
    let walk: Walk;
    before(async () => {
      walk = await walkOf(`${DIR}/front.nn.txt`, `${DIR}/back.nn.txt`);
    });

    it("step 4 accepts the same ISN and the addresses as reasons, quoting both SYN lines", () => {
      const conn = followedConnection(walk, undefined)!;
      expect(conn.client.port).to.equal(clientPort);
      const backId = walk.back.capture.connections.find((c) => c.client.port === truth.pairs[0].back.client.port)!.id;
      const isn = pairingFeedback(walk, conn, backId, "isn");
      expect(isn.correct).to.equal(true);
      expect(flat(isn.text)).to.include(`Yes: both SYNs carry ISN ${front.client}.`);
      const quotes = quotedPackets(isn.text);
      expect(readFileSync(`${DIR}/front.nn.txt`, "utf8").split("\n")).to.include(quotes[0]);
      expect(readFileSync(`${DIR}/back.nn.txt`, "utf8").split("\n")).to.include(quotes[1]);
      const addresses = pairingFeedback(walk, conn, backId, "addresses");
      expect(addresses.correct).to.equal(true);
      expect(flat(addresses.text)).to.include(`client's own address and port, ${truth.pairs[0].back.client.host}:${clientPort}`);
    });

    it("step 5 shows equal ISNs and reads them as a NAT; step 6 says NAT (DNAT) and what a proxy would have shown", () => {
      const pair = walk.pairOf(followedConnection(walk, undefined)!.id)!;
      const isn = isnStep(walk, pair);
      expect(isn).to.match(new RegExp(`client ISN +${front.client} +${back.client}\\b`));
      expect(isn).to.match(new RegExp(`server ISN +${front.server} +${back.server}\\b`));
      expect(boxFeedback(walk, pair, "nat").correct).to.equal(true);
      expect(boxFeedback(walk, pair, "proxy").correct).to.equal(false);
      const verdict = verdictStep(walk, pair);
      expect(verdict).to.match(/^Verdict: NAT \(DNAT: only the destination rewritten\) \(confidence [\d.]+\)$/m);
      expect(verdict).to.include("Had the middle box been a reverse proxy, the captures would show:");
      expect(flat(verdict)).to.include(`with a new ISN, not ${front.client}.`);
      for (const text of [isn, verdict]) expect(tooWide(text)).to.deep.equal([]);
    });
  });

  it("in a real terminal, walks the live captures (banner and counts included) to the NAT verdict", async () => {
    const term = new Terminal(`NO_COLOR=1 node bin/hs-report.js walk ${DIR}/front.live.txt ${DIR}/back.live.txt`);
    try {
      await term.waitFor("? Go on to step 2?");
      term.keys("Enter");
      await term.choose("Which connection carried the request?", `:${clientPort}`);
      let screen = await term.waitFor("? Go on to step 3?");
      expect(screen).to.include("Right.");
      term.keys("Enter");
      await term.waitFor("? Go on to step 4?");
      term.keys("Enter");
      await term.choose("Which backend connection carried the request of front:1?", `:${clientPort}`);
      await term.choose("Why that one?", "the same ISN");
      screen = await term.waitFor("? Go on to step 5?");
      expect(flat(screen)).to.include(`Your reason: Yes: both SYNs carry ISN ${front.client}.`);
      term.keys("Enter");
      await term.choose("What do these ISNs say about the middle box?", "(NAT)");
      screen = await term.waitFor("? Go on to step 6?");
      expect(flat(screen)).to.include(`Right. Both SYNs carry ISN ${front.client}: it is one handshake`);
      term.keys("Enter");
      screen = await term.waitFor("[exit 0]");
      expect(screen).to.match(/^Verdict: NAT \(DNAT: only the destination rewritten\)/m);
      expect(screen).to.include("Had the middle box been a reverse proxy, the captures would show:");
    } finally {
      term.stop();
    }
  });
});
