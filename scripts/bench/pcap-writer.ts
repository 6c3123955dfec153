/**
 * Writes the benchmark's synthetic captures: a large single-server capture, a reverse-proxy
 * pair for matching, and a SYN flood on the server (the most connections open at once).
 * Deterministic (same parameters, same bytes) and streaming: connections are generated as they
 * start and written as time passes, so memory stays flat.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PcapFile } from "./pcap/pcap-file.js";
import { Prng } from "./pcap/prng.js";
import { BACK, FRONT, proxiedConnections } from "./pcap/proxy-traffic.js";
import { serverConnection } from "./pcap/server-traffic.js";
import { writeSynFlood } from "./pcap/syn-flood.js";
import type { CapturedPacket } from "./pcap/tcp-session.js";
import { writeInTimeOrder } from "./pcap/time-order.js";

export interface TrafficParams {
  seed: number;
  connections: number;
  /** Mean rate of new connections (arrivals are a Poisson process). */
  connectionsPerSecond: number;
  /** Time of the capture's start, microseconds since the epoch. */
  startMicros: number;
}

export interface ProxyTrafficParams extends TrafficParams {
  /** How far the backend's clock is ahead of the proxy's. */
  backClockOffsetMicros: number;
}

export interface CaptureSummary {
  path: string;
  packets: number;
}

/** 2026-01-15 10:00:00 UTC: a fixed start, so the rendered text never depends on today's date. */
const START_MICROS = Date.UTC(2026, 0, 15, 10, 0, 0) * 1000;

export const DEFAULT_SERVER_TRAFFIC: TrafficParams = {
  seed: 1,
  connections: 100_000,
  connectionsPerSecond: 2_000,
  startMicros: START_MICROS,
};

export const DEFAULT_PROXY_TRAFFIC: ProxyTrafficParams = {
  seed: 2,
  connections: 10_000,
  connectionsPerSecond: 500,
  startMicros: START_MICROS,
  backClockOffsetMicros: 23_517,
};

/** As many SYNs as the server capture has packets, in 10 s: a million for the default. */
export const DEFAULT_FLOOD_TRAFFIC: TrafficParams = {
  seed: 3,
  connections: 1_000_000,
  connectionsPerSecond: 100_000,
  startMicros: START_MICROS,
};

/** Connection start times, in order, each handed to build. */
function* arrivals(params: TrafficParams, rng: Prng, build: (start: number) => CapturedPacket[]): Generator<CapturedPacket[]> {
  let time = params.startMicros;
  for (let i = 0; i < params.connections; i++) {
    time += rng.exponential(1e6 / params.connectionsPerSecond);
    yield build(time);
  }
}

function writeCaptures(paths: string[], clockOffsets: number[], connections: Iterable<CapturedPacket[]>): CaptureSummary[] {
  const files = paths.map((path) => new PcapFile(path));
  try {
    writeInTimeOrder(connections, files.map((file, i) => ({ file, clockOffsetMicros: clockOffsets[i] })));
  } finally {
    for (const file of files) file.close();
  }
  return files.map((file) => ({ path: file.path, packets: file.packets }));
}

/** The busy server: every connection in one capture taken on the server. */
export function writeServerCapture(path: string, params: TrafficParams = DEFAULT_SERVER_TRAFFIC): CaptureSummary {
  const rng = new Prng(params.seed);
  return writeCaptures([path], [0], arrivals(params, rng, (start) => serverConnection(rng, start)))[0];
}

/** The SYN flood: each connection is one SYN, never answered. */
export function writeFloodCapture(path: string, params: TrafficParams = DEFAULT_FLOOD_TRAFFIC): CaptureSummary {
  const file = new PcapFile(path);
  try {
    writeSynFlood(file, new Prng(params.seed), params.connections, params.startMicros, params.connectionsPerSecond);
  } finally {
    file.close();
  }
  return { path: file.path, packets: file.packets };
}

/** The reverse proxy: client side captured on the proxy, backend side on the backend. */
export function writeProxyCaptures(
  frontPath: string,
  backPath: string,
  params: ProxyTrafficParams = DEFAULT_PROXY_TRAFFIC,
): { front: CaptureSummary; back: CaptureSummary } {
  const rng = new Prng(params.seed);
  // FRONT and BACK are the indexes of the two files.
  const summaries = writeCaptures(
    [frontPath, backPath],
    [0, params.backClockOffsetMicros],
    arrivals(params, rng, proxiedConnections(rng)),
  );
  return { front: summaries[FRONT], back: summaries[BACK] };
}

/**
 * A hash of the generator's own compiled code: a capture written by other code is stale even
 * when the parameters are the same.
 */
export function generatorFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  const modules = join(here, "pcap");
  for (const name of readdirSync(modules).filter((n) => n.endsWith(".js")).sort()) {
    hash.update(name).update(readFileSync(join(modules, name)));
  }
  return hash.digest("hex").slice(0, 16);
}
