/**
 * Distinct texts numbered in order of first sight (flags texts, option layouts, time patterns):
 * a record keeps the number and every record with the same text shares one string. Bounded,
 * for input that holds far more distinct texts than tcpdump prints; past the bound, texts get
 * no number and the caller keeps them whole.
 */
import { detached } from "../records/detach.js";
import { jsonText } from "./json-bytes.js";

export class TextTable {
  private readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();
  /** The texts as JSON strings' bytes, made when first asked (jsonOf()). */
  private readonly json: Uint8Array[] = [];

  constructor(private readonly max: number) {}

  /** The text's number, undefined when it has none yet. */
  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  /** Numbers a text not numbered yet; -1 when the table is full. */
  add(text: string): number {
    if (this.texts.length >= this.max) return -1;
    const kept = detached(text);
    this.ids.set(kept, this.texts.length);
    this.texts.push(kept);
    return this.texts.length - 1;
  }

  /** The number of a text, numbering it if needed (-1 when the table is full). */
  idOf(text: string): number {
    return this.find(text) ?? this.add(text);
  }

  textOf(id: number): string {
    return this.texts[id];
  }

  /** textOf() as a JSON string's bytes (json-bytes.ts), made once: reports write the same few texts again and again. */
  jsonOf(id: number): Uint8Array {
    return (this.json[id] ??= jsonText(this.texts[id]));
  }
}
