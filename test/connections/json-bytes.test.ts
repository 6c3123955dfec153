import { expect } from "chai";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCapture } from "../../src/cli/capture.js";
import { JsonBytes, jsonKey } from "../../src/connections/json-bytes.js";
import { encodeTime, writeTimeJson } from "../../src/connections/time-code.js";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const utf8 = new TextDecoder();

/**
 * A capture's released connections, in release order, as streamed `--json` writes them: JSON
 * written from the records (`json`), or JSON.stringify of the report objects (the reference).
 */
async function released(path: string, idPrefix: string, json: boolean): Promise<{ text: string; count: number }> {
  const quiet = { log: () => {}, retain: false, handshakeEvents: false };
  if (json) {
    const out = new JsonBytes(64);
    let count = 0;
    await readCapture(join(repoRoot, path), idPrefix, { ...quiet, json: out, onEvent: (e) => void (e.type === "written" && count++) });
    return { text: utf8.decode(out.written()), count };
  }
  const texts: string[] = [];
  await readCapture(join(repoRoot, path), idPrefix, { ...quiet, onEvent: (e) => void (e.type === "closed" && texts.push(JSON.stringify(e.connection))) });
  return { text: texts.join(","), count: texts.length };
}

/** What JsonBytes writes of one value, given how to write it. */
function bytesOf(write: (out: JsonBytes) => void): string {
  const out = new JsonBytes(4);
  write(out);
  return utf8.decode(out.take());
}

describe("connections: a connection's JSON written from the records is JSON.stringify of its report", function () {
  this.timeout(600_000);

  it("for every tcpdump text in the repo, every connection, byte for byte, in the same order", async () => {
    const differ: string[] = [];
    let connections = 0;
    for (const path of tcpdumpTexts()) {
      const written = await released(path, "c", true);
      const reference = await released(path, "c", false);
      if (written.text !== reference.text || written.count !== reference.count) differ.push(path);
      connections += reference.count;
    }
    expect(differ).to.deep.equal([]);
    expect(connections).to.be.greaterThan(1000);
  });

  it("with an id prefix that JSON must escape (a file name with quotes, a backslash, a tab, non-ASCII)", async () => {
    const prefix = 'dir\\caf\u00e9 "x"\t\ud83d\ude00';
    const written = await released("samples/seed/node1-port80.txt", prefix, true);
    const reference = await released("samples/seed/node1-port80.txt", prefix, false);
    expect(written.count).to.equal(reference.count).and.be.greaterThan(0);
    expect(written.text).to.equal(reference.text);
  });
});

