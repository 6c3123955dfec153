/**
 * Texts a connection keeps for its life (hosts, port names), shared with other connections when
 * a recent one kept the same: a server's address is in every one of its connections, while
 * client addresses may never repeat, so a table of every text seen would mostly hold texts
 * nobody uses again. A small direct-mapped cache: bounded, and a miss costs only a copy.
 */
import { detached } from "../records/detach.js";

const SLOTS = 256;
const MASK = SLOTS - 1;

/** A slot from the length and the last characters, where addresses differ (`10.0.0.10`, `10.0.0.11`). */
function slotOf(text: string): number {
  const n = text.length;
  return (n * 31 + text.charCodeAt(n - 1) * 7 + text.charCodeAt(n - 2) * 3 + text.charCodeAt(n - 3)) & MASK;
}

export class RecentTexts {
  private readonly slots: string[] = new Array<string>(SLOTS).fill("");

  /** The text to keep: a recent copy when there is one, else a new copy (never a slice pinning the input, see detach.ts). */
  shared(text: string): string {
    const slot = slotOf(text);
    const kept = this.slots[slot];
    if (kept === text) return kept;
    return (this.slots[slot] = detached(text));
  }

  /**
   * What a connection keeps of a packet's text: the text itself when it is a string of its own
   * (SegmentView.ownTexts; already one string per distinct text), else shared().
   */
  kept(text: string, own: boolean): string {
    return own ? text : this.shared(text);
  }
}
