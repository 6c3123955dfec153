/**
 * Synthetic proxy traffic for the speed measurement in bench-10k.ts only: no test asserts on
 * it (tests use real captures). Connection objects are built directly, as the tracker would.
 */
import type { Capture, Connection, Exchange } from "../../src/connections/types.js";

export interface ProxyTraffic {
  front: Capture;
  back: Capture;
  /** Front connection id -> back connection id, as generated. */
  truth: Map<string, string>;
}

export interface TrafficShape {
  clients: number;
  /** Seconds over which clients arrive. */
  spread: number;
  /** Back clock minus front clock, seconds. */
  offset: number;
  /** Share of requests sent over an idle kept-alive backend connection. */
  reuse: number;
  /** Backend connections with no client (health checks), every this many seconds. */
  healthEvery: number;
  /** When true every request and response has the same size (no size evidence). */
  uniformSizes: boolean;
  seed: number;
}

/** Small deterministic generator (mulberry32) so runs compare. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function connection(id: string, client: [string, number], server: [string, number], synT: number | undefined, isn: number | undefined, rounds: Exchange[]): Connection {
  const first = synT ?? rounds[0]?.request.t ?? 0;
  return {
    id,
    client: { host: client[0], port: client[1] },
    server: { host: server[0], port: server[1] },
    state: "SF",
    history: "ShADadFf",
    handshake: {
      status: synT === undefined ? "none" : "complete",
      clientIsn: isn,
      synAttempts: 1,
      synAckAttempts: 1,
      rttMs: {},
      client: synT === undefined ? {} : { t: synT, line: 1, layout: "mss,sackOK,TS,nop,wscale", ttl: 64 },
      server: {},
    },
    packets: { toServer: rounds.length, toClient: rounds.length },
    bytes: { toServer: 0, toClient: 0 },
    close: "fin",
    startT: first,
    lines: [1, 1],
    segments: [],
    exchanges: rounds,
  };
}

export function proxyTraffic(shape: TrafficShape): ProxyTraffic {
  const r = rng(shape.seed);
  const front: Connection[] = [];
  const back: Connection[] = [];
  const truth = new Map<string, string>();
  const idle: { conn: Connection; freeAt: number }[] = [];
  const sizes = [612, 1180, 2048, 4096, 8192, 15360, 312];
  for (let i = 0; i < shape.clients; i++) {
    const syn = (shape.spread * i) / shape.clients + r() * 0.001;
    const req = syn + 0.0002 + r() * 0.002;
    const reqBytes = shape.uniformSizes ? 420 : 380 + Math.floor(r() * 200);
    const respBytes = shape.uniformSizes ? 2048 : sizes[Math.floor(r() * sizes.length)];
    const latency = 0.001 + r() * r() * 0.05;
    const reusable = idle.findIndex((x) => x.freeAt < req);
    let backConn: Connection;
    let backReq: number;
    if (reusable >= 0 && r() < shape.reuse) {
      backConn = idle.splice(reusable, 1)[0].conn;
      backReq = req + 0.0001 + r() * 0.0003;
    } else {
      const backSyn = req + 0.0001 + r() * 0.0003;
      backReq = backSyn + 0.0003 + r() * 0.0003;
      backConn = connection(`back:${back.length + 1}`, ["10.0.2.1", 20000 + back.length], ["10.0.2.10", 8080], backSyn + shape.offset, (r() * 2 ** 32) >>> 0, []);
      back.push(backConn);
    }
    const backResp = backReq + latency;
    const resp = backResp + 0.0001 + r() * 0.0003;
    backConn.exchanges!.push({
      request: { line: 1, t: backReq + shape.offset, bytes: reqBytes + 20 },
      response: { line: 1, t: backResp + shape.offset, bytes: respBytes },
    });
    idle.push({ conn: backConn, freeAt: resp });
    const f = connection(`front:${i + 1}`, [`10.0.1.${1 + (i % 200)}`, 30000 + i], ["10.0.1.250", 80], syn, (r() * 2 ** 32) >>> 0, [
      { request: { line: 1, t: req, bytes: reqBytes }, response: { line: 1, t: resp, bytes: respBytes } },
    ]);
    front.push(f);
    truth.set(f.id, backConn.id);
  }
  for (let t = 0; t < shape.spread; t += shape.healthEvery) {
    const at = t + r() * 0.01 + shape.offset;
    back.push(connection(`back:${back.length + 1}`, ["10.0.2.1", 20000 + back.length], ["10.0.2.10", 8080], at, (r() * 2 ** 32) >>> 0, [
      { request: { line: 1, t: at + 0.0004, bytes: 37 }, response: { line: 1, t: at + 0.0012, bytes: 96 } },
    ]));
  }
  const stats = { lines: 0, records: 0, tcpSegments: 0, nonTcp: 0, skippedLines: 0, errors: 0, connections: 0 };
  return {
    front: { name: "front.txt", stats: { ...stats, connections: front.length }, connections: front },
    back: { name: "back.txt", stats: { ...stats, connections: back.length }, connections: back },
    truth,
  };
}
