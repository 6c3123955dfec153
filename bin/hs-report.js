#!/usr/bin/env node
// The command: runs the compiled CLI (npm run build makes dist/).
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
