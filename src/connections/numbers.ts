const MOD = 2 ** 32;
const HALF = MOD / 2;

/** Whether `n` is a 32-bit sequence number (what tcpdump prints); anything else takes the general formula. */
const inRange = (n: number): boolean => n >= 0 && n < MOD;

/**
 * `a - b` in 32-bit sequence space, as a signed difference (RFC 1982 style). Numbers in range take
 * a comparison instead of the general formula's two floating-point remainders: this runs several
 * times per packet.
 */
export function seqDelta(a: number, b: number): number {
  let d: number;
  if (inRange(a) && inRange(b)) d = a >= b ? a - b : a - b + MOD;
  else d = (((a - b) % MOD) + MOD) % MOD;
  return d >= HALF ? d - MOD : d;
}

/** `n + k` in 32-bit sequence space (`k` a segment length or ±1, well under 2^32). */
export function seqAdd(n: number, k: number): number {
  if (!inRange(n) || k <= -MOD || k >= MOD) return (((n + k) % MOD) + MOD) % MOD;
  const s = n + k;
  return s >= MOD ? s - MOD : s < 0 ? s + MOD : s;
}
