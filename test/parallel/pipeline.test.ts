import { expect } from "chai";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCapture, type CaptureHooks } from "../../src/cli/capture.js";
import { RemoteTracker } from "../../src/cli/pipeline/remote-tracker.js";
import { TrackingThread } from "../../src/cli/pipeline/tracking-thread.js";
import { JsonBytes } from "../../src/connections/index.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const utf8 = new TextDecoder();

/**
 * The streamed JSON of a capture's connections and its log: tracked on this thread, or in a
 * tracking thread whose output ring holds `ringBytes`; the ring's bytes are written out (copied)
 * a turn of the event loop after they come, as a pipe would take them.
 */
async function streamed(path: string, ringBytes?: number): Promise<string> {
  const json = new JsonBytes();
  let out = "";
  let log = "";
  const hooks: CaptureHooks = {
    retain: false,
    handshakeEvents: false,
    json,
    log: (text) => void (log += text),
    onEvent(e) {
      if (e.type !== "closedJson") return;
      out += utf8.decode(e.json);
      setImmediate(e.written);
    },
    afterBatch() {
      if (json.size > 0) out += utf8.decode(json.take());
    },
  };
  if (ringBytes !== undefined) hooks.tracking = (_, deliver) => new RemoteTracker(new TrackingThread(ringBytes), { idPrefix: "c", name: path }, deliver);
  await readCapture(join(repoRoot, path), "c", hooks);
  return `${out}\n${log}`;
}

describe("pipeline: the tracking thread's JSON through a ring smaller than its answers", function () {
  this.timeout(120_000);

  for (const path of ["samples/lab/mix/front.nn.txt", "samples/seed/node2-port8080-vvv.txt"]) {
    it(`${path}: the same connections, in the same order, and the same log, as one thread`, async () => {
      const alone = await streamed(path);
      // 512 bytes: a connection's JSON is about 2 KB, so every answer is sent in parts and the thread waits
      const split = await streamed(path, 512);
      expect(alone.length).to.be.greaterThan(2000);
      expect(split).to.equal(alone);
    });
  }
});
