/** A description of the machine the numbers were measured on, for docs/performance.md. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem } from "node:os";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  /** undefined when tcpdump is not installed. */
  tcpdump: string | undefined;
  libpcap: string | undefined;
}

/** tcpdump --version prints "tcpdump version 4.99.3" and "libpcap version 1.10.3 (...)". */
function tcpdumpVersions(): { tcpdump: string | undefined; libpcap: string | undefined } {
  const result = spawnSync("tcpdump", ["--version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return { tcpdump: undefined, libpcap: undefined };
  const text = `${result.stdout}${result.stderr}`;
  return {
    tcpdump: /tcpdump version (\S+)/.exec(text)?.[1],
    libpcap: /libpcap version (\S+)/.exec(text)?.[1],
  };
}

function osName(): string {
  const osRelease = "/etc/os-release";
  const pretty = existsSync(osRelease) ? /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(osRelease, "utf8"))?.[1] : undefined;
  return `${pretty ?? process.platform}, kernel ${release()}`;
}

export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    ...tcpdumpVersions(),
  };
}
