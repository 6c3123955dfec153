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

/**
 * Histories by the history they extend and the added letter's code: a capture shows a few
 * hundred distinct histories, so each connection's history is one of these shared strings, not
 * a new string at each letter (the new strings, held by long-lived connections, were copied by
 * every young-generation collection until promoted). Bounded for input with many more; past the
 * bound letters are simply appended.
 */
const extended = new Map<string, (string | undefined)[]>();
const MAX_HISTORIES = 65536;

/** Zeek's AddHistory: appends the letter, lower-cased for the responder. */
export function addLetter(h: History, code: string, isOrig: boolean): void {
  const letter = isOrig ? code : code.toLowerCase();
  let next = extended.get(h.history);
  if (next === undefined) {
    if (extended.size >= MAX_HISTORIES) {
      h.history += letter;
      return;
    }
    next = [];
    extended.set(h.history, next);
  }
  h.history = next[letter.charCodeAt(0)] ??= h.history + letter;
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
