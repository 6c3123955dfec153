import { visibleLength } from "./colors.js";

/** Columns separated by two spaces; those in `rightAligned` (numbers) are right-aligned. */
export function formatTable(header: string[], rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(widths[i] - visibleLength(c));
        return rightAligned.has(i) ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}
