/**
 * What the benchmark runs: tcpdump printing the large capture (the speed hs-report must keep
 * up with), hs-report reading tcpdump's text of the same capture, hs-report matching the
 * proxy pair, and hs-report on the SYN flood (its memory with the most connections open).
 */
import { relative } from "node:path";
import { TCPDUMP_OPTIONS, type CaptureName, type Dataset, type TextFormat } from "./dataset.js";

export interface BenchCase {
  /** The command as run from the repository root (and as shown in the table). */
  command: string[];
  /** Environment variables set for this command on top of the harness's own. */
  env: Record<string, string>;
  packets: number;
  /** The tcpdump command whose speed this one must match, if any. */
  baseline: BenchCase | undefined;
}

export const HS_REPORT = ["bin/hs-report.js"];

/**
 * tcpdump runs with the environment that rendered the text, TZ=UTC. It is also the fastest
 * setting: with TZ unset, glibc checks /etc/localtime for every packet's timestamp.
 */
const TCPDUMP_ENV = { TZ: "UTC" };

/** The command as a shell would show it, environment first. */
export function displayCommand(benchCase: BenchCase): string {
  const env = Object.entries(benchCase.env).map(([name, value]) => `${name}=${value} `);
  return `${env.join("")}${benchCase.command.join(" ")}`;
}

/** texts holds the rendered text files that exist (absolute paths), by capture and format. */
export function benchCases(
  root: string,
  dataset: Dataset,
  texts: Map<`${CaptureName}.${TextFormat}`, string>,
  tcpdumpInstalled: boolean,
): BenchCase[] {
  const path = (absolute: string): string => relative(root, absolute);
  const cases: BenchCase[] = [];
  for (const format of ["nn", "vvv"] as const) {
    const packets = dataset.packets("server");
    const baseline: BenchCase | undefined = tcpdumpInstalled
      ? {
          command: ["tcpdump", ...TCPDUMP_OPTIONS[format], "-r", path(dataset.pcap("server"))],
          env: TCPDUMP_ENV,
          packets,
          baseline: undefined,
        }
      : undefined;
    if (baseline) cases.push(baseline);
    const text = texts.get(`server.${format}`);
    if (text === undefined) continue;
    cases.push({ command: [...HS_REPORT, "packets", path(text)], env: {}, packets, baseline });
    cases.push({ command: [...HS_REPORT, "--json", path(text)], env: {}, packets, baseline });
    // two workers, each tracking half the connections (twice the memory)
    cases.push({ command: [...HS_REPORT, "--json", "--threads", "2", path(text)], env: {}, packets, baseline });
  }
  // no baseline: tcpdump's own tables make it several times slower on a flood's addresses
  const flood = texts.get("flood.nn");
  if (flood !== undefined) cases.push({ command: [...HS_REPORT, "--json", path(flood)], env: {}, packets: dataset.packets("flood"), baseline: undefined });
  const front = texts.get("front.nn");
  const back = texts.get("back.nn");
  if (front !== undefined && back !== undefined) {
    const packets = dataset.packets("front") + dataset.packets("back");
    cases.push({ command: [...HS_REPORT, "--json", path(front), path(back)], env: {}, packets, baseline: undefined });
  }
  return cases;
}
