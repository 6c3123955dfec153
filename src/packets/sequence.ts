import type { ParsedSegment } from "../grammar/types.js";
import type { AbsoluteNumbers } from "./types.js";

/**
 * Rebuilds absolute sequence numbers from tcpdump's relative ones by replaying tcpdump's own
 * rule (FORMAT.md 6.7, print-tcp.c): one table per address family keyed by the unordered
 * address+port pair; an ACK-bearing segment that finds no entry, or that carries SYN, (re)creates
 * it with origin(sender) = its seq and origin(receiver) = its ack - 1 and is printed raw; later
 * ACK-bearing segments print seq - origin(sender) and ack - origin(receiver); segments without
 * ACK are always raw.
 *
 * Whether the input was printed with -S (all raw) is not written anywhere, so the tracker
 * decides it from the numbers: relative values sit close to 0, raw ones close to the origin.
 * The first segment where one reading is near and the other far settles it for the input.
 */

const MOD = 2 ** 32;
/** "Close to the origin": within 16 MiB of sequence space, either way. */
const NEAR = 2 ** 24;
/** "Far": 64 MiB away; a reading near one way and far the other settles the input's mode. */
const FAR = 2 ** 26;
/** Entries kept at most; the oldest go first (tcpdump keeps them all, we bound memory). */
const MAX_ENTRIES = 500_000;

interface Entry {
  /** Origins by endpoint key; undefined when the creating segment did not print that number. */
  origins: Map<string, number | undefined>;
}

export interface SequenceResult {
  relative: boolean;
  abs?: AbsoluteNumbers;
}

const wrap = (n: number) => ((n % MOD) + MOD) % MOD;
/** Circular distance between two sequence numbers. */
const distance = (a: number, b: number) => {
  const d = wrap(a - b);
  return Math.min(d, MOD - d);
};

export class SequenceTracker {
  private readonly tables = new Map<string, Entry>();
  /** undefined until decided: true when the input prints raw numbers everywhere (-S). */
  private absoluteInput?: boolean;

  resolve(seg: ParsedSegment): SequenceResult | Record<string, never> {
    // No number printed (a bad header length, quiet mode): nothing is relative or absolute.
    if (seg.seq === undefined && seg.ack === undefined) return {};
    const flags = seg.flags ?? "";
    if (!flags.includes(".") || seg.sport === undefined && seg.sportName === undefined) return this.raw(seg);
    const from = endpointKey(seg.src, seg.sport ?? seg.sportName);
    const to = endpointKey(seg.dst, seg.dport ?? seg.dportName);
    const key = `${seg.family ?? 0}|${from < to ? `${from}|${to}` : `${to}|${from}`}`;
    const entry = this.tables.get(key);
    if (!entry || flags.includes("S")) {
      this.remember(key, {
        origins: new Map([
          [from, seg.seq],
          [to, seg.ack === undefined ? undefined : wrap(seg.ack - 1)],
        ]),
      });
      return this.raw(seg);
    }
    const senderOrigin = entry.origins.get(from);
    const receiverOrigin = entry.origins.get(to);
    const absolute = this.absoluteInput ?? this.decideMode(seg, senderOrigin, receiverOrigin);
    if (absolute) return this.raw(seg);
    const abs: AbsoluteNumbers = {};
    if (seg.seq !== undefined && senderOrigin !== undefined) {
      abs.seq = wrap(seg.seq + senderOrigin);
      if (seg.seqEnd !== undefined) abs.seqEnd = wrap(seg.seqEnd + senderOrigin);
    }
    if (seg.ack !== undefined && receiverOrigin !== undefined) abs.ack = wrap(seg.ack + receiverOrigin);
    return Object.keys(abs).length ? { relative: true, abs } : { relative: true };
  }

  private raw(seg: ParsedSegment): SequenceResult {
    const abs: AbsoluteNumbers = {};
    if (seg.seq !== undefined) abs.seq = seg.seq;
    if (seg.seqEnd !== undefined) abs.seqEnd = seg.seqEnd;
    if (seg.ack !== undefined) abs.ack = seg.ack;
    return Object.keys(abs).length ? { relative: false, abs } : { relative: false };
  }

  /**
   * Settles -S or not from the first segment whose numbers read clearly one way; until then
   * each segment takes the nearer reading. Returns whether this segment is raw.
   */
  private decideMode(seg: ParsedSegment, senderOrigin?: number, receiverOrigin?: number): boolean {
    const readings: [number | undefined, number | undefined][] = [
      [seg.seq, senderOrigin],
      [seg.ack, receiverOrigin],
    ];
    let rawCloser = 0;
    for (const [printed, origin] of readings) {
      if (printed === undefined || origin === undefined) continue;
      const asRaw = distance(printed, origin);
      const asRelative = distance(printed, 0);
      if (asRaw < NEAR && asRelative > FAR) this.absoluteInput = true;
      else if (asRelative < NEAR && asRaw > FAR) this.absoluteInput = false;
      if (this.absoluteInput !== undefined) return this.absoluteInput;
      rawCloser += Math.sign(asRelative - asRaw);
    }
    return rawCloser > 0;
  }

  private remember(key: string, entry: Entry): void {
    this.tables.delete(key);
    this.tables.set(key, entry);
    if (this.tables.size > MAX_ENTRIES) this.tables.delete(this.tables.keys().next().value!);
  }
}

function endpointKey(host: string | undefined, port: number | string | undefined): string {
  return `${host ?? ""}.${port ?? ""}`;
}
