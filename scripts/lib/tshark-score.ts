import type { Packet } from "../../src/packets/types.js";
import { align, type Pair } from "./tshark-align.js";
import { comparePacket, lacksAbsolute } from "./tshark-compare.js";
import { KNOWN_DIFFERENCES, type KnownDifference } from "./tshark-exceptions.js";
import type { CompareContext } from "./tshark-findings.js";
import { expectedTimeText } from "./tshark-time.js";
import type { TsharkSegment } from "./tshark-types.js";

/** A difference no known-difference entry explains. */
export interface Finding {
  /** Input line of the packet (absent for a frame no packet accounts for). */
  line?: number;
  /** Frame number of the tshark segment (absent for a packet no frame accounts for). */
  frame?: number;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface RenderingScore {
  /** Segments checked: paired ones plus unexplained extra packets and missed frames. */
  segments: number;
  /** Paired segments whose every field is right. */
  right: number;
  /** Paired segments with a printed seq/ack but no absolute value (FORMAT.md 6.7). */
  noAbs: number;
  /** Extra packets and missed frames a known difference explains (nothing to compare). */
  unchecked: number;
  findings: Finding[];
  /** How often each known difference was used, by id. */
  used: Map<string, number>;
}

/** Aligns a rendering's packets with tshark's segments and checks every field of every pair. */
export function scoreRendering(packets: Packet[], segments: TsharkSegment[], context: CompareContext): RenderingScore {
  const { pairs, extra, missed } = align(packets, segments, context);
  const score: RenderingScore = { segments: 0, right: 0, noAbs: 0, unchecked: 0, findings: [], used: new Map() };
  const explain = (test: (d: KnownDifference) => boolean): boolean => {
    const known = KNOWN_DIFFERENCES.find(test);
    if (known) score.used.set(known.id, (score.used.get(known.id) ?? 0) + 1);
    return known !== undefined;
  };
  for (const pair of pairs) scorePair(score, pair, context, explain);
  for (const packet of extra) {
    if (explain((d) => d.extra?.(packet, context) === true)) score.unchecked++;
    else unexplained(score, { line: packet.line, field: "frame", expected: "a TCP segment in tshark", actual: summary(packet) });
  }
  for (const segment of missed) {
    if (explain((d) => d.missed?.(segment, context) === true)) score.unchecked++;
    else unexplained(score, { frame: segment.frame, field: "packet", expected: summary(segment, context), actual: undefined });
  }
  return score;
}

function scorePair(score: RenderingScore, pair: Pair, context: CompareContext, explain: (test: (d: KnownDifference) => boolean) => boolean): void {
  score.segments++;
  if (lacksAbsolute(pair.packet)) score.noAbs++;
  const left = comparePacket(pair.packet, pair.segment, context).filter(
    (mismatch) => !explain((d) => d.field?.(mismatch, pair, context) === true),
  );
  if (left.length === 0) score.right++;
  for (const m of left) score.findings.push({ line: pair.packet.line, frame: pair.segment.frame, ...m });
}

/** Enough of a packet or frame to find it in the text: number, time stamp, ports. */
function summary(item: Packet | TsharkSegment, context?: CompareContext): string {
  const time = "frame" in item ? context && expectedTimeText(item, context.first, context.options) : item.time;
  const number = "frame" in item ? item.frame : item.number;
  return [number === undefined ? "" : `#${number}`, time ?? "", `${item.sport ?? "?"} > ${item.dport ?? "?"}`].filter(Boolean).join(" ");
}

function unexplained(score: RenderingScore, finding: Finding): void {
  score.segments++;
  score.findings.push(finding);
}
