/**
 * The lab's ground truth (truth.json, written by scripts/lab/truth.py from curl's output,
 * haproxy's log, the backend's log and conntrack; never from a capture) and the comparisons
 * the matching tests make against it.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";
import type { Capture, Connection, Endpoint } from "../../src/connections/types.js";
import type { MatchResult } from "../../src/matching/types.js";

/** A port the logs did not record (a refused or unanswered SYN's source port) is null. */
export interface TruthEndpoint {
  host: string;
  port: number | null;
}

export interface TruthConnection {
  client: TruthEndpoint;
  server: TruthEndpoint;
  role?: string;
}

export interface TruthPair {
  kind: "proxy" | "nat";
  front: { client: Endpoint; server: Endpoint };
  back: { client: Endpoint; server: Endpoint };
}

export interface Truth {
  expected: { verdict: { kind: string; natType?: string } };
  clock: { backAheadMs: number };
  pairs: TruthPair[];
  /** Every connection of each leg: the clients' (curl) on the front, the backend's log on the back. */
  connections: { front: TruthConnection[]; back: TruthConnection[] };
  /** Connections with no counterpart: health checks, refused and unanswered SYNs. */
  unpaired: { front: TruthConnection[]; back: TruthConnection[] };
}

export type Leg = "front" | "back";

export const truthOf = (dir: string): Truth => JSON.parse(readFileSync(`${dir}/truth.json`, "utf8")) as Truth;

export const endpoint = (e: Endpoint | TruthEndpoint) => `${e.host}.${e.port}`;

const pairKey = (p: TruthPair) => `${endpoint(p.front.client)}>${endpoint(p.front.server)} ${endpoint(p.back.client)}>${endpoint(p.back.server)}`;

const sameEndpoint = (t: TruthEndpoint, e: Endpoint) => t.host === e.host && (t.port === null || t.port === e.port);

/** Whether a logged connection is this captured one. */
export const isConnection = (t: TruthConnection, c: Connection) => sameEndpoint(t.client, c.client) && sameEndpoint(t.server, c.server);

/** The leg whose logs list this connection, if any does. */
export function legOf(truth: Truth, c: Connection): Leg | undefined {
  return (["front", "back"] as const).find((leg) => truth.connections[leg].some((t) => isConnection(t, c)));
}

/** Every pair haproxy logged or conntrack listed, each of its kind, and nothing else. */
export function expectPairs(result: MatchResult, front: Capture, back: Capture, truth: Truth): void {
  const byId = new Map([...front.connections, ...back.connections].map((c) => [c.id, c]));
  const found = result.matches.map((m) => {
    const f = byId.get(m.front)!;
    const b = byId.get(m.back)!;
    return `${m.kind} ${endpoint(f.client)}>${endpoint(f.server)} ${endpoint(b.client)}>${endpoint(b.server)}`;
  });
  expect(found.sort()).to.deep.equal(truth.pairs.map((p) => `${p.kind} ${pairKey(p)}`).sort());
}
