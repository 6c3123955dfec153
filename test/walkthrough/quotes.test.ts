import { expect } from "chai";
import { readFileSync } from "node:fs";
import { PLAIN } from "../../src/render/colors.js";
import { Quoter, renderQuote } from "../../src/render/walkthrough/quotes.js";
import { captureOrigin } from "../../src/render/walkthrough/index.js";
import { fold } from "../../src/render/walkthrough/wrap.js";
import { SEED_BACK, SEED_FRONT } from "./helpers.js";

// Real tcpdump 4.99.3 output with -v: each packet is an IPv4 header line and an indented TCP line.
const VERBOSE = "test/fixtures/corpus/rendered/accecn_handshake.v.txt";

describe("walkthrough quotes: the packet text exactly as tcpdump printed it", () => {
  it("quotes a -v packet as its two physical lines, indentation kept", () => {
    const text = readFileSync(VERBOSE, "utf8");
    const lines = text.split("\n");
    // Line 3 is the server's SYN/ACK header (06:26:08.016156), line 4 its TCP line.
    const q = new Quoter(text, VERBOSE).find({ line: 3, time: "06:26:08.016156", flags: "S.W" })!;
    expect(q.lines).to.deep.equal([lines[2], lines[3]]);
    expect(q.lines[1].startsWith("    66.228.43.12.http > 31.133.146.248.16433: Flags [S.W]")).to.equal(true);
    expect(q.packetOfLine).to.equal(undefined);
  });

  it("cuts one packet out of a pasted one-line session by its time and flags", () => {
    const text = readFileSync(SEED_FRONT, "utf8");
    const quoter = new Quoter(text, SEED_FRONT);
    // The seed's 56059 SYN/ACK is the 5th packet of its single line.
    const q = quoter.find({ line: 1, time: "02:39:39.221209", flags: "S." })!;
    expect(q.packetOfLine).to.equal(5);
    expect(q.lines).to.deep.equal([
      "02:39:39.221209 IP linux-node1.example.com.http > 10.0.1.72.56059: Flags [S.], seq 127908139, ack 1955250634, win 29200, options [mss 1460,nop,nop,sackOK,nop,wscale 7], length 0",
    ]);
    expect(quoter.find({ line: 2 })).to.equal(undefined);
  });

  it("folds a long line at spaces into 80 columns without changing a character", () => {
    const line = readFileSync(SEED_BACK, "utf8").split("\n")[0];
    const pieces = fold(line, 76);
    expect(pieces.every((p) => p.length <= 76)).to.equal(true);
    expect(pieces.join(" ")).to.equal(line);
    const rendered = renderQuote("the session", { file: SEED_BACK, line: 1, lines: [line] }, PLAIN, 80);
    expect(rendered.split("\n").every((l) => l.length <= 80)).to.equal(true);
    expect(rendered.split("\n")[0]).to.equal("  the session (node2-port8080-vvv.txt line 1):");
  });

  it("finds the tcpdump command and the prompt's host in a pasted session, and nothing in bare output", () => {
    // samples/seed/README.md gives the commands each capture was made with.
    expect(captureOrigin(readFileSync(SEED_FRONT, "utf8"))).to.deep.equal({ command: "tcpdump -i ens33 port 80", host: "linux-node1" });
    expect(captureOrigin(readFileSync(SEED_BACK, "utf8"))).to.deep.equal({ command: "tcpdump -i ens33 port 8080 -vvv", host: "linux-node2" });
    expect(captureOrigin(readFileSync(VERBOSE, "utf8"))).to.deep.equal({});
  });
});
