/**
 * A copy of a string that shares no memory with the text it was cut from. A record's text, and
 * every string later cut from it (tokens, times, hosts), is a slice of the 64 KB chunk of input
 * its line came from, and V8 keeps a slice's whole parent alive: whatever keeps a few of them
 * for long (a connection, a parser cache, the sequence table) would hold every chunk they came
 * from (on `-vvv` text, tens of MB for the connections of a busy server's last seconds).
 * Appending a space makes V8 build a new flat string when the result is next read, and trimming
 * the space off again slices that new string, not the chunk: a fifth of the cost of a JSON round
 * trip, which matters because connections keep a time text per packet. Text that ends in white
 * space (which trimming would also take) goes the JSON way.
 */
export function detached(text: string): string;
export function detached(text: string | undefined): string | undefined;
export function detached(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const last = text.charCodeAt(text.length - 1);
  return last > 32 && last < 127 ? `${text} `.trimEnd() : (JSON.parse(JSON.stringify(text)) as string);
}
