/**
 * Time texts as two numbers. A tracked connection remembers the time text of every packet it
 * keeps, tens of thousands of connections are tracked at once on a busy server, and a string
 * copied off the input costs 64 bytes (see detach.ts) where two doubles cost 16 and nothing
 * for the garbage collector to trace.
 *
 * A text is split into its pattern (each digit replaced by `#`: `##:##:##.######`), shared by
 * every text of that shape, and its digits, up to 27: the last 15 as the low number (a double
 * holds 15 decimal digits exactly), the others as the high number, kept with the pattern's
 * number in the first double (high × MAX_PATTERNS + pattern stays below 2^53). Texts that do
 * not fit (more digits, a `#` of their own, a new pattern once the table is full) are not coded:
 * the caller keeps them as text.
 */
import { type JsonBytes, jsonText } from "./json-bytes.js";
import { TextTable } from "./text-table.js";

const DIGIT = "#";
const DIGIT_CODE = 35;
const DOT = 46;
const MAX_DIGITS = 27;
/** Digits a double holds exactly. */
const PART = 15;
const MAX_PATTERNS = 4096;
/** Pattern.codes entries of digit positions: a digit of the high number, of the low number. */
const HIGH = -2;
const LOW = -1;

/** A pattern with what coding and decoding need: its number, digit count, and the literal texts between its digit runs. */
class Pattern {
  /** Literal text before each digit run, then after the last one. */
  readonly literals: string[];
  /** Each digit run's length. */
  readonly runs: number[];
  readonly digits: number;
  /** Digits that go to the high number (those before the last PART). */
  readonly highDigits: number;
  /**
   * The last digit run's length when all of it is in the low number (0 otherwise), and 10 to its
   * power: decodeTime() splits a text into the part before that run, which consecutive times
   * of a report mostly share (the same second), and the run.
   */
  readonly tailDigits: number;
  readonly tailScale: number;
  /** Per character: the literal's code, or HIGH or LOW where a digit goes (coding reads a text in one pass over these). */
  readonly codes: Int32Array;
  /**
   * The fraction's digit count when the fraction (the run after the last `.` that a digit
   * follows) is the last run and all in the low number, so that low % tailScale is its value; 0
   * otherwise (CodedTime.fraction() then reads the text).
   */
  readonly fractionDigits: number;
  /** What turns the fraction's value into nanoseconds: a multiplier for up to nine digits, else a divisor. */
  readonly fractionScale: number;
  /**
   * The pattern as a JSON string, and where its digits go in it (json-bytes.ts `templated`);
   * no template when the pattern's literals need escaping in JSON.
   */
  readonly jsonTemplate?: Uint8Array;
  readonly jsonDigits: Int32Array;
  /** Whether it is `##:##:##.######`, tcpdump's default stamp: its JSON is written by JsonBytes.clockMicros(). */
  readonly clockMicros: boolean;
  /** The part before the last run of the last text decoded, and the high number and low digits before the run it was decoded from. */
  head = "";
  headHigh = NaN;
  headLow = NaN;

