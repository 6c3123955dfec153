/**
 * Timestamp text → seconds (FORMAT.md section 3). The form comes from the text itself:
 * `YYYY-MM-DD hh:mm:ss.f` (-tttt, read as UTC), `S.f` (-tt), `hh:mm:ss.f` (time of day, or a
 * delta when the record starts with the -ttt/-ttttt sign column).
 */
import { STAMP } from "../grammar/lexer.js";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d+)/;
const CLOCK = /^(-?)(\d{2}):(\d{2}):(\d{2})\.(\d+)/;
const EPOCH = /^(\d+)\.(\d+)/;
/** A record whose timestamp has the sign column of -ttt/-ttttt (after an optional -# number). */
const DELTA_RECORD = /^(?:\s*\d+  )?([ -])(\d{2}):(\d{2}):(\d{2})\.(\d+) /;

/**
 * The timestamp at the start of a record (after an optional -# number), as the grammar's
 * `stamp` token reads it (lexer.ts): for records no grammar parses (a parallel worker's share
 * of another worker's records), whose time still moves this input's clocks.
 */
const RECORD_STAMP = new RegExp(String.raw`^(?: *\d+  )?\s*(${STAMP.source})`);

const DAY = 86400;
/** How many delta-form packets to look at before deciding between -ttt and -ttttt. */
const DELTA_DECISION_WINDOW = 32;

export type TimeForm = "clock" | "date" | "epoch" | "delta";

export interface ReadTime {
  form: TimeForm;
  /** Seconds as printed. */
  seconds: number;
  /** For deltas: the printed delta in whole nanoseconds, signed (sums stay exact). */
  nanos?: number;
}

function fraction(digits: string): number {
  return Number(digits) / 10 ** digits.length;
}

function deltaNanos(sign: string, h: string, m: string, s: string, f: string): number {
  const whole = (+h * 3600 + +m * 60 + +s) * 1e9 + Math.round(Number(f.slice(0, 9).padEnd(9, "0")));
  return sign === "-" ? -whole : whole;
}

/** The -ttt/-ttttt delta of any record (TCP or not), in nanoseconds, when it has one. */
export function recordDelta(recordText: string): number | undefined {
  const m = DELTA_RECORD.exec(recordText);
  return m ? deltaNanos(m[1], m[2], m[3], m[4], m[5]) : undefined;
}

/** The timestamp text of a record, as ParsedSegment.time would hold it, without parsing the record. */
function recordStamp(recordText: string): string | undefined {
  return RECORD_STAMP.exec(recordText)?.[1];
}

const ZERO = 48;
const isDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= ZERO && c <= ZERO + 9;
};
const twoDigits = (text: string, i: number) => (text.charCodeAt(i) - ZERO) * 10 + text.charCodeAt(i + 1) - ZERO;

/**
 * A record's time as readTime reads its stamp, without parsing the record. The default form
 * (`hh:mm:ss.ffffff ` at the start of the line: no -# number, no -ttt sign column) is read from
 * the characters (clockSeconds); anything else goes the regular way. A parallel worker does
 * this for most records.
 */
export function readRecordTime(recordText: string): ReadTime | undefined {
  const seconds = clockSeconds(recordText);
  if (!Number.isNaN(seconds)) return { form: "clock", seconds };
  const stamp = recordStamp(recordText);
  return stamp === undefined ? undefined : readTime(stamp, recordText);
}

/**
 * The seconds of a record's default time stamp (`hh:mm:ss.f` and a space at its start), with
 * the same arithmetic as readTime, so they are the same number; NaN for any other start.
 */
function clockSeconds(recordText: string): number {
  const t = recordText;
  if (t.charCodeAt(2) === 58 && t.charCodeAt(5) === 58 && t.charCodeAt(8) === 46 && isDigitAt(t, 0) && isDigitAt(t, 1) && isDigitAt(t, 3) && isDigitAt(t, 4) && isDigitAt(t, 6) && isDigitAt(t, 7)) {
    let end = 9;
    let digits = 0;
    while (isDigitAt(t, end)) digits = digits * 10 + t.charCodeAt(end++) - ZERO;
    if (end > 9 && end - 9 <= 15 && t.charCodeAt(end) === 32) return clockOf(twoDigits(t, 0), twoDigits(t, 3), twoDigits(t, 6), digits, end - 9);
  }
  return NaN;
}

