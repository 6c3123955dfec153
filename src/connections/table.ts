/**
 * The tracked connections by 4-tuple, direction-free, found without building a key string: a
 * joined key and its hashing cost more per packet than the rest of the lookup (and a string
 * per connection). A numeric hash of the packet's two endpoints picks a chain of connections,
 * and each connection in it is compared with the packet's endpoints.
 */
import type { Packet } from "../packets/types.js";
import type { KeyPort } from "../packets/sequence.js";

/** What the table needs of a member: its tupleHash(), its chain link (members with the same hash), and whether a packet belongs to its 4-tuple. */
export interface Chained<T> {
  hash: number;
  nextInChain?: T;
  hasTuple(p: Packet): boolean;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

function textHash(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** A hash of one endpoint: host text as printed, port as keys compare it (keys.ts). */
function endpointHash(host: string, port: KeyPort): number {
  const h = textHash(FNV_OFFSET, host);
  if (typeof port === "string") return textHash(Math.imul(h ^ 0x7c, FNV_PRIME), port);
  return Math.imul(h ^ (port ?? -1), FNV_PRIME);
}

/** The packet's 4-tuple hash: the same whichever way it went (the endpoints' hashes are added). */
export function tupleHash(p: Packet): number {
  const src = endpointHash(p.src ?? "", p.sport ?? p.sportName);
  const dst = endpointHash(p.dst ?? "", p.dport ?? p.dportName);
  // Kept within V8's small integers, which Map keys and object fields hold without boxing.
  return (src + dst + (p.family ?? 0)) & 0x3fffffff;
}

export class TupleTable<T extends Chained<T>> {
  private readonly chains = new Map<number, T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The member holding the packet's 4-tuple, given the packet's tupleHash(). */
  find(p: Packet, hash: number): T | undefined {
    for (let t = this.chains.get(hash); t; t = t.nextInChain) if (t.hasTuple(p)) return t;
    return undefined;
  }

  /** Adds a member whose 4-tuple is not in the table. */
  add(t: T): void {
    t.nextInChain = this.chains.get(t.hash);
    this.chains.set(t.hash, t);
    this.count++;
  }

  /** Takes a member out. */
  remove(t: T): void {
    const head = this.chains.get(t.hash);
    if (head === t) {
      if (t.nextInChain) this.chains.set(t.hash, t.nextInChain);
      else this.chains.delete(t.hash);
    } else {
      let before = head;
      while (before && before.nextInChain !== t) before = before.nextInChain;
      if (before) before.nextInChain = t.nextInChain;
    }
    t.nextInChain = undefined;
    this.count--;
  }
}
