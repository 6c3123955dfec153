import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let preload: string | undefined;

/**
 * The environment of an hs-report child that sees 4 CPUs, whatever machine runs the tests: a
 * module Node loads first (NODE_OPTIONS --import) replaces os.availableParallelism. The default
 * `--json` takes a second thread only with 2 CPUs (3 for standard input), and the tests of that
 * run must run it.
 */
export function fourCpusEnv(): NodeJS.ProcessEnv {
  if (!preload) {
    preload = join(mkdtempSync(join(tmpdir(), "hs-cpus-")), "four-cpus.mjs");
    writeFileSync(preload, 'import os from "node:os";\nimport { syncBuiltinESMExports } from "node:module";\nos.availableParallelism = () => 4;\nsyncBuiltinESMExports();\n');
  }
  return { ...process.env, NODE_OPTIONS: `--import ${preload}` };
}
