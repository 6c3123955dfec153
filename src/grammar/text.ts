/** The number at the end of a `keyword N` token (`win 512`, `length 60`, `payload length: 40`). */
export function trailingNumber(text: string): number {
  return Number(text.slice(text.lastIndexOf(" ") + 1));
}
