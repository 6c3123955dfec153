import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";

/**
 * Below these sizes one thread is quicker: a worker starts its own copy of the pipeline (about
 * 0.1 s), and with one file each worker reads the whole text.
 */
const MIN_BYTES_ONE_FILE = 32 * 1024 * 1024;
const MIN_BYTES_PAIR = 8 * 1024 * 1024;

/**
 * Worker threads for these inputs: as asked, else 2 when they are large files and the machine
 * has two or more cores; 1 for standard input (read as it flows, by one reader).
 */
export async function threadsFor(files: string[], asked: number | undefined): Promise<number> {
  if (files.includes("-")) return 1;
  if (asked !== undefined) return asked;
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const large = total >= (files.length === 1 ? MIN_BYTES_ONE_FILE : MIN_BYTES_PAIR);
  return large && availableParallelism() >= 2 ? 2 : 1;
}
