import { expect } from "chai";
import { scoreRendering } from "../../scripts/lib/tshark-score.js";
import type { RenderingEntry } from "../../scripts/lib/tshark-types.js";
import { packetsFromText } from "../../src/packets/index.js";
import type { Packet } from "../../src/packets/types.js";
import { contextFor, loadFixture, loadIndex, renderingText } from "../helpers/tshark-fixtures.js";

/**
 * The comparison with tshark must be able to fail: a real rendering parsed by hs-report, with
 * one field of one packet changed, must produce a finding on exactly that field. Each case
 * picks the first packet that carries the field.
 */
describe("packets against tshark: the comparison catches a wrong field", () => {
  const index = loadIndex();
  const entry = (text: string): RenderingEntry => {
    const found = index.renderings.find((r) => r.text === text);
    if (!found) throw new Error(`${text} is not in test/fixtures/tshark/index.json`);
    return found;
  };

  type Change = [field: string, has: (p: Packet) => boolean, change: (p: Packet) => void];
  const cases: [text: string, changes: Change[]][] = [
    [
      "corpus/rendered/ssh.nn_S.txt",
      [
        ["seq", (p) => p.seq !== undefined, (p) => (p.seq = (p.seq ?? 0) + 1)],
        ["ack", (p) => p.ack !== undefined, (p) => (p.ack = (p.ack ?? 0) + 1)],
        ["options.sack", (p) => p.options?.sack !== undefined, (p) => (p.options!.sack![0][1] += 1)],
        ["options.kinds", (p) => p.options?.list.includes("nop") === true, (p) => (p.options!.list = p.options!.list.slice(1))],
        ["win", (p) => p.win !== undefined, (p) => (p.win = (p.win ?? 0) + 1)],
      ],
    ],
    [
      "corpus/rendered/ssh.nn_vvv_e_tttt.txt",
      [
        ["abs.ack", (p) => p.abs?.ack !== undefined, (p) => (p.abs!.ack = p.abs!.ack! + 1)],
        ["flags", (p) => p.flags === "P.", (p) => (p.flags = ".P")],
        ["ip.ttl", (p) => p.ip?.ttl !== undefined, (p) => (p.ip!.ttl = p.ip!.ttl! + 1)],
        ["cksum.correct", (p) => p.cksum !== undefined, (p) => (p.cksum!.correct = !p.cksum!.correct)],
        ["link.length", (p) => p.link?.length !== undefined, (p) => (p.link!.length = p.link!.length! + 1)],
        ["options.tsval", (p) => p.options?.tsval !== undefined, (p) => (p.options!.tsval = p.options!.tsval! + 1)],
        ["t", (p) => p.t !== undefined, (p) => (p.t = p.t! + 0.000001)],
      ],
    ],
    [
      // Numbered, so a wrong time stamp does not change which frame the packet is paired with.
      "corpus/tests-local-4.99.3/ssh.out",
      [["time", (p) => p.time !== undefined, (p) => (p.time = "2000-01-01 00:00:00.000000")]],
    ],
  ];

  for (const [text, changes] of cases) {
    for (const [field, has, change] of changes) {
      it(`${text}: a changed ${field} is reported`, () => {
        const rendering = entry(text);
        const fixture = loadFixture(rendering.fixture);
        const packets = packetsFromText(renderingText(rendering), rendering.text);
        const target = packets.find(has);
        expect(target, `a packet with ${field}`).to.not.equal(undefined);
        change(target!);
        const findings = scoreRendering(packets, fixture.segments, contextFor(rendering, fixture)).findings;
        expect(findings.map((f) => [f.line, f.field])).to.deep.equal([[target!.line, field]]);
      });
    }
  }
});
