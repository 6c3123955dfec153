import type { RenderingOptions } from "./tshark-args.js";
import type { TcpdumpVersion } from "./tshark-types.js";

/** One field where hs-report's packet and tshark disagree. */
export interface Mismatch {
  /** Dotted field name as in a Packet (`ip.ttl`, `abs.seq`, `options.kinds`). */
  field: string;
  expected: unknown;
  /** hs-report's value; undefined when the packet lacks a value tshark says tcpdump printed. */
  actual: unknown;
}

/** What the comparison needs to know about the rendering a packet came from. */
export interface CompareContext {
  options: RenderingOptions;
  tcpdump: TcpdumpVersion;
  /** Time of the capture's first frame (for -ttttt and `t` of delta forms). */
  first: string;
  /** Capture path (as in a fixture: relative to the corpus; the path given to check-vs-tshark). */
  pcap: string;
  /** Frames tshark could not decode (TsharkFixture.undecoded). */
  undecoded: number[];
}

/** Collects mismatches; each check only speaks when it has something to compare. */
export class Findings {
  readonly list: Mismatch[] = [];

  /** Both sides carry the field: they must be equal. */
  same(field: string, expected: unknown, actual: unknown): void {
    if (expected === undefined || actual === undefined) return;
    if (!equal(expected, actual)) this.list.push({ field, expected, actual });
  }

  /** tcpdump printed the field (when `printed`): hs-report must carry it, with tshark's value. */
  required(field: string, expected: unknown, actual: unknown, printed = true): void {
    if (printed && expected !== undefined && actual === undefined) this.list.push({ field, expected, actual });
    else this.same(field, expected, actual);
  }

  add(field: string, expected: unknown, actual: unknown): void {
    this.list.push({ field, expected, actual });
  }
}

function equal(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Unsigned 32-bit arithmetic of sequence numbers. */
export function mod32(n: number): number {
  return ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
}
