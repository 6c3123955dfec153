/**
 * Which worker owns a TCP record: a hash of its two `host.port` words, the same whichever is
 * the source, so every packet of a connection (and of a 4-tuple reused by later connections)
 * goes to the same worker, and per-connection state never needs to cross threads.
 *
 * The words are found in the text without parsing for the common shape (`A > B: Flags [`);
 * for any other shape the caller parses the record and uses `ownerOfEndpoints`, which hashes
 * the same words rebuilt from the parsed fields. A test checks, on every record the repo
 * holds, that both ways give the same words, so the two never split a connection.
 */

import { FNV_OFFSET, textHash } from "../../grammar/text-hash.js";

const TCP_HEADER_MARK = ": Flags [";
const ARROW = " > ";

/** Owner of a pair of word hashes: added, so the pair's order does not matter. */
const ownerOfHashes = (a: number, b: number, ways: number): number => ((a + b) >>> 0) % ways;

/** The source and destination words' [start, end) offsets in a record's text, or undefined. */
export function endpointWords(text: string): [number, number, number, number] | undefined {
  const mark = text.indexOf(TCP_HEADER_MARK);
  if (mark < 0) return undefined;
  const arrow = text.lastIndexOf(ARROW, mark);
  if (arrow <= 0) return undefined;
  const dstStart = arrow + ARROW.length;
  const srcStart = text.lastIndexOf(" ", arrow - 1) + 1;
  // each word is one token (no space inside) and holds a host: after a header that prints the
  // addresses apart (IPv6 extension headers), the words are bare ports
  const dot = text.indexOf(".", srcStart);
  if (srcStart === arrow || text.indexOf(" ", dstStart) < mark || dot < 0 || dot > arrow) return undefined;
  return [srcStart, arrow, dstStart, mark];
}

/** The worker that owns a record, from its text; undefined when the text has another shape. */
export function ownerOfText(text: string, ways: number): number | undefined {
  const words = endpointWords(text);
  if (!words) return undefined;
  return ownerOfHashes(textHash(FNV_OFFSET, text, words[0], words[1]), textHash(FNV_OFFSET, text, words[2], words[3]), ways);
}

/** The endpoints as parsed; a port is its printed text: the number, or the service name. */
export interface ParsedEndpoints {
  src?: string;
  sport?: number;
  sportName?: string;
  dst?: string;
  dport?: number;
  dportName?: string;
}

/** The `host.port` word tcpdump printed for one endpoint. */
export function endpointWord(host: string | undefined, port: number | undefined, portName: string | undefined): string {
  return `${host ?? ""}.${portName ?? port ?? ""}`;
}

/** The worker that owns a parsed record (same words, same hash as ownerOfText). */
export function ownerOfEndpoints(p: ParsedEndpoints, ways: number): number {
  const src = endpointWord(p.src, p.sport, p.sportName);
  const dst = endpointWord(p.dst, p.dport, p.dportName);
  return ownerOfHashes(textHash(FNV_OFFSET, src), textHash(FNV_OFFSET, dst), ways);
}
