import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Installed by npm, the command runs bin/hs-report.js as a program: /bin/sh starts Node on it
 * with options that size the heap for a stream (docs/performance.md, "Memory"). A module
 * loaded before the command (NODE_OPTIONS --import) tells which options Node was started with.
 */
describe("hs-report run as an executable, as npm installs it", () => {
  const dir = mkdtempSync(join(tmpdir(), "hs-report-exec-"));
  const preload = join(dir, "exec-argv.mjs");
  writeFileSync(preload, 'process.on("exit", () => process.stderr.write(`execArgv ${JSON.stringify(process.execArgv)}\\n`));\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[]) =>
    spawnSync(argv[0], [...argv.slice(1), "--json", "samples/seed/node1-port80.txt"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", NODE_OPTIONS: `--import ${preload}` },
    });

  it("starts Node with the heap options the memory measurements used, and reports as plain node does", () => {
    const direct = run(["bin/hs-report.js"]);
    expect(direct.status, direct.stderr).to.equal(0);
    expect(direct.stderr).to.include('execArgv ["--max-semi-space-size=2","--heap-growing-percent=50"]');
    // npm links the command into a bin folder: the link finds the files beside the real one
    const link = join(dir, "hs-report");
    symlinkSync(resolve("bin/hs-report.js"), link);
    const linked = run([link]);
    expect(linked.stderr).to.include('execArgv ["--max-semi-space-size=2","--heap-growing-percent=50"]');
    expect(linked.stdout).to.equal(direct.stdout);
    const plain = run([process.execPath, "bin/hs-report.js"]);
    expect(plain.stderr).to.include("execArgv []");
    expect(direct.stdout).to.equal(plain.stdout);
    // the seed's two SYNs, from ports 56057 and 56059
    const connections = JSON.parse(direct.stdout).captures[0].connections as { client: { port: number } }[];
    expect(connections.map((c) => c.client.port)).to.deep.equal([56057, 56059]);
  });
});
