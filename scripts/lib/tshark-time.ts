import type { RenderingOptions, TimeForm } from "./tshark-args.js";
import { NS_PER_S, nanosToSeconds, toNanos, truncateToMicros } from "./tshark-decimal.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * The time stamp tcpdump prints for a frame, rebuilt from tshark's frame times with the rules
 * of FORMAT.md section 3: UTC (every corpus rendering and every check run uses TZ=UTC), six
 * fraction digits truncated from the capture's nanoseconds unless `--nano`, -ttt relative to
 * the previous frame and -ttttt to the first one, deltas wrapping at 24 hours (4.99 and 5.x).
 */

const DAY = 86_400n * NS_PER_S;

/** The time text as hs-report keeps it (`Packet.time`: no leading sign space for deltas). */
export function expectedTimeText(segment: TsharkSegment, first: string, options: RenderingOptions): string | undefined {
  const at = shown(toNanos(segment.time), options);
  if (options.timeForm === "default") return clock(at % DAY, options);
  if (options.timeForm === "tt") return `${at / NS_PER_S}.${fraction(at, options)}`;
  if (options.timeForm === "tttt") return `${utcDate(at)} ${clock(at % DAY, options)}`;
  if (options.timeForm === "ttt") return signedDelta(at - shown(toNanos(segment.time) - toNanos(segment.delta), options), options);
  if (options.timeForm === "ttttt") return signedDelta(at - shown(toNanos(first), options), options);
  return undefined;
}

/**
 * `Packet.t` as docs/packets.md defines it: seconds since midnight for the default form,
 * Unix seconds for -tt/-tttt, seconds since the first frame for -ttt/-ttttt (the sum of -ttt's
 * deltas), nothing for -t.
 */
export function expectedSeconds(segment: TsharkSegment, first: string, options: RenderingOptions): number | undefined {
  const at = shown(toNanos(segment.time), options);
  const since: Record<TimeForm, bigint | undefined> = {
    t: undefined,
    default: at % DAY,
    tt: at,
    tttt: at,
    ttt: at - shown(toNanos(first), options),
    ttttt: at - shown(toNanos(first), options),
  };
  const nanos = since[options.timeForm];
  return nanos === undefined ? undefined : nanosToSeconds(nanos);
}

/**
 * Whether a printed time stamp has the fraction its precision allows (6 or 9 digits); tcpdump
 * prints an out-of-range sub-second field with more digits (FORMAT.md 3), which is no time.
 */
export function fractionInRange(time: string, options: RenderingOptions): boolean {
  return (/\.(\d+)$/.exec(time)?.[1].length ?? 0) === (options.nano ? 9 : 6);
}

/** Seconds differences below this are equal: half a microsecond (below the printed resolution). */
export const SECONDS_TOLERANCE = 5e-7;

function shown(nanos: bigint, options: RenderingOptions): bigint {
  return options.nano ? nanos : truncateToMicros(nanos);
}

function fraction(nanos: bigint, options: RenderingOptions): string {
  const digits = (((nanos % NS_PER_S) + NS_PER_S) % NS_PER_S).toString().padStart(9, "0");
  return options.nano ? digits : digits.slice(0, 6);
}

function clock(nanos: bigint, options: RenderingOptions): string {
  const seconds = nanos / NS_PER_S;
  const two = (n: bigint) => n.toString().padStart(2, "0");
  return `${two((seconds / 3600n) % 24n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}.${fraction(nanos, options)}`;
}

function signedDelta(nanos: bigint, options: RenderingOptions): string {
  return nanos < 0n ? `-${clock(-nanos, options)}` : clock(nanos, options);
}

function utcDate(nanos: bigint): string {
  return new Date(Number(nanos / NS_PER_S) * 1000).toISOString().slice(0, 10);
}
