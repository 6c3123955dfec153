import { expect } from "chai";
import { Worker } from "node:worker_threads";
import { RingReader, ringMemory } from "../../src/cli/pipeline/output-ring.js";

const WRITER = new URL("../helpers/ring-writer-worker.js", import.meta.url);

/** Runs the writer thread on a ring of `ringBytes`, emptying it slowly; returns every byte read, in order. */
async function throughRing(ringBytes: number, sizes: number[]): Promise<Uint8Array> {
  const memory = ringMemory(ringBytes);
  const reader = new RingReader(memory);
  const read: number[] = [];
  const worker = new Worker(WRITER, { workerData: { memory, sizes } });
  await new Promise<void>((resolve, reject) => {
    worker.on("error", reject);
    worker.on("message", (m: number[] | "done") => {
      if (m === "done") return resolve();
      for (const view of reader.views(m)) {
        read.push(...view);
        // written out later, as a full pipe would: the writer waits for room meanwhile
        setImmediate(() => reader.consumed(view));
      }
    });
  });
  await worker.terminate();
  return Uint8Array.from(read);
}

describe("pipeline: the output ring between the tracking thread and the main thread", function () {
  this.timeout(60_000);

  it("carries every byte in order when chunks wrap round its end, fill it, and are many times its size", async () => {
    const sizes = [1, 63, 64, 65, 0, 7, 200, 1000, 3, 64, 129];
    const total = sizes.reduce((a, b) => a + b, 0);
    const read = await throughRing(64, sizes);
    expect(read.length).to.equal(total);
    const wrong = read.findIndex((b, i) => b !== i % 251);
    expect(wrong).to.equal(-1);
  });
});
