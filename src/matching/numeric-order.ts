/**
 * A sort() comparator for ascending numbers: the order `a - b` gives (NaN compares equal), as
 * -1, 0 or 1. A small integer comes back from the comparator as it is; the difference of two
 * fractional numbers is put in a fresh heap box on every one of the n log n comparisons.
 */
export function ascending(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
