/**
 * Handshakes in the tcpdump corpus against tshark (test/fixtures/tshark/: every TCP segment of
 * each corpus capture, with raw sequence numbers): every SYN's sender and ISN must be some
 * connection's client and client ISN, every SYN/ACK's sender and ISN some connection's server
 * and server ISN, and nothing else. Renderings with host names (tshark has addresses), quiet
 * ones (`-q`: no flags, no sequence numbers) and partial ones (`--skip`, `--print-sampling`:
 * the SYNs are not printed) cannot show this and are left out.
 */
import { expect } from "chai";
import { connectionsFromPackets } from "../../src/connections/index.js";
import { packetsFromText } from "../../src/packets/index.js";
import type { TsharkSegment } from "../../scripts/lib/tshark-types.js";
import { loadFixture, loadIndex, renderingText } from "../helpers/tshark-fixtures.js";

const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const HIDES_HANDSHAKES = ["-q", "-qq", "--skip", "--print-sampling"];

/** `C host.port ISN` for SYNs, `S host.port ISN` for SYN/ACKs, sorted and without repeats. */
const handshakeKeys = (keys: string[]): string[] => [...new Set(keys)].sort();

function fromTshark(segments: TsharkSegment[]): string[] {
  return handshakeKeys(
    segments
      .filter((s) => s.flags !== undefined && (s.flags & (SYN | RST)) === SYN)
      .map((s) => `${s.flags! & ACK ? "S" : "C"} ${s.ip.src}.${s.sport} ${s.seq}`),
  );
}

describe("connections: corpus handshakes against tshark", () => {
  const renderings = loadIndex().renderings.filter(
    (r) => (r.args.includes("-n") || r.args.includes("-nn")) && !r.args.some((a) => HIDES_HANDSHAKES.some((h) => a.startsWith(h))),
  );
  for (const entry of renderings) {
    const want = fromTshark(loadFixture(entry.fixture).segments);
    if (want.length === 0) continue;
    it(`${entry.text} (${entry.args.join(" ")})`, () => {
      const connections = connectionsFromPackets("corpus", packetsFromText(renderingText(entry), entry.text));
      const got = handshakeKeys(
        connections.flatMap((c) => [
          ...(c.handshake.clientIsn === undefined ? [] : [`C ${c.client.host}.${c.client.port} ${c.handshake.clientIsn}`]),
          ...(c.handshake.serverIsn === undefined ? [] : [`S ${c.server.host}.${c.server.port} ${c.handshake.serverIsn}`]),
        ]),
      );
      expect(got).to.deep.equal(want);
    });
  }
});
