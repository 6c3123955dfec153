/** A thread that puts chunks of known bytes in an output ring (test/parallel/output-ring.test.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { type RingMemory, RingWriter } from "../../src/cli/pipeline/output-ring.js";

const { memory, sizes } = workerData as { memory: RingMemory; sizes: number[] };
const ring = new RingWriter(memory);
const post = (pieces: number[]) => parentPort!.postMessage(pieces);
let next = 0;
for (const size of sizes) {
  const chunk = new Uint8Array(size);
  for (let i = 0; i < size; i++) chunk[i] = next++ % 251;
  post(ring.put(chunk, post));
}
parentPort!.postMessage("done");
