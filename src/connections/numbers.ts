const MOD = 2 ** 32;

/** `a - b` in 32-bit sequence space, as a signed difference (RFC 1982 style). */
export function seqDelta(a: number, b: number): number {
  const d = (((a - b) % MOD) + MOD) % MOD;
  return d >= MOD / 2 ? d - MOD : d;
}

/** `n + k` in 32-bit sequence space. */
export const seqAdd = (n: number, k: number): number => (((n + k) % MOD) + MOD) % MOD;
