/** Command-line options of `npm run bench`. */
import { DEFAULT_FLOOD_TRAFFIC, DEFAULT_PROXY_TRAFFIC, DEFAULT_SERVER_TRAFFIC } from "./pcap-writer.js";
import type { DatasetParams } from "./dataset.js";

export interface BenchOptions {
  dataset: DatasetParams;
  rounds: number;
  /** Smoke runs do not overwrite the published numbers in docs/performance.md. */
  writeDoc: boolean;
  timeoutSeconds: number;
}

export const USAGE = `usage: npm run bench -- [--quick] [--connections N] [--pair N] [--rounds N] [--timeout SECONDS]
  --quick          5,000 connections, a 1,000 x 1,000 pair, one round; docs/performance.md is left alone
  --connections N  connections in the large capture (default ${DEFAULT_SERVER_TRAFFIC.connections}); the SYN flood has ten times as many SYNs
  --pair N         connections on each side of the proxy pair (default ${DEFAULT_PROXY_TRAFFIC.connections})
  --rounds N       rounds of alternating runs; the table shows medians (default 3)
  --timeout S      give up on one run after S seconds (default 1800)`;

function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} needs a positive integer\n${USAGE}`);
  return number;
}

export function parseOptions(argv: string[]): BenchOptions {
  let connections = DEFAULT_SERVER_TRAFFIC.connections;
  let pair = DEFAULT_PROXY_TRAFFIC.connections;
  let rounds = 3;
  let timeoutSeconds = 1800;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--quick") quick = true;
    else if (flag === "--connections") connections = positiveInteger(flag, argv[++i]);
    else if (flag === "--pair") pair = positiveInteger(flag, argv[++i]);
    else if (flag === "--rounds") rounds = positiveInteger(flag, argv[++i]);
    else if (flag === "--timeout") timeoutSeconds = positiveInteger(flag, argv[++i]);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (quick) {
    const explicit = new Set(argv);
    if (!explicit.has("--connections")) connections = 5_000;
    if (!explicit.has("--pair")) pair = 1_000;
    if (!explicit.has("--rounds")) rounds = 1;
  }
  return {
    dataset: {
      server: { ...DEFAULT_SERVER_TRAFFIC, connections },
      proxy: { ...DEFAULT_PROXY_TRAFFIC, connections: pair },
      // about as many packets as the server capture (10 a connection)
      flood: { ...DEFAULT_FLOOD_TRAFFIC, connections: connections * 10 },
    },
    rounds,
    writeDoc: !quick,
    timeoutSeconds,
  };
}
