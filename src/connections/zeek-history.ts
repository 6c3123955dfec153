/**
 * Zeek's `history` string (base/protocols/conn/main.zeek, `Conn::Info$history`): letters in
 * the order events happen, upper case for the originator, lower case for the responder.
 * Reproduces the bookkeeping of Zeek's Connection::CheckHistory, AddHistory and
 * ScaledHistoryEntry (src/Conn.h, src/Conn.cc).
 */

/** Letter kinds Zeek records once per direction: one bit each, as its HIST_* masks. */
const ONCE = { syn: 1, fin: 2, rst: 4, finRst: 8, data: 16, ack: 32, multiFlag: 64 } as const;
export type OnceKind = keyof typeof ONCE;

/** The responder's bits sit above the originator's. */
const RESPONDER_SHIFT = 8;

export class History {
  private letters = "";
  /** ONCE bits already recorded, the responder's shifted up. */
  private seen = 0;

  /** Back to no letters (connections are reused, see tracker.ts). */
  reset(): void {
    this.letters = "";
    this.seen = 0;
  }

  /** Zeek's AddHistory: appends the letter, lower-cased for the responder. */
  add(code: string, isOrig: boolean): void {
    this.letters += isOrig ? code : code.toLowerCase();
  }

  /**
   * Zeek's CheckHistory: the first time `kind` happens in this direction the letter is added
   * and false returned; afterwards true ("already seen"), so callers may add a repeat.
   */
  check(kind: OnceKind, code: string, isOrig: boolean): boolean {
    const mask = isOrig ? ONCE[kind] : ONCE[kind] << RESPONDER_SHIFT;
    if (this.seen & mask) return true;
    this.seen |= mask;
    this.add(code, isOrig);
    return false;
  }

  /**
   * Zeek's ScaledHistoryEntry with base 10, given the occurrence's count (1 for the first): the
   * letter is added at the 1st, 10th, 100th ... occurrence.
   */
  scaled(code: string, count: number, isOrig: boolean): void {
    let threshold = 1;
    while (threshold < count) threshold *= 10;
    if (threshold === count) this.add(code, isOrig);
  }

  toString(): string {
    return this.letters;
  }
}
