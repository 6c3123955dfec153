import { Worker } from "node:worker_threads";
import type { Capture } from "../../connections/types.js";
import { InputError } from "../errors.js";
import type { CaptureReply, CaptureRequest } from "./capture-protocol.js";

const WORKER = new URL("./capture-worker.js", import.meta.url);

/**
 * Reads several captures at once, one worker each (a proxy's two sides are independent until
 * matching). What each wrote for stderr comes out capture by capture, in order, as if they had
 * been read one after the other; the first that fails stops the run as it would have there.
 */
export async function readCapturesAtOnce(files: string[], prefixes: string[]): Promise<Capture[]> {
  const workers = files.map((file, i) => new Worker(WORKER, { workerData: { file, idPrefix: prefixes[i] } satisfies CaptureRequest }));
  const replies = workers.map(
    (worker) =>
      new Promise<CaptureReply>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      }),
  );
  try {
    const captures: Capture[] = [];
    for (const pending of replies) {
      const reply = await pending;
      for (const text of reply.log) process.stderr.write(text);
      if (!reply.ok) throw reply.input ? new InputError(reply.message) : new Error(reply.message);
      captures.push(reply.capture);
    }
    return captures;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
