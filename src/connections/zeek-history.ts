/**
 * Zeek's `history` string (base/protocols/conn/main.zeek, `Conn::Info$history`): letters in
 * the order events happen, upper case for the originator, lower case for the responder.
 * Reproduces the bookkeeping of Zeek's Connection::CheckHistory, AddHistory and
 * ScaledHistoryEntry (src/Conn.h, src/Conn.cc).
 */

/** Letter kinds Zeek records once per direction (its HIST_* masks). */
export type OnceKind = "syn" | "fin" | "rst" | "finRst" | "data" | "ack" | "multiFlag";

/** A counter for letters Zeek records at the 1st, 10th, 100th ... occurrence. */
export interface ScaledCounter {
  count: number;
  threshold: number;
}

export const newScaledCounter = (): ScaledCounter => ({ count: 0, threshold: 1 });

export class History {
  private letters = "";
  private readonly seen = new Set<string>();

  /** Zeek's AddHistory: appends the letter, lower-cased for the responder. */
  add(code: string, isOrig: boolean): void {
    this.letters += isOrig ? code : code.toLowerCase();
  }

  /**
   * Zeek's CheckHistory: the first time `kind` happens in this direction the letter is added
   * and false returned; afterwards true ("already seen"), so callers may add a repeat.
   */
  check(kind: OnceKind, code: string, isOrig: boolean): boolean {
    const mask = `${kind}:${isOrig}`;
    if (this.seen.has(mask)) return true;
    this.seen.add(mask);
    this.add(code, isOrig);
    return false;
  }

  /** Zeek's ScaledHistoryEntry with base 10. */
  scaled(code: string, counter: ScaledCounter, isOrig: boolean): void {
    counter.count++;
    if (counter.count !== counter.threshold) return;
    this.add(code, isOrig);
    counter.threshold *= 10;
  }

  toString(): string {
    return this.letters;
  }
}
