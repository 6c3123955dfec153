/**
 * What a connection keeps for ladders and matching: request/response rounds and a bounded set
 * of segments. The rounds capture is 20 messages of 11, 12, ... 30 bytes, each echoed back
 * before the next (scripts/connections-peers.ts `rounds`).
 */
import { expect } from "chai";
import { connectionsOf } from "./fixtures.js";

const MESSAGE_SIZES = Array.from({ length: 20 }, (_, i) => 11 + i);

describe("connections: rounds and kept segments", () => {
  it("pairs each of the 20 messages with its echo", () => {
    const [c] = connectionsOf("rounds");
    expect(c.exchanges?.map((e) => [e.request.bytes, e.response?.bytes])).to.deep.equal(MESSAGE_SIZES.map((n) => [n, n]));
    expect(c.exchangesTruncated).to.equal(undefined);
  });

  it("starts the first round at the byte after the client's SYN, and cuts rounds at the limit", () => {
    const [c] = connectionsOf("rounds", "nn", { maxExchanges: 5 });
    // A SYN takes one sequence number: the first payload byte is ISN + 1 (RFC 9293 3.4).
    expect(c.exchanges?.[0].request.seq).to.equal(c.handshake.clientIsn! + 1);
    expect(c.exchanges?.[0].response?.seq).to.equal(c.handshake.serverIsn! + 1);
    expect([c.exchanges?.length, c.exchangesTruncated]).to.deep.equal([5, true]);
  });

  it("keeps the handshake, the first 12 payload segments each way and the FINs", () => {
    const [c] = connectionsOf("rounds");
    const data = (fromClient: boolean) => c.segments.filter((s) => s.len > 0 && s.fromClient === fromClient);
    expect(data(true).map((s) => s.len)).to.deep.equal(MESSAGE_SIZES.slice(0, 12));
    expect(data(false).map((s) => s.len)).to.deep.equal(MESSAGE_SIZES.slice(0, 12));
    expect(c.segments.slice(0, 3).map((s) => s.flags)).to.deep.equal(["S", "S.", "."]);
    expect(c.segments.filter((s) => s.flags.includes("F")).map((s) => s.fromClient)).to.have.length(2);
    const lines = c.segments.map((s) => s.line);
    expect(lines).to.deep.equal([...lines].sort((a, b) => a - b));
  });

  it("follows smaller limits", () => {
    const [c] = connectionsOf("rounds", "nn", { segments: { dataPerDirection: 2, handshake: 2 } });
    expect(c.segments.map((s) => [s.flags, s.len])).to.deep.equal([
      ["S", 0], ["S.", 0], ["P.", 11], ["P.", 11], ["P.", 12], ["P.", 12], ["F.", 0], ["F.", 0],
    ]);
  });

  it("keeps every SYN of a retransmitted handshake, with the TS value the SYN carried", () => {
    const [c] = connectionsOf("syn-retransmitted");
    expect(c.segments.slice(0, 5).map((s) => s.flags)).to.deep.equal(["S", "S", "S", "S.", "."]);
    expect(c.segments[0].tsval).to.equal(c.handshake.client.tsval);
  });
});
