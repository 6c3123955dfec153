/**
 * Messages between the main thread and the workers of a parallel `--json` run (json-capture.ts
 * and worker.ts). The main thread reads the input (a file or standard input) once, cuts it into
 * records and sends every worker every record, in order (record-pack.ts): in full the TCP
 * records it owns (partition.ts), the stamp of the others. So every worker numbers the TCP
 * records the same way (ordinals from 1), parses and tracks its own, and sends what one reader
 * of the whole input would have emitted, keyed so the main thread can put the workers' output
 * back in that reader's order.
 */
import type { PacketCounts } from "../../packets/index.js";
import type { RecordPack } from "./record-pack.js";

export interface WorkerSetup {
  /** The input's name, as packets, errors and ids show it. */
  file: string;
  idPrefix: string;
  /** This worker's share: records whose owner is `index` of `ways`. */
  index: number;
  ways: number;
}

/**
 * Where a released connection goes in a single reader's output: released while tracking TCP
 * record `at` (Infinity: at the end of input), in release phase `phase`, then by `a`, `b`
 * (see the tracker's ReleaseOrder).
 */
export type OrderKey = [at: number, phase: number, a: number, b: number];

export interface ClosedItem {
  key: OrderKey;
  /** Ordinal of the record that opened the connection: its id's number in this worker's JSON. */
  created: number;
  json: string;
}

/** Numbers per released connection in ClosedBatch.numbers: the OrderKey, created, JSON length. */
export const CLOSED_FIELDS = 6;

/**
 * A batch's released connections packed for the trip between threads: one string and one
 * array of numbers copy far faster than thousands of small objects (measured: about 13 us per
 * connection as objects).
 */
export interface ClosedBatch {
  numbers: Float64Array;
  /** The connections' JSON texts, one after the other. */
  json: string;
}

export interface ErrorItem {
  ordinal: number;
  text: string;
}

/** What a worker found up to TCP record `through` (every event of records up to it is in). */
export interface BatchMessage {
  kind: "batch";
  through: number;
  /** Ordinals of the records that opened connections in this worker, ascending. */
  created: number[];
  closed: ClosedBatch;
  errors: ErrorItem[];
  /** Whether a packet has been seen: until then the run may still turn out not streamable. */
  sawPacket: boolean;
  /**
   * Whether the worker's first packet and -S are decided: until then it parses every TCP
   * record (each one's reading depends on all before it), so it needs them in full.
   */
  settled: boolean;
}

/** Main thread to worker: the next records (answered by one BatchMessage), or the end of input. */
export type InputMessage = ({ kind: "records" } & RecordPack) | { kind: "end" };

/** A timestamp text with the ordinal of the TCP record it came from. */
export interface StampAt {
  ordinal: number;
  time: string;
}

export interface EndMessage {
  kind: "end";
  counts: PacketCounts;
  /** TCP segments and errors of this worker's share (its counts hold every worker's before settling). */
  segments: number;
  errors: number;
  connections: number;
  first?: StampAt;
  last?: StampAt;
}

/** The input cannot be streamed by parts: its packets carry interface names (both legs of a box). */
export interface WholeMessage {
  kind: "whole";
}

export interface FailedMessage {
  kind: "failed";
  message: string;
}

export type WorkerMessage = BatchMessage | EndMessage | WholeMessage | FailedMessage;
