/**
 * Timestamp text → seconds (FORMAT.md section 3). The form comes from the text itself:
 * `YYYY-MM-DD hh:mm:ss.f` (-tttt, read as UTC), `S.f` (-tt), `hh:mm:ss.f` (time of day, or a
 * delta when the record starts with the -ttt/-ttttt sign column).
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d+)/;
const CLOCK = /^(-?)(\d{2}):(\d{2}):(\d{2})\.(\d+)/;
const EPOCH = /^(\d+)\.(\d+)/;
/** A record whose timestamp has the sign column of -ttt/-ttttt (after an optional -# number). */
const DELTA_RECORD = /^(?:\s*\d+  )?[ -]\d{2}:\d{2}:\d{2}\./;

const DAY = 86400;
/** How many delta-form packets to look at before deciding between -ttt and -ttttt. */
const DELTA_DECISION_WINDOW = 32;

export type TimeForm = "clock" | "date" | "epoch" | "delta";

export interface ReadTime {
  form: TimeForm;
  /** Seconds as printed (for deltas: the printed delta, signed). */
  seconds: number;
}

function fraction(digits: string): number {
  return Number(digits) / 10 ** digits.length;
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
    if (DELTA_RECORD.test(recordText)) return { form: "delta", seconds: m[1] ? -s : s };
    return { form: "clock", seconds: s };
  }
  m = EPOCH.exec(time);
  if (m) return { form: "epoch", seconds: +m[1] + fraction(m[2]) };
  return undefined;
}

/**
 * Turns printed times into the `t` of one input, in order: time of day gains a day at each
 * midnight roll-over; deltas become seconds since the first packet. -ttt (since the previous
 * packet) and -ttttt (since the first) print the same shape; -ttt shows itself by a value
 * smaller than the one before, so delta-form packets are held back until that is decided.
 */
export class TimeLine {
  private dayOffset = 0;
  private lastClock?: number;
  private deltaMode?: "previous" | "first";
  private deltaTotal = 0;
  private seenDeltas: number[] = [];

  /** `t` for a time of day, date or epoch stamp. */
  absolute(read: ReadTime): number {
    if (read.form !== "clock") return read.seconds;
    if (this.lastClock !== undefined && read.seconds + DAY / 2 < this.lastClock) this.dayOffset += DAY;
    this.lastClock = read.seconds;
    return read.seconds + this.dayOffset;
  }

  /** Whether delta packets must still wait for the -ttt/-ttttt decision. */
  get deltaUndecided(): boolean {
    return this.deltaMode === undefined;
  }

  /**
   * Records a delta; returns true once the mode is decided (then every held delta can be
   * converted with `fromDelta` in order).
   */
  observeDelta(seconds: number): boolean {
    if (this.deltaMode) return true;
    const previous = this.seenDeltas[this.seenDeltas.length - 1];
    this.seenDeltas.push(seconds);
    if (previous !== undefined && seconds < previous) this.deltaMode = "previous";
    else if (this.seenDeltas.length >= DELTA_DECISION_WINDOW) this.deltaMode = "first";
    return this.deltaMode !== undefined;
  }

  /** Ends the wait at end of input: no decrease seen means deltas since the first packet. */
  decideDeltas(): void {
    this.deltaMode ??= "first";
  }

  /** Seconds since the first packet for a delta, in input order, once decided. */
  fromDelta(seconds: number): number {
    if (this.deltaMode === "first") return seconds;
    this.deltaTotal += seconds;
    return this.deltaTotal;
  }
}
