import { expect } from "chai";
import { readFileSync } from "node:fs";
import { RecordAssembler } from "../../src/records/index.js";

/**
 * A packet line copied from a terminal together with the shell prompt it followed (`$ ` plus
 * the line) is a pasted piece: the packet must still be read, the prompt counted as skipped.
 */
describe("records: a packet line after a shell prompt", () => {
  // the seed's backend capture, a real tcpdump -vvv session as pasted (one line)
  const seedLine = readFileSync("samples/seed/node2-port8080-vvv.txt", "utf8").split("\n")[0];
  const start = seedLine.indexOf("02:39:39");
  const firstPacket = seedLine.slice(start, seedLine.indexOf("02:39:39", start + 10)).trimEnd();
  // and a plain -nn line of the lab
  const labLine = readFileSync("samples/lab/mix/front.nn.txt", "utf8").split("\n")[0];

  for (const prompt of ["$ ", "# ", "[root@h ~]# ", "user@host:~$ "]) {
    it(`reads the packet after ${JSON.stringify(prompt)} as it reads the line alone`, () => {
      for (const line of [labLine, firstPacket]) {
        const alone = new RecordAssembler("x");
        const expected = [...alone.push(line), ...alone.end()];
        const prompted = new RecordAssembler("x");
        const records = [...prompted.push(prompt + line), ...prompted.end()];
        expect(records.map((r) => [r.kind, r.text])).to.deep.equal(expected.map((r) => [r.kind, r.text]));
        expect(records[0].parts[0].column).to.equal(prompt.length);
        expect(prompted.skipped.noise).to.equal(1);
      }
    });
  }
});
