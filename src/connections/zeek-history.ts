/**
 * Zeek's `history` string (base/protocols/conn/main.zeek, `Conn::Info$history`): letters in
 * the order events happen, upper case for the originator, lower case for the responder.
 * Reproduces the bookkeeping of Zeek's Connection::CheckHistory, AddHistory and
 * ScaledHistoryEntry (src/Conn.h, src/Conn.cc).
 */

/** Letter kinds Zeek records once per direction: one bit each, as its HIST_* masks. */
export const ONCE = { syn: 1, fin: 2, rst: 4, finRst: 8, data: 16, ack: 32, multiFlag: 64 } as const;

/** The responder's bits sit above the originator's. */
const RESPONDER_SHIFT = 8;

/** Where a connection keeps its history: the letters, and the ONCE bits already recorded (the responder's shifted up). */
export interface History {
  history: string;
  historySeen: number;
}

/** Zeek's AddHistory: appends the letter, lower-cased for the responder. */
export function addLetter(h: History, code: string, isOrig: boolean): void {
  h.history += isOrig ? code : code.toLowerCase();
}

/**
 * Zeek's CheckHistory: the first time the kind (a ONCE bit) happens in this direction the letter
 * is added and false returned; afterwards true ("already seen"), so callers may add a repeat.
 */
export function checkLetter(h: History, once: number, code: string, isOrig: boolean): boolean {
  const mask = isOrig ? once : once << RESPONDER_SHIFT;
  if (h.historySeen & mask) return true;
  h.historySeen |= mask;
  addLetter(h, code, isOrig);
  return false;
}

/**
 * Zeek's ScaledHistoryEntry with base 10, given the occurrence's count (1 for the first): the
 * letter is added at the 1st, 10th, 100th ... occurrence.
 */
export function scaledLetter(h: History, code: string, count: number, isOrig: boolean): void {
  let threshold = 1;
  while (threshold < count) threshold *= 10;
  if (threshold === count) addLetter(h, code, isOrig);
}
