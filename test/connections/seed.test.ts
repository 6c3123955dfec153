/**
 * The seed experiment (samples/seed/): each capture pasted as one line. Expected values are the
 * seed README's (an independent reading of the same text): connections, ISNs, request and
 * response sizes, SYN option layouts.
 */
import { expect } from "chai";
import { connectionsFromPackets } from "../../src/connections/index.js";
import type { Connection } from "../../src/connections/types.js";
import { packetsOfFile } from "./fixtures.js";

/** What the README states about a connection: its ISNs and its request/response sizes. */
const readmeFacts = (c: Connection) => ({
  isns: [c.handshake.clientIsn, c.handshake.serverIsn],
  rounds: c.exchanges?.map((e) => [e.request.bytes, e.response?.bytes]),
});

describe("connections: the seed captures", () => {
  describe("node1-port80.txt (the proxy's front side)", () => {
    const connections = connectionsFromPackets("front", packetsOfFile("samples/seed/node1-port80.txt"));

    it("has the two client connections to port 80, both handshakes complete", () => {
      expect(connections.map((c) => [c.client.host, c.client.port, c.server.port, c.handshake.status])).to.deep.equal([
        ["10.0.1.72", 56057, 80, "complete"],
        ["10.0.1.72", 56059, 80, "complete"],
      ]);
      expect(connections.map((c) => c.id)).to.deep.equal(["front:1", "front:2"]);
      expect(connections[0].server).to.deep.equal({ host: "linux-node1.example.com", port: 80, portName: "http" });
    });

    it("reads 56057's ISNs, its 484-byte request and its 122-byte response", () => {
      expect(readmeFacts(connections[0])).to.deep.equal({ isns: [2964464279, 3532921320], rounds: [[484, 122]] });
    });

    it("shows the client's Windows-style SYN options: mss,nop,wscale 2,nop,nop,sackOK", () => {
      const s = connections[0].handshake.client;
      expect([s.layout, s.mss, s.wscale, s.sackOK]).to.deep.equal(["mss,nop,wscale,nop,nop,sackOK", 1460, 2, true]);
    });

    it("leaves 56059 with its handshake only: no payload, no round", () => {
      const c = connections[1];
      expect([c.bytes, c.exchanges]).to.deep.equal([{ toServer: 0, toClient: 0 }, []]);
    });
  });

  describe("node2-port8080-vvv.txt (the backend side)", () => {
    const connections = connectionsFromPackets("back", packetsOfFile("samples/seed/node2-port8080-vvv.txt"));

    it("has one connection from the proxy's 52292 to linux-node2.example.com:8080 (printed webcache)", () => {
      expect(connections).to.have.length(1);
      const c = connections[0];
      expect([c.client, c.server]).to.deep.equal([
        { host: "10.0.1.105", port: 52292 },
        { host: "linux-node2.example.com", port: 8080, portName: "webcache" },
      ]);
      expect(c.handshake.status).to.equal("complete");
    });

    it("reads the ISNs, the 482-byte request and the 122-byte response", () => {
      expect(readmeFacts(connections[0])).to.deep.equal({ isns: [4209329376, 2283093898], rounds: [[482, 122]] });
    });

    it("shows the proxy's Linux-style SYN options and the verbose IP fields of its SYN", () => {
      const s = connections[0].handshake.client;
      // The text: `ttl 64, id 35579`, `win 29200`, `options [mss 1460,sackOK,TS val 446549531 ecr 0,nop,wscale 7]`.
      expect(s).to.include({ layout: "mss,sackOK,TS,nop,wscale", mss: 1460, wscale: 7, sackOK: true, ts: true, tsval: 446549531, ttl: 64, ipId: 35579, win: 29200 });
    });
  });
});
