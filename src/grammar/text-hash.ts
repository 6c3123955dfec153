/** FNV-1a over text: the hash the sequence table and parallel workers key endpoints by. */

export const FNV_OFFSET = 2166136261;
export const FNV_PRIME = 16777619;

/** FNV-1a of text[start, end), continuing from `h` (FNV_OFFSET to start afresh); no slice is cut. */
export function textHash(h: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