describe("connections: JsonBytes writes what JSON.stringify writes", () => {
  it("numbers: whole, negative, -0, fractions, the largest whole numbers, exponents, non-finite", () => {
    const numbers = [0, -0, 7, 10, 99, 100, 101, 65535, 4294967295, 4294967395, 1e12 + 7, 4294967296, 2 ** 49 - 1, 2 ** 49, 2 ** 53 + 2, 1e21, 1e22, -12, -4294967297, 0.038, 36000.00667, 1e-7, -0.5, 1.5e300, NaN, Infinity, -Infinity];
    for (const n of numbers) expect(bytesOf((out) => out.number(n)), String(n)).to.equal(JSON.stringify(n));
  });

  it("whole numbers: each side of every power of ten and of 2^32, and 100,000 of every size up to 2^53", () => {
    // digits go out four at a time, with a division by 10^4 or 10^8 between: the edges are where a digit is dropped or doubled
    const values: number[] = [];
    for (let k = 0; k <= 16; k++) for (const d of [-1, 0, 1]) values.push(10 ** k + d, -(10 ** k + d));
    for (const edge of [2 ** 32, 2 ** 49, 2 ** 53]) for (let d = -3; d <= 3; d++) values.push(edge + d);
    let state = 0x9e3779b9;
    for (let i = 0; i < 100_000; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      values.push(Math.floor(((state >>> 0) / 2 ** 32) * 2 ** (i % 54)));
    }
    const differ = values.filter((v) => bytesOf((out) => out.number(v)) !== JSON.stringify(v));
    expect(differ.slice(0, 5).map(String)).to.deep.equal([]);
  });

  it("fractions: 400,000 times and timings as tracking makes them, their neighbouring doubles, and random doubles", () => {
    // a fixed sequence (xorshift), so a failure can be replayed
    let state = 0x2545f491;
    const random = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const bits = new Float64Array(1);
    const words = new BigInt64Array(bits.buffer);
    const neighbour = (v: number, step: bigint): number => {
      bits[0] = v;
      words[0] += step;
      return bits[0];
    };
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // a time of day, a day later, Unix seconds, small deltas: whole seconds of every size
      const whole = Math.floor(random() * [1, 16, 86_400, 172_800, 2 ** 31, 2 ** 40][i % 6]);
      const micros = Math.floor(random() * 1e6);
      const nanos = Math.floor(random() * 1e9);
      const t = whole + micros / 1e6;
      values.push(t, neighbour(t, 1n), neighbour(t, -1n), (whole * 1e6 + micros) / 1e6, whole + nanos / 1e9, nanos / 1e6);
    }
    for (let i = 0; i < 50_000; i++) values.push(random() * 2 ** (i % 40), -random());
    const differ = values.filter((v) => bytesOf((out) => out.number(v)) !== JSON.stringify(v));
    expect(differ.slice(0, 5).map(String)).to.deep.equal([]);
    expect(values.length).to.equal(400_000);
  });

  it("strings: plain, quotes, backslashes, control characters, DEL, non-ASCII, lone and paired surrogates", () => {
    const texts = ["", "10.0.0.1", 'a"b', "a\\b", "\t\n\u0000\u001f", "\u007f", "caf\u00e9", "\u2028", "\ud83d\ude00", "\ud800x", "x\udfff"];
    for (const t of texts) expect(bytesOf((out) => out.string(t)), JSON.stringify(t)).to.equal(JSON.stringify(t));
  });

  it("time texts from their numbers: every stamp form, digits in the high number, literals JSON must escape", () => {
    const texts = ["10:00:00.006670", "00:00:00.000000000", "2024-01-31 23:59:59.123456789", "1700000000.000001", "-00:00:01.5", 'at "12"', "caf\u00e9 09", "1\\2", "123456789012345678901234567"];
    const coded = new Float64Array(2);
    for (const text of texts) {
      expect(encodeTime(text, coded, 0), text).to.equal(true);
      expect(bytesOf((out) => writeTimeJson(coded, 0, out))).to.equal(JSON.stringify(text));
    }
  });

  it("containers: commas between members and items at every depth, empty ones, across take()", () => {
    const keys = { a: jsonKey("a"), b: jsonKey("b") };
    const out = new JsonBytes(2);
    out.openArray();
    out.item();
    out.open();
    out.close();
    const first = utf8.decode(out.take());
    out.item();
    out.open();
    out.key(keys.a);
    out.openArray();
    out.closeArray();
    out.key(keys.b);
    out.open();
    out.key(keys.a);
    out.bool(false);
    out.close();
    out.close();
    out.item();
    out.number(3);
    out.closeArray();
    expect(first + utf8.decode(out.take())).to.equal(JSON.stringify([{}, { a: [], b: { a: false } }, 3]));
  });

  it("keys of every length from 1 to 40 bytes, escaped and non-ASCII ones, first in their object and after a comma", () => {
    // a key's first 16 bytes (comma included) go out as four words, the rest word by word
    const names = Array.from({ length: 40 }, (_, n) => "k".repeat(n + 1).replace(/^k/, String.fromCharCode(97 + (n % 26))));
    names.push('q"uote', "back\\slash", "tab\t", "é", "キー".repeat(5), "x".repeat(13) + "\u00e9");
    for (const name of names) {
      const key = jsonKey(name);
      const object = { [name]: 1, [`${name}2`]: name.length, [name.toUpperCase() + "3"]: "v" };
      const out = new JsonBytes(1);
      out.open();
      out.numberMember(key, 1);
      out.numberMember(jsonKey(`${name}2`), name.length);
      out.stringMember(jsonKey(name.toUpperCase() + "3"), "v");
      out.close();
      expect(utf8.decode(out.take()), name).to.equal(JSON.stringify(object));
    }
  });
});
