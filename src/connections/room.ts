/** Typed arrays that grow: a table indexed by connection slots holds as many entries as the most connections tracked at once. */

/** `a` when `index` is inside it, else a copy at least twice as long, the new entries set to `fill`. */
export function withRoom<A extends Int32Array | Float64Array>(a: A, index: number, fill: number): A {
  if (index < a.length) return a;
  let length = a.length * 2;
  while (length <= index) length *= 2;
  const grown = new (a.constructor as new (length: number) => A)(length);
  grown.set(a);
  grown.fill(fill, a.length);
  return grown;
}
