/**
 * What a tcpdump command line means for the text it prints: the facts the comparison with
 * tshark needs (time-stamp form, precision, absolute numbers, which packets are printed, ...).
 * Read from the rendering's own arguments, never from the text.
 */

export type TimeForm = "default" | "t" | "tt" | "ttt" | "tttt" | "ttttt";

export interface RenderingOptions {
  /** `-#`: every record carries its packet number. */
  numbered: boolean;
  timeForm: TimeForm;
  /** `--nano` / `--time-stamp-precision=nano`: nine fraction digits. */
  nano: boolean;
  /** `-S`, or 5.x `--print-sampling` which implies it: seq/ack printed raw. */
  absolute: boolean;
  verbosity: number;
  /** `-q`: `tcp N` instead of flags and numbers. */
  quiet: boolean;
  /** `-e`: link-level header printed. */
  linkHeader: boolean;
  /** `-n`: addresses and ports stay numeric. */
  numeric: boolean;
  /** `-K`: checksums not verified. */
  noChecksum: boolean;
  /** `--skip N`: the first N packets are not printed. */
  skip: number;
  /** `-c N`: at most N packets printed. */
  count?: number;
  /** `--print-sampling=N`: only every N-th packet printed. */
  sampling: number;
  /** BPF filter words. */
  filter: string[];
}

/** Short options that take an argument (the rest of the word or the next word). */
const SHORT_WITH_ARGUMENT = new Set("BCEFGMQTVWcijmrswyzZ".split(""));
/** Long options that take the next word as argument when not written `--opt=value`. */
const LONG_WITH_ARGUMENT = new Set(["--skip", "--time-stamp-type", "--time-stamp-precision", "--print-sampling"]);

export function parseTcpdumpArgs(args: readonly string[]): RenderingOptions {
  const options: RenderingOptions = {
    numbered: false,
    timeForm: "default",
    nano: false,
    absolute: false,
    verbosity: 0,
    quiet: false,
    linkHeader: false,
    numeric: false,
    noChecksum: false,
    skip: 0,
    sampling: 1,
    filter: [],
  };
  let tCount = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === "--") {
      options.filter.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith("--")) {
      const [name, inline] = word.split("=", 2);
      const value = inline ?? (LONG_WITH_ARGUMENT.has(name) ? args[++i] : undefined);
      applyLong(options, name, value);
    } else if (word.startsWith("-") && word.length > 1) {
      for (let c = 1; c < word.length; c++) {
        const letter = word[c];
        if (SHORT_WITH_ARGUMENT.has(letter)) {
          const value = c + 1 < word.length ? word.slice(c + 1) : args[++i];
          if (letter === "c") options.count = Number(value);
          break;
        }
        if (letter === "t") tCount++;
        else applyShort(options, letter);
      }
    } else {
      options.filter.push(word);
    }
  }
  options.timeForm = (["default", "t", "tt", "ttt", "tttt", "ttttt"] as const)[Math.min(tCount, 5)];
  return options;
}

function applyShort(options: RenderingOptions, letter: string): void {
  if (letter === "#") options.numbered = true;
  else if (letter === "n") options.numeric = true;
  else if (letter === "v") options.verbosity++;
  else if (letter === "q") options.quiet = true;
  else if (letter === "e") options.linkHeader = true;
  else if (letter === "S") options.absolute = true;
  else if (letter === "K") options.noChecksum = true;
}

function applyLong(options: RenderingOptions, name: string, value: string | undefined): void {
  if (name === "--nano" || (name === "--time-stamp-precision" && value === "nano")) options.nano = true;
  else if (name === "--number") options.numbered = true;
  else if (name === "--absolute-tcp-sequence-numbers") options.absolute = true;
  else if (name === "--dont-verify-checksums") options.noChecksum = true;
  else if (name === "--skip") options.skip = Number(value);
  else if (name === "--print-sampling") {
    options.sampling = Number(value);
    options.absolute = true;
  }
}

/** Whether tcpdump prints frame `frame` (1-based, after the filter) under these options. */
export function printsFrame(options: RenderingOptions, frame: number): boolean {
  if (frame <= options.skip || frame % options.sampling !== 0) return false;
  const ordinal = Math.floor(frame / options.sampling) - Math.floor(options.skip / options.sampling);
  return options.count === undefined || ordinal <= options.count;
}
