import { expect } from "chai";
import { parseSegment } from "../../src/grammar/index.js";
import type { ParsedSegment } from "../../src/grammar/types.js";
import { tcpRecords } from "./corpus.js";

/** The seed captures (pasted terminal sessions), checked against samples/seed/README.md. */
function seedSegments(name: string): ParsedSegment[] {
  return tcpRecords(`samples/seed/${name}`).map((r) => {
    const result = parseSegment(r.text);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}\n${r.text}`);
    return result.segment;
  });
}

/** Option names in order (`mss 1460` → `mss`, `TS val 1 ecr 2` → `TS`), as the README writes layouts. */
function optionLayout(segment: ParsedSegment): string {
  return (segment.options?.list ?? []).map((item) => item.split(" ")[0]).join(",");
}

describe("grammar: the seed captures (samples/seed/README.md)", () => {
  describe("node1-port80.txt (proxy side, names resolved)", () => {
    const segments = seedSegments("node1-port80.txt");

    it("parses the 9 packets the capture reports", () => {
      expect(segments).to.have.length(9);
    });

    it("reads the client SYN: 10.0.1.72:56057 to linux-node1's http, ISN 2964464279, Windows option layout", () => {
      const syn = segments.find((s) => s.flags === "S" && s.sport === 56057)!;
      expect(syn).to.deep.include({ src: "10.0.1.72", dst: "linux-node1.example.com", dportName: "http", seq: 2964464279 });
      expect(optionLayout(syn)).to.equal("mss,nop,wscale,nop,nop,sackOK");
    });

    it("reads the proxy's SYN-ACK ISN 3532921320", () => {
      const synAck = segments.find((s) => s.flags === "S." && s.dport === 56057)!;
      expect(synAck).to.deep.include({ src: "linux-node1.example.com", sportName: "http", seq: 3532921320, ack: 2964464280 });
    });

    it("reads a 484-byte request and a 122-byte response on 56057", () => {
      const data = segments.filter((s) => s.flags === "P.").map((s) => [s.sport ?? s.sportName, s.len]);
      expect(data).to.deep.equal([
        [56057, 484],
        ["http", 122],
      ]);
    });

    it("reads the spare connection 56059: a handshake and no data", () => {
      const spare = segments.filter((s) => s.sport === 56059 || s.dport === 56059).map((s) => s.flags);
      expect(spare).to.deep.equal(["S", "S.", "."]);
    });
  });

  describe("node2-port8080-vvv.txt (backend side, -vvv)", () => {
    const segments = seedSegments("node2-port8080-vvv.txt");

    it("parses the 7 packets the capture reports", () => {
      expect(segments).to.have.length(7);
    });

    it("reads the proxy's SYN: 10.0.1.105:52292 to webcache, ISN 4209329376, Linux option layout", () => {
      const syn = segments[0];
      expect(syn).to.deep.include({
        src: "10.0.1.105",
        sport: 52292,
        dst: "linux-node2.example.com",
        dportName: "webcache",
        flags: "S",
        seq: 4209329376,
        ip: { tos: "0x0", ttl: 64, id: 35579, offset: 0, flags: "DF", proto: "TCP", length: 60 },
      });
      expect(optionLayout(syn)).to.equal("mss,sackOK,TS,nop,wscale");
    });

    it("reads the backend's SYN-ACK ISN 2283093898", () => {
      expect(segments[1]).to.deep.include({ flags: "S.", seq: 2283093898, ack: 4209329377 });
    });

    it("reads a 482-byte request and a 122-byte response", () => {
      const data = segments.filter((s) => s.flags === "P.").map((s) => [s.sport ?? s.sportName, s.len]);
      expect(data).to.deep.equal([
        [52292, 482],
        ["webcache", 122],
      ]);
    });
  });
});
