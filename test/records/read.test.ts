import { expect } from "chai";
import { chunkBuffer, readLineChunks, type LineChunk } from "../../src/records/index.js";
import { readText, tcpdumpTexts } from "../grammar/corpus.js";

/** The text's bytes in chunks of `size`, each in a buffer of chunkBuffer() (`room`) or a plain one. */
async function* chunksOf(bytes: Buffer, size: number, room: boolean): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) {
    const piece = bytes.subarray(at, Math.min(at + size, bytes.length));
    const chunk = room ? chunkBuffer(piece.length) : Buffer.allocUnsafe(piece.length);
    piece.copy(chunk);
    yield chunk;
  }
}

/** Every line of every chunk, read after the last chunk came (a consumer may keep a chunk while the next is read). */
async function linesRead(bytes: Buffer, size: number, room: boolean): Promise<string[]> {
  const kept: LineChunk[] = [];
  for await (const chunk of readLineChunks(chunksOf(bytes, size, room))) kept.push(chunk);
  return kept.flatMap((chunk) => Array.from({ length: chunk.count }, (_, k) => chunk.line(k)));
}

describe("records: input read as lines of bytes", () => {
  // the bench's heads (long -vvv lines, HTTP headers) and a few corpus texts of other shapes
  const texts = tcpdumpTexts().filter((path, i) => path.startsWith("test/fixtures/bench/") || i % 50 === 0);

  for (const size of [13, 97, 4096, 65536]) {
    it(`gives the lines of splitting the text at \\n, in chunks of ${size} bytes, with room before them or without`, async () => {
      expect(texts.length).to.be.greaterThan(10);
      for (const path of texts) {
        const text = readText(path);
        const expected = text.split("\n");
        if (expected[expected.length - 1] === "") expected.pop();
        const bytes = Buffer.from(text, "utf8");
        for (const room of [true, false]) expect(await linesRead(bytes, size, room), `${path}, room ${room}`).to.deep.equal(expected);
      }
    });
  }
});
