/**
 * Response bodies cut from fixed pools of HTML, JSON and JavaScript lines (and random bytes for
 * images), so a body of any length costs a slice instead of fresh text generation. The pools
 * are built once from a constant seed: they are part of the generator, not of a run.
 */
import { Prng } from "./prng.js";

export type BodyKind = "html" | "json" | "js" | "binary";

const POOL_BYTES = 256 * 1024;
const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper",
  "kelp", "lumen", "maple", "nectar", "orbit", "pebble", "quartz", "raven", "sierra", "tundra"] as const;

interface Pool {
  bytes: Buffer;
  /** Offsets where a line starts, so a body never begins mid-line. */
  lineStarts: number[];
}

function buildPool(rng: Prng, line: (rng: Prng) => string): Pool {
  const lines: string[] = [];
  const lineStarts: number[] = [];
  let size = 0;
  while (size < POOL_BYTES) {
    const text = line(rng);
    lineStarts.push(size);
    lines.push(text);
    size += text.length;
  }
  return { bytes: Buffer.from(lines.join(""), "latin1"), lineStarts };
}

function words(rng: Prng, count: number): string {
  return Array.from({ length: count }, () => rng.pick(WORDS)).join(" ");
}

function shortWord(rng: Prng): string {
  return rng.pick(WORDS).slice(0, 4);
}

function price(rng: Prng): string {
  return `${rng.int(1, 499)}.${String(rng.int(0, 99)).padStart(2, "0")}`;
}

const poolRng = new Prng(0x5eed);
const POOLS: Record<Exclude<BodyKind, "binary">, Pool> = {
  html: buildPool(poolRng, (r) => {
    const id = r.int(1000, 99999);
    return `    <li class="item"><a href="/products/${id}">${words(r, r.int(2, 5))}</a> <span class="price">$${price(r)}</span></li>\n`;
  }),
  json: buildPool(poolRng, (r) =>
    `{"id":${r.int(1000, 99999)},"name":"${words(r, r.int(1, 3))}","price":${price(r)},"stock":${r.int(0, 500)}},`,
  ),
  js: buildPool(poolRng, (r) => {
    const n = r.int(1, 999);
    return `function ${shortWord(r)}${n}(e,t){return e.map(function(n){return n*${n}+t.${shortWord(r)}})}\n`;
  }),
};
const BINARY = Buffer.from(Array.from({ length: POOL_BYTES }, () => poolRng.int(0, 255)));

const PREFIXES: Record<BodyKind, string> = {
  html: '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Shop</title></head>\n<body>\n  <ul>\n',
  json: '{"items":[',
  js: '"use strict";\n',
  binary: "wOF2\x00\x01\x00\x00",
};

/** A body of exactly length bytes that starts like a real document of its kind. */
export function bodyOf(rng: Prng, kind: BodyKind, length: number): Buffer {
  const body = Buffer.alloc(length);
  const prefix = Buffer.from(PREFIXES[kind], "latin1");
  let filled = prefix.copy(body, 0, 0, Math.min(prefix.length, length));
  const source = kind === "binary" ? BINARY : POOLS[kind].bytes;
  let offset = kind === "binary" ? rng.int(0, BINARY.length - 1) : rng.pick(POOLS[kind].lineStarts);
  while (filled < length) {
    const copied = source.copy(body, filled, offset, Math.min(source.length, offset + length - filled));
    filled += copied;
    offset = 0; // wrap around to the start of the pool
  }
  return body;
}
