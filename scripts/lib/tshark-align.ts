import type { Packet } from "../../src/packets/types.js";
import { printsFrame } from "./tshark-args.js";
import type { CompareContext } from "./tshark-findings.js";
import { expectedTimeText, fractionInRange } from "./tshark-time.js";
import type { TsharkSegment } from "./tshark-types.js";

export interface Pair {
  packet: Packet;
  segment: TsharkSegment;
}

export interface Alignment {
  pairs: Pair[];
  /** hs-report packets no tshark segment accounts for. */
  extra: Packet[];
  /** tshark segments of printed frames that no hs-report packet accounts for. */
  missed: TsharkSegment[];
}

/**
 * Pairs hs-report's packets with tshark's segments (the fixture holds only frames where tshark
 * found a TCP layer that is not quoted inside ICMP; see tshark-extract.ts).
 *
 * With `-#` the packet number is the frame number (tunnelled inner packets carry their outer
 * frame's number; a BPF filter's fixture is renumbered like tcpdump's output), and a segment is
 * missed when its frame is one tcpdump printed (`--skip`, `-c`, `--print-sampling` respected).
 *
 * Without `-#` the two lists are walked in order. Non-TCP frames are in neither list. A frame
 * tshark decodes as TCP but tcpdump prints otherwise (or the other way round, or a record
 * hs-report failed to parse) breaks a plain zip, so each packet takes the next segment that is
 * compatible with it — same ports and same printed time stamp, when the packet carries them —
 * and the segments passed over are reported as missed; a packet with no compatible segment
 * ahead is reported as extra. Both lists are checked against the exception table by the caller.
 */
export function align(packets: Packet[], segments: TsharkSegment[], context: CompareContext): Alignment {
  return context.options.numbered ? alignByNumber(packets, segments, context) : alignByOrder(packets, segments, context);
}

function alignByNumber(packets: Packet[], segments: TsharkSegment[], context: CompareContext): Alignment {
  const byFrame = new Map(segments.map((s) => [s.frame, s]));
  const used = new Set<number>();
  const alignment: Alignment = { pairs: [], extra: [], missed: [] };
  for (const packet of packets) {
    const segment = packet.number === undefined || used.has(packet.number) ? undefined : byFrame.get(packet.number);
    if (segment) {
      used.add(segment.frame);
      alignment.pairs.push({ packet, segment });
    } else alignment.extra.push(packet);
  }
  alignment.missed = segments.filter((s) => !used.has(s.frame) && printsFrame(context.options, s.frame));
  return alignment;
}

function alignByOrder(packets: Packet[], segments: TsharkSegment[], context: CompareContext): Alignment {
  const alignment: Alignment = { pairs: [], extra: [], missed: [] };
  let cursor = 0;
  for (const packet of packets) {
    let at = cursor;
    while (at < segments.length && !compatible(packet, segments[at], context)) at++;
    if (at === segments.length) {
      alignment.extra.push(packet);
      continue;
    }
    alignment.missed.push(...segments.slice(cursor, at));
    alignment.pairs.push({ packet, segment: segments[at] });
    cursor = at + 1;
  }
  alignment.missed.push(...segments.slice(cursor));
  return alignment;
}

/**
 * Same ports, and the same time stamp unless tcpdump printed an out-of-range fraction (more
 * digits than the precision, FORMAT.md 3), which says nothing reliable about the frame's time.
 */
function compatible(packet: Packet, segment: TsharkSegment, context: CompareContext): boolean {
  if (packet.sport !== undefined && segment.sport !== undefined && packet.sport !== segment.sport) return false;
  if (packet.dport !== undefined && segment.dport !== undefined && packet.dport !== segment.dport) return false;
  const time = expectedTimeText(segment, context.first, context.options);
  const comparable = packet.time !== undefined && time !== undefined && fractionInRange(packet.time, context.options);
  return !comparable || packet.time === time;
}