  constructor(
    readonly id: number,
    readonly text: string,
  ) {
    this.literals = text.split(/#+/);
    this.runs = (text.match(/#+/g) ?? []).map((run) => run.length);
    this.digits = this.runs.reduce((a, b) => a + b, 0);
    this.highDigits = Math.max(0, this.digits - PART);
    const last = this.runs.length > 0 ? this.runs[this.runs.length - 1] : 0;
    this.tailDigits = last <= Math.min(this.digits, PART) ? last : 0;
    this.tailScale = 10 ** this.tailDigits;
    const dot = text.lastIndexOf(".#");
    const fraction = dot < 0 ? "" : (/^#+/.exec(text.slice(dot + 1))?.[0] ?? "");
    this.fractionDigits = fraction.length > 0 && dot + 1 + fraction.length === text.length - this.literals[this.runs.length].length ? this.tailDigits : 0;
    this.fractionScale = 10 ** Math.abs(9 - this.fractionDigits);
    const json = jsonText(text);
    // `#` stays one byte in JSON, as does every other character when the text is as long there (plus its quotes)
    if (json.length === text.length + 2) this.jsonTemplate = json;
    this.jsonDigits = Int32Array.from(Array.from(json).flatMap((c, i) => (c === DIGIT_CODE ? [i] : [])));
    this.clockMicros = text === "##:##:##.######";
    this.codes = new Int32Array(text.length);
    let digit = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      this.codes[i] = c !== DIGIT_CODE ? c : digit++ < this.highDigits ? HIGH : LOW;
    }
  }
}

const patternIds = new TextTable(MAX_PATTERNS);
const patterns: Pattern[] = [];
/** The patterns of `hh:mm:ss.f` by the fraction's digit count (null: the table had no room). */
const clockPatterns: (Pattern | null | undefined)[] = [];
/** The pattern of the last text coded: consecutive times almost always share it. */
let last: Pattern | undefined;
/**
 * The pattern text readCoded() was last given, as given, and its pattern: the other thread's
 * rows name the same pattern by the same string (view-rows.ts), so it is compared by identity,
 * where the pattern's own text is another string, compared character by character.
 */
let lastGiven: string | undefined;
let lastGivenPattern: Pattern | undefined;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Codes `text` in one pass if it has the shape of `pattern`; false if not. */
function code(text: string, pattern: Pattern, out: Float64Array, at: number): boolean {
  const codes = pattern.codes;
  const n = codes.length;
  if (text.length !== n) return false;
  let high = 0;
  let low = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = codes[i];
    if (k >= 0) {
      if (c !== k) return false;
    } else if (!isDigit(c)) return false;
    else if (k === LOW) low = low * 10 + (c - 48);
    else high = high * 10 + (c - 48);
  }
  out[at] = high * MAX_PATTERNS + pattern.id;
  out[at + 1] = low;
  return true;
}

function patternOf(text: string): Pattern | undefined {
  if (text.includes(DIGIT)) return undefined;
  let digits = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) digits++;
  if (digits > MAX_DIGITS) return undefined;
  return patternOfShape(text.replace(/\d/g, DIGIT));
}

/** The pattern of a shape (digits as `#`), numbered at its first sight; undefined when the table is full. */
function patternOfShape(shape: string): Pattern | undefined {
  const id = patternIds.idOf(shape);
  if (id < 0) return undefined;
  patterns[id] ??= new Pattern(id, patternIds.textOf(id));
  return patterns[id];
}

/** Writes `text` as two numbers from `at`; returns false (writing nothing) when it cannot be coded. */
export function encodeTime(text: string, out: Float64Array, at: number): boolean {
  if (last && code(text, last, out, at)) return true;
  const pattern = patternOf(text);
  if (!pattern) return false;
  last = pattern;
  return code(text, pattern, out, at);
}

/** A packet's time text read once, coded when it can be (its numbers then copied into records, never coded again). */
export class CodedTime {
  text?: string;
  /** Whether `numbers` hold the text. */
  coded = false;
  readonly numbers = new Float64Array(2);
  /** Set by fraction(): the fraction's first nine digits as nanoseconds (fewer digits padded with zeros). */
  nanos = 0;
  /** fraction()'s result for this text, NaN until asked (a packet's stamp and timings ask several times). */
  private digits = NaN;

  read(text: string | undefined): void {
    this.text = text;
    this.coded = text !== undefined && encodeTime(text, this.numbers, 0);
    this.digits = NaN;
  }

  /**
   * read() of a time of day `hh:mm:ss.f` (up to 9 fraction digits) given by its numbers, as the
   * fast lane reads them, without its text: the same numbers encodeTime() makes of the text.
   * False, changing nothing, when its pattern has no number (then read() the text).
   */
  readClock(hours: number, minutes: number, seconds: number, fraction: number, fractionDigits: number): boolean {
    const pattern = (clockPatterns[fractionDigits] ??= patternOf(`00:00:00.${"0".repeat(fractionDigits)}`) ?? null);
    if (pattern === null) return false;
    this.text = undefined;
    this.coded = true;
    this.digits = NaN;
    // every digit in the low number (at most 6 + 9): hh mm ss and the fraction, in a row
    this.numbers[0] = pattern.id;
    this.numbers[1] = ((hours * 100 + minutes) * 100 + seconds) * pattern.tailScale + fraction;
    return true;
  }

  /**
   * For a CodedTime of another thread (whose table numbers patterns its own way): the coded
   * time's pattern, undefined when the time is not coded (then its text says it all).
   */
  get patternText(): string | undefined {
    return this.coded ? patternOfCode(this.numbers[0]).text : undefined;
  }

  /**
   * A time another thread coded: its pattern (patternText), its numbers and its text, if it had
   * one (fraction() may read it). False, changing nothing, when this table has no room for the
   * pattern: it cannot happen to a thread that reads the other's times in the other's order
   * (cli/pipeline/), whose table fills as the other's did.
   */
  readCoded(patternText: string, numbers: Float64Array, at: number, text: string | undefined): boolean {
    if (patternText !== lastGiven) {
      lastGivenPattern = patternOfShape(patternText);
      lastGiven = patternText;
    }
    const pattern = lastGivenPattern;
    if (pattern === undefined) return false;
    this.text = text;
    this.coded = true;
    this.digits = NaN;
    this.numbers[0] = Math.floor(numbers[at] / MAX_PATTERNS) * MAX_PATTERNS + pattern.id;
    this.numbers[1] = numbers[at + 1];
    return true;
  }

