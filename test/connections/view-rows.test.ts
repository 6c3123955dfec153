import { expect } from "chai";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openInput } from "../../src/cli/input.js";
import { FNV_OFFSET, textHash } from "../../src/grammar/text-hash.js";
import { SegmentView } from "../../src/connections/view.js";
import { ADVANCE, LOG, NO_ROW, PUSH, PUSH_FULL, ViewRowReader, ViewRowWriter } from "../../src/connections/view-rows.js";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** Every field of a view the tracker reads. */
function fieldsOf(v: SegmentView): unknown {
  const { line, t, family, src, dst, sport, dport, sportName, dportName, win, len, seq, seqEnd, ack, tsval, ttl, ipId, hash } = v;
  const syn = { ...v.syn };
  const time = { coded: v.time.coded, text: v.time.text, numbers: v.time.coded ? [...v.time.numbers] : undefined, fraction: v.time.fraction(), nanos: v.time.nanos };
  return { line, t, family, src, dst, sport, dport, sportName, dportName, win, len, seq, seqEnd, ack, flags: v.flags, tsval, syn, ttl, ipId, hash, time };
}

describe("connections: views written as rows and read back in another view", () => {
  for (const [kept, when] of [[undefined, ""], [8, ", with the texts sent afresh after every 8"]] as const)
    it(`give every field back for every packet of the repo's tcpdump texts, through the fast lane and the regular way${when}`, async function () {
      this.timeout(120_000);
      const writer = new ViewRowWriter(kept);
      const reader = new ViewRowReader();
      const sent = new SegmentView();
      const received = new SegmentView();
      const differ: string[] = [];
      let packets = 0;
      let scanned = 0;
      // the lane's hosts are made from bytes, and a batch's texts are cloned: strings of their own,
      // which connections keep as they are; the regular way's may be cut from a line (detach.ts)
      const check = (where: string, own: boolean) => {
        expect(sent.ownTexts, where).to.equal(own);
        expect([sent.srcHash, sent.dstHash], where).to.deep.equal([textHash(FNV_OFFSET, sent.src), textHash(FNV_OFFSET, sent.dst)]);
        reader.receive(writer.take());
        expect(reader.op()).to.be.oneOf([PUSH, PUSH_FULL]);
        reader.read(received);
        expect(reader.op()).to.equal(NO_ROW);
        expect(received.ownTexts, where).to.equal(true);
        try {
          expect(fieldsOf(received)).to.deep.equal(fieldsOf(sent));
        } catch (e) {
          differ.push(`${where}: ${(e as Error).message}`);
        }
      };
      for (const path of tcpdumpTexts()) {
        const input = await openInput(join(repoRoot, path));
        await input.run({
          event(e) {
            if (e.kind !== "packet") return;
            packets++;
            writer.push(sent.read(e.packet));
            check(`${path}:${e.packet.line}`, false);
          },
          scanned(p) {
            scanned++;
            writer.push(sent.readScanned(p));
            check(`${path}:${p.line}`, true);
          },
        });
      }
      expect(differ, differ.slice(0, 3).join("\n")).to.deep.equal([]);
      expect(packets).to.be.greaterThan(5000);
      expect(scanned).to.be.greaterThan(1000);
    });

  it("read back in order from one batch per text, packets of both widths among clock moves and log lines", async function () {
    this.timeout(120_000);
    const writer = new ViewRowWriter();
    const reader = new ViewRowReader();
    const sent = new SegmentView();
    const received = new SegmentView();
    const seen = { [PUSH]: 0, [PUSH_FULL]: 0, [ADVANCE]: 0, [LOG]: 0 };
    for (const path of tcpdumpTexts()) {
      // what each row said, in order
      const expected: unknown[] = [];
      const packet = () => {
        writer.push(sent);
        expected.push(fieldsOf(sent));
        // every third packet, a clock move and a log line after it
        if (expected.length % 3 === 0) {
          writer.advance(sent.t === sent.t ? sent.t + 1 : undefined);
          expected.push({ advance: sent.t === sent.t ? sent.t + 1 : undefined });
          writer.log(`${path}: after ${sent.line}`);
          expected.push({ log: `${path}: after ${sent.line}` });
        }
      };
      const input = await openInput(join(repoRoot, path));
      await input.run({
        event(e) {
          if (e.kind !== "packet") return;
          sent.read(e.packet);
          packet();
        },
        scanned(p) {
          sent.readScanned(p);
          packet();
        },
      });
      if (writer.size === 0) continue;
      reader.receive(writer.take());
      const got: unknown[] = [];
      for (let op = reader.op(); op !== NO_ROW; op = reader.op()) {
        seen[op as keyof typeof seen]++;
        if (op === ADVANCE) got.push({ advance: reader.time() });
        else if (op === LOG) got.push({ log: reader.log() });
        else {
          reader.read(received);
          got.push(fieldsOf(received));
        }
      }
      expect(got, path).to.deep.equal(expected);
    }
    for (const count of Object.values(seen)) expect(count).to.be.greaterThan(500);
  });
});
