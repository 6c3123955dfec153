#!/bin/sh
":" //; exec node --max-semi-space-size=2 --heap-growing-percent=50 "$0" "$@"
// The command: runs the compiled CLI (npm run build makes dist/).
// Run as a program, /bin/sh reads the line above and starts Node on this file with heap options
// (one process: exec); Node reads it as a string and a comment. A shebang can pass Node no
// options but through `env -S`, which BusyBox's env (Alpine) and older coreutils lack.
// The heap is sized for a stream (docs/performance.md, "Memory"): a packet's objects die young,
// so a small young generation does (2 x 2 MB semi-spaces in each of --json's two threads; Node's
// default 2 x 16 MB each were a third of the peak RSS on a million packets); and the old
// generation may grow to 1.5 times what survived the last full collection, not V8's up to 4
// times (which, now and then, took the peak from 135 MB to 210 MB). `node bin/hs-report.js`
// works too, with Node's default heap.
import { existsSync } from "node:fs";

const entry = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("hs-report: not built yet: run `npm run build` (or `npm ci && npm run build`) first.\n");
  process.exit(70);
}
const { main } = await import(entry.href);
// A closed pipe (hs-report ... | head) is a normal end, not an error.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 70));
process.exitCode = await main(process.argv.slice(2));