  /**
   * The fraction of the text, its digits after the last `.` that a digit follows (so a date's or
   * an address's dots before it do not count), for time differences: its digit count, -1 when
   * there is none; its value in `nanos`. From the numbers when the pattern allows (the last digits
   * of the low number, taken as decodeTime() does), else the text.
   */
  fraction(): number {
    if (Number.isNaN(this.digits)) this.digits = this.readFraction();
    return this.digits;
  }

  private readFraction(): number {
    const pattern = this.coded ? patternOfCode(this.numbers[0]) : undefined;
    const digits = pattern?.fractionDigits ?? 0;
    if (digits === 0) return this.fractionOfText();
    const low = this.numbers[1];
    const value = low - Math.floor(low / pattern!.tailScale) * pattern!.tailScale;
    this.nanos = digits <= 9 ? value * pattern!.fractionScale : Math.floor(value / pattern!.fractionScale);
    return digits;
  }

  private fractionOfText(): number {
    const text = this.text;
    if (text === undefined) return -1;
    let start = -1;
    for (let i = text.length - 2; i >= 0 && start < 0; i--) if (text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) start = i + 1;
    if (start < 0) return -1;
    let end = start;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const digits = end - start;
    let n = 0;
    for (let k = 0; k < 9; k++) n = n * 10 + (k < digits ? text.charCodeAt(start + k) - 48 : 0);
    this.nanos = n;
    return digits;
  }
}

/**
 * Texts decoded lately, by the last bits of their low number: a report spells some times more
 * than once (a connection's first SYN is its start, its client side and its first segment).
 */
const RECENT = 16;
const recentNumbers = new Float64Array(2 * RECENT).fill(NaN);
const recentTexts: string[] = new Array<string>(RECENT).fill("");

/** The text written by encodeTime() at `at`. */
export function decodeTime(from: Float64Array, at: number): string {
  const slot = from[at + 1] & (RECENT - 1);
  const kept = 2 * slot;
  if (recentNumbers[kept + 1] === from[at + 1] && recentNumbers[kept] === from[at]) return recentTexts[slot];
  const text = decoded(from[at], from[at + 1]);
  recentNumbers[kept] = from[at];
  recentNumbers[kept + 1] = from[at + 1];
  recentTexts[slot] = text;
  return text;
}

/** decodeTime() as a JSON string (json-bytes.ts), without the text. */
export function writeTimeJson(from: Float64Array, at: number, out: JsonBytes): void {
  const pattern = patternOfCode(from[at]);
  if (pattern.clockMicros) return out.clockMicros(from, at + 1);
  if (pattern.jsonTemplate === undefined) return out.string(decodeTime(from, at));
  out.templated(pattern.jsonTemplate, pattern.jsonDigits, Math.floor(from[at] / MAX_PATTERNS), from[at + 1], pattern.digits - pattern.highDigits);
}

/** The pattern of a text coded with `first` as its first number. */
const patternOfCode = (first: number): Pattern => patterns[(first - Math.floor(first / MAX_PATTERNS) * MAX_PATTERNS) | 0];

function decoded(first: number, low: number): string {
  const pattern = patternOfCode(first);
  const high = Math.floor(first / MAX_PATTERNS);
  if (pattern.tailDigits === 0) return spelled(pattern, high, low);
  // low % tailScale, by a division: exact for integers below 2^53, and cheaper than `%` on doubles.
  const headLow = Math.floor(low / pattern.tailScale);
  const tail = low - headLow * pattern.tailScale;
  if (headLow !== pattern.headLow || high !== pattern.headHigh) {
    const text = spelled(pattern, high, low);
    pattern.head = text.slice(0, text.length - pattern.tailDigits - pattern.literals[pattern.runs.length].length);
    pattern.headHigh = high;
    pattern.headLow = headLow;
  }
  return pattern.head + String(tail).padStart(pattern.tailDigits, "0") + pattern.literals[pattern.runs.length];
}

/** A pattern's text with the digits of `high` and `low` in its digit runs. */
function spelled(pattern: Pattern, high: number, lowDigits: number): string {
  const low = String(lowDigits).padStart(Math.min(pattern.digits, PART), "0");
  const all = pattern.highDigits > 0 ? String(high).padStart(pattern.highDigits, "0") + low : low;
  let text = pattern.literals[0];
  let next = 0;
  for (let r = 0; r < pattern.runs.length; r++) {
    text += all.slice(next, next + pattern.runs[r]) + pattern.literals[r + 1];
    next += pattern.runs[r];
  }
  return text;
}
