import { UsageError } from "./errors.js";

export type CommandName = "report" | "packets" | "walk";

export interface Options {
  command: CommandName;
  files: string[];
  json: boolean;
  strict: boolean;
  all: boolean;
  /** --conn N (repeatable): ladders of these connections. */
  conns: string[];
  front?: string;
  back?: string;
  /** --threads N: worker threads for --json on one input (default 1). */
  threads?: number;
  help: boolean;
  version: boolean;
}

const COMMANDS: CommandName[] = ["packets", "walk"];
/** Flags that take a value, and where the value goes. */
const VALUED = new Set(["--conn", "--front", "--back", "--threads"]);

/** Reads the command line: `hs-report [packets|walk] [options] [FILE|-]...`. */
export function parseArgs(argv: string[]): Options {
  const opts: Options = { command: "report", files: [], json: false, strict: false, all: false, conns: [], help: false, version: false };
  let rest = argv;
  if (rest.length && (COMMANDS as string[]).includes(rest[0])) {
    opts.command = rest[0] as CommandName;
    rest = rest.slice(1);
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--") {
      opts.files.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      opts.files.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (VALUED.has(flag)) {
      const value = inline ?? rest[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (flag === "--conn") opts.conns.push(...value.split(","));
      else if (flag === "--threads") opts.threads = threadCount(value);
      else if (flag === "--front") opts.front = value;
      else opts.back = value;
      continue;
    }
    if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    switch (flag) {
      case "-h":
      case "--help":
        opts.help = true;
        break;
      case "-V":
      case "--version":
        opts.version = true;
        break;
      case "--json":
        opts.json = true;
        break;
      case "--strict":
        opts.strict = true;
        break;
      case "--all":
        opts.all = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads needs a whole number from 1 to 64, not ${JSON.stringify(value)}`);
  return n;
}
