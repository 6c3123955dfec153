import { basename } from "node:path";
import { recordsFromText, type PacketRecord } from "../../records/index.js";
import type { Style } from "../colors.js";
import { fold, wrap } from "./wrap.js";

/** What the pipeline remembers about a printed packet: enough to find its record again. */
export interface PacketPointer {
  line: number;
  time?: string;
  /** tcpdump's flag letters, as in `Flags [S.]`. */
  flags?: string;
  /** A port of the connection, to tell apart two packets printed at the same instant. */
  port?: number;
}

/** A packet's text as the input printed it, and where. */
export interface QuotedPacket {
  file: string;
  line: number;
  /** 1-based position among the packets of that line, when the line holds several (a paste). */
  packetOfLine?: number;
  /** The physical lines (one, or two for a verbose IPv4 header and its TCP line), or the record cut out of a pasted line. */
  lines: string[];
}

/** Keeps `test`'s survivors, or everything when none survive (a tie-break never loses the packet). */
function narrow(records: PacketRecord[], test: (r: PacketRecord) => boolean): PacketRecord[] {
  if (records.length < 2) return records;
  const kept = records.filter(test);
  return kept.length ? kept : records;
}

/** Tabs as a terminal shows them (stops every 8 columns), so widths are counted right. */
function expandTabs(line: string): string {
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}

/**
 * Finds the exact text of the packets the walkthrough talks about. The pipeline keeps only line
 * numbers (and times); a pasted session puts every packet on one line, so the records stage
 * cuts the text again and the packet is picked by its time, flags and port.
 */
export class Quoter {
  private readonly physical: string[];
  private readonly byLine = new Map<number, PacketRecord[]>();

  constructor(text: string, readonly file: string) {
    this.physical = text.split("\n");
    for (const record of recordsFromText(text, file)) {
      if (record.kind !== "tcp") continue;
      const list = this.byLine.get(record.line) ?? [];
      list.push(record);
      this.byLine.set(record.line, list);
    }
  }

  /** The packet a pointer names, or undefined when its line holds no TCP record. */
  find(p: PacketPointer): QuotedPacket | undefined {
    const onLine = this.byLine.get(p.line) ?? [];
    let candidates = narrow(onLine, (r) => p.time !== undefined && r.text.includes(p.time));
    candidates = narrow(candidates, (r) => p.flags !== undefined && r.text.includes(`Flags [${p.flags}]`));
    candidates = narrow(candidates, (r) => p.port !== undefined && new RegExp(`[.:]${p.port}[ :]`).test(r.text));
    const record = candidates[0];
    if (!record) return undefined;
    const quoted: QuotedPacket = { file: this.file, line: p.line, lines: this.originalLines(record) };
    if (onLine.length > 1) quoted.packetOfLine = onLine.indexOf(record) + 1;
    return quoted;
  }

  /**
   * A record's pieces as printed: a piece that is a whole physical line is quoted as that line
   * (its indentation kept); a piece cut from a longer line (a paste) is quoted as the record's text.
   */
  private originalLines(record: PacketRecord): string[] {
    return record.parts.map((part) => {
      const piece = record.text.slice(part.offset, part.offset + part.length);
      const physical = expandTabs((this.physical[part.line - 1] ?? "").replace(/\r/g, "")).trimEnd();
      return physical.trim().replace(/\s+/g, " ") === piece.trim().replace(/\s+/g, " ") ? physical : piece;
    });
  }
}

/** `node1-port80.txt line 1, packet 7`: where a quote comes from, short enough for a caption. */
export function quoteSource(q: QuotedPacket): string {
  const packet = q.packetOfLine !== undefined ? `, packet ${q.packetOfLine}` : "";
  return `${basename(q.file)} line ${q.line}${packet}`;
}

/** One quote: a caption with its source (dimmed), then the packet's text after `> `, folded to `width`. */
export function renderQuote(caption: string, q: QuotedPacket | undefined, style: Style, width: number, indent = "  "): string {
  if (!q) return wrap(`${caption}: not in this capture`, width, indent);
  let out = wrap(`${caption} ${style.dim(`(${quoteSource(q)})`)}:`, width, indent);
  for (const line of q.lines) {
    fold(line, width - indent.length - 2).forEach((piece, i) => {
      out += `${indent}${i === 0 ? "> " : "  "}${piece}\n`;
    });
  }
  return out;
}