/** 10 ** n for the fraction digits of a time stamp, the same numbers as `**` makes, without its call per packet. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, n) => 10 ** n);

/** The seconds of a time of day from its numbers (the fraction as its digits' value and count): clockSeconds's arithmetic. */
export function clockOf(hours: number, minutes: number, seconds: number, fraction: number, fractionDigits: number): number {
  return hours * 3600 + minutes * 60 + seconds + fraction / (POWERS_OF_TEN[fractionDigits] ?? 10 ** fractionDigits);
}

/** Reads one timestamp; `recordText` tells a -ttt/-ttttt delta from a time of day. */
export function readTime(time: string, recordText: string): ReadTime | undefined {
  let m = DATE_TIME.exec(time);
  if (m) {
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    return { form: "date", seconds: ms / 1000 + fraction(m[7]) };
  }
  m = CLOCK.exec(time);
  if (m) {
    const s = +m[2] * 3600 + +m[3] * 60 + +m[4] + fraction(m[5]);
    const nanos = recordDelta(recordText);
    if (nanos !== undefined) return { form: "delta", seconds: nanos / 1e9, nanos };
    return { form: "clock", seconds: s };
  }
  m = EPOCH.exec(time);
  if (m) return { form: "epoch", seconds: +m[1] + fraction(m[2]) };
  return undefined;
}

/**
 * Turns printed times into the `t` of one input, in order: time of day gains a day at each
 * midnight roll-over; deltas become seconds since the first packet, summed in whole
 * nanoseconds. -ttt (since the previous packet) and -ttttt (since the first) print the same
 * shape: -ttt shows itself by a value falling below half the one before (with -ttttt values only
 * grow, but for packets out of order by a hair), so deltas are held back until that is decided.
 * Every printed packet counts, TCP or not: a -ttt delta is measured from whatever came before.
 */
export class TimeLine {
  private dayOffset = 0;
  /**
   * The last time of day, NaN before the first (no comparison with it holds). A number, never
   * undefined: a field that may hold undefined takes a new heap number for every double stored.
   */
  private lastClock = NaN;
  private deltaMode?: "previous" | "first";
  private deltaTotal = 0;
  private lastDelta?: number;
  private deltasSeen = 0;

  /** `t` for a time of day, date or epoch stamp. */
  absolute(read: ReadTime): number {
    return read.form === "clock" ? this.ofClock(read.seconds) : read.seconds;
  }

  /** `t` for a time of day's seconds. */
  ofClock(seconds: number): number {
    if (seconds + DAY / 2 < this.lastClock) this.dayOffset += DAY;
    this.lastClock = seconds;
    return seconds + this.dayOffset;
  }

  /** Whether delta packets must still wait for the -ttt/-ttttt decision. */
  get deltaUndecided(): boolean {
    return this.deltaMode === undefined;
  }

  /** Records a delta (nanoseconds) in input order, deciding the mode when it can. */
  observeDelta(nanos: number): void {
    if (this.deltaMode) return;
    const previous = this.lastDelta;
    this.lastDelta = nanos;
    if (previous !== undefined && previous > 0 && nanos < previous / 2) this.deltaMode = "previous";
    else if (++this.deltasSeen >= DELTA_DECISION_WINDOW) this.deltaMode = "first";
  }

  /** Ends the wait at end of input: no fall seen means deltas since the first packet. */
  decideDeltas(): void {
    this.deltaMode ??= "first";
  }

  /** Seconds since the first packet for a delta, in input order, once decided. */
  fromDelta(nanos: number): number {
    if (this.deltaMode === "first") return nanos / 1e9;
    this.deltaTotal += nanos;
    return this.deltaTotal / 1e9;
  }
}
