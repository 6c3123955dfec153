import { expect } from "chai";
import { Writable } from "node:stream";
import { readCapture } from "../../src/cli/capture.js";
import { writeJson } from "../../src/cli/json-writer.js";
import { matchCaptures } from "../../src/matching/index.js";
import { reportDocument } from "../../src/render/document.js";

/** What writeJson writes, through a pipe that is full after every write when `slow` (so it waits for drain). */
async function written(value: unknown, depth: number, slow = false): Promise<string> {
  const parts: string[] = [];
  const sink = new Writable({
    highWaterMark: slow ? 1 : 1 << 16,
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk.toString("utf8"));
      if (slow) setImmediate(done);
      else done();
    },
  });
  await writeJson(sink, value, depth);
  return parts.join("");
}

const quiet = { log: () => {} };

describe("cli: the JSON document written in pieces is JSON.stringify's, byte for byte", () => {
  it("the reports of real proxy pairs (seed, lab), at every depth, through a fast and a full pipe", async () => {
    const pairs = [
      ["samples/seed/node1-port80.txt", "samples/seed/node2-port8080-vvv.txt"],
      ["samples/lab/mix/front.nn.txt", "samples/lab/mix/back.nn.txt"],
      ["samples/lab/keepalive/front.nn.txt", "samples/lab/keepalive/back.nn.txt"],
    ];
    for (const [frontFile, backFile] of pairs) {
      const front = await readCapture(frontFile, "front", quiet);
      const back = await readCapture(backFile, "back", quiet);
      const document = reportDocument([front, back], matchCaptures(front, back));
      const expected = JSON.stringify(document);
      // the document holds what the pair's report is about
      expect(document.captures.map((c) => c.connections.length).every((n) => n > 0), frontFile).to.equal(true);
      for (let depth = 0; depth <= 6; depth++) expect(await written(document, depth), `${frontFile} depth ${depth}`).to.equal(expected);
      expect(await written(document, 4, true), `${frontFile} slow pipe`).to.equal(expected);
    }
  });

  it("values JSON.stringify leaves out, turns to null or hands to toJSON", async () => {
    const odd = {
      kept: 1,
      gone: undefined,
      call: () => 1,
      list: [1, undefined, () => 2, Number.NaN, -0, Infinity, { deep: [undefined] }],
      when: new Date(Date.UTC(2026, 10, 26)),
      own: { toJSON: () => ["replaced"] },
      bare: Object.assign(Object.create(null) as object, { a: [1, { b: undefined }] }),
      empty: [[], {}],
      text: 'quote " and \u2028',
    };
    for (let depth = 0; depth <= 5; depth++) expect(await written(odd, depth), `depth ${depth}`).to.equal(JSON.stringify(odd));
    for (const top of [[undefined, 1], "text", 5, null]) expect(await written(top, 3)).to.equal(JSON.stringify(top));
  });
});
