import { readFileSync } from "node:fs";
import type { Endpoint, HandshakeStatus } from "../../../src/connections/types.js";
import type { MatchKind, NatType, VerdictKind } from "../../../src/matching/types.js";

/**
 * truth.json as scripts/lab/truth.py writes it: what the programs of the lab recorded (curl,
 * haproxy's log, the backend's request log, conntrack), never anything read from a capture.
 */

/** A client endpoint whose port curl could not know (the handshake failed). */
export interface MaybeEndpoint {
  host: string;
  port: number | null;
}

export interface TruthConnection {
  client: MaybeEndpoint;
  server: Endpoint;
  status: HandshakeStatus | string;
  requests: number;
  /** Back side: who opened it. */
  role?: "proxy" | "nat" | "healthcheck";
}

export interface TruthPair {
  kind: Exclude<MatchKind, "direct">;
  natType?: NatType;
  front: { client: Endpoint; server: Endpoint };
  back: { client: MaybeEndpoint; server: Endpoint };
  requests?: number;
  source: string;
}

export interface TruthCapture {
  pcap: string;
  where: string;
  filter: string;
  /** Flag-set name (`nn`, `vvv`, `default`...) -> file name. */
  texts: Record<string, string>;
  live?: string;
  /** tcpdump's "packets dropped by kernel" (null when its banner was missing). */
  droppedByKernel: number | null;
}

export type Side = "front" | "back";

export interface LabTruth {
  scenario: string;
  description: string;
  captures: Record<Side | "any", TruthCapture>;
  /** backAheadMs: how far the back capture's timestamps were moved; truePcap: the unmoved capture. */
  clock: { backAheadMs: number; method: string; truePcap?: string };
  expected: {
    verdict: { kind: VerdictKind; natType?: NatType };
    handshakes: Record<Side, Record<string, number>>;
  };
  connections: Record<Side, TruthConnection[]>;
  pairs: TruthPair[];
  unpaired: Record<Side, TruthConnection[]>;
}

export function loadTruth(path: string): LabTruth {
  return JSON.parse(readFileSync(path, "utf8")) as LabTruth;
}
