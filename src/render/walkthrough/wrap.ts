import { visibleLength } from "../colors.js";

/**
 * Word-wraps one paragraph to `width` columns: the first line starts with `first`, the others
 * with `rest`. A word longer than a whole line is cut, so nothing ever passes the edge of an
 * 80-column terminal.
 */
export function wrap(text: string, width: number, first = "", rest = first): string {
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (let word of text.split(/ +/).filter((w) => w !== "")) {
    let room = width - visibleLength(line) - (lineHasWord ? 1 : 0);
    if (visibleLength(word) > room && lineHasWord) {
      lines.push(line);
      line = rest;
      lineHasWord = false;
      room = width - visibleLength(line);
    }
    while (visibleLength(word) > room) {
      lines.push(line + word.slice(0, room));
      word = word.slice(room);
      line = rest;
      room = width - visibleLength(line);
    }
    line += (lineHasWord ? " " : "") + word;
    lineHasWord = true;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join("\n") + "\n";
}

/** Several paragraphs, each wrapped with the same indent, separated by nothing. */
export function paragraphs(texts: string[], width: number, indent = ""): string {
  return texts.map((t) => wrap(t, width, indent)).join("");
}

/**
 * Folds a quoted line into pieces of at most `room` columns without changing a character:
 * breaks at the last space that fits (that one space is the break), else cuts the word.
 */
export function fold(text: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > room) {
    const lead = rest.length - rest.trimStart().length;
    const space = rest.lastIndexOf(" ", room);
    const cut = space > lead ? space : room;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(space > lead ? cut + 1 : cut);
  }
  pieces.push(rest);
  return pieces;
}
