/**
 * Exact arithmetic on tshark's time values (`1422828273.999279000`, `-0.500000000`): a double
 * cannot hold Unix seconds with nine fraction digits, so times are compared as nanosecond
 * BigInts and only turned into numbers for the tolerance check of `Packet.t`.
 */

const NS_PER_S = 1_000_000_000n;

/**
 * `S.fffffffff` (optionally negative) → nanoseconds. A fraction of more than 9 digits is a
 * record whose sub-second field is out of range (tshark prints it as a count of nanoseconds,
 * `.1000000000`); it is read as that count.
 */
export function toNanos(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a tshark time value: ${text}`);
  const [, sign, whole, fraction = ""] = match;
  const nanos = BigInt(whole) * NS_PER_S + BigInt(fraction.length > 9 ? fraction : fraction.padEnd(9, "0"));
  return sign === "-" ? -nanos : nanos;
}

/** Nanoseconds → `S.fffffffff`, the form tshark prints and the fixtures store. */
export function fromNanos(nanos: bigint): string {
  const sign = nanos < 0n ? "-" : "";
  const magnitude = nanos < 0n ? -nanos : nanos;
  return `${sign}${magnitude / NS_PER_S}.${(magnitude % NS_PER_S).toString().padStart(9, "0")}`;
}

/** Drops the nanosecond digits, as libpcap does when it hands a nano file to a micro reader. */
export function truncateToMicros(nanos: bigint): bigint {
  return nanos - (nanos % 1000n);
}

export function nanosToSeconds(nanos: bigint): number {
  return Number(nanos) / 1e9;
}

export { NS_PER_S };
