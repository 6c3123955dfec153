import { expect } from "chai";
import { readFileSync } from "node:fs";
import { parseSegment } from "../../src/grammar/index.js";
import { FNV_OFFSET, textHash } from "../../src/grammar/text-hash.js";
import { HostCodes, MAX_ENTRIES, newEndpoint, NONE, OriginTable, readEndpoint, type KeyPort } from "../../src/packets/origin-table.js";
import { pairHash, SequenceTracker } from "../../src/packets/sequence.js";
import { parsedTcpRecords } from "../grammar/corpus.js";

/**
 * The sequence-origin table keys entries by compact codes (an IPv4 host as its value) instead
 * of texts, and keeps only the most recently used MAX_ENTRIES pairs. Codes must tell endpoints
 * apart exactly as their texts do, and the bound must drop the least recently used pair.
 */
describe("packets: sequence-origin table", () => {
  it("tells every endpoint printed in the repo apart exactly as its text does", () => {
    const byCode = new Map<string, string>();
    const problems: string[] = [];
    let numeric = 0;
    for (const { segment: s } of parsedTcpRecords()) {
      for (const [host, port] of [[s.src, s.sport ?? s.sportName], [s.dst, s.dport ?? s.dportName]] as [string | undefined, KeyPort][]) {
        if (host === undefined) continue;
        const e = readEndpoint(newEndpoint(), host, port);
        if (e.hostCode < 0) continue;
        numeric++;
        const seen = byCode.get(String(e.hostCode));
        if (seen !== undefined && seen !== host) problems.push(`${seen} and ${host} share ${e.hostCode}`);
        byCode.set(String(e.hostCode), host);
        // an address's code is its value: the dotted quad read back
        const back = [24, 16, 8, 0].map((shift) => Math.floor(e.hostCode / 2 ** shift) % 256).join(".");
        if (back !== host) problems.push(`${host} coded as ${back}`);
      }
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(numeric).to.be.greaterThan(10_000);
    expect(byCode.size).to.be.greaterThan(100);
  });

  it("gives a host the code its text gives from the recent hosts' codes, whatever hosts share a slot", () => {
    const codes = new HostCodes();
    const problems: string[] = [];
    let read = 0;
    for (const { segment: s } of parsedTcpRecords()) {
      for (const host of [s.src, s.dst, "010.0.0.1", "fe80::1"]) {
        if (host === undefined) continue;
        // the text's hash, and hashes that put every host in one of three slots
        for (const hash of [textHash(FNV_OFFSET, host), host.length % 3]) {
          const expected = readEndpoint(newEndpoint(), host, 443);
          const got = codes.readEndpoint(newEndpoint(), host, hash, 443);
          read++;
          if (got.hostCode !== expected.hostCode || got.marks !== expected.marks) problems.push(`${host}: ${got.hostCode} for ${expected.hostCode}`);
        }
      }
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(read).to.be.greaterThan(40_000);
  });

  it("keeps texts that are not tcpdump's dotted quads as texts", () => {
    for (const host of ["010.0.0.1", "10.0.0", "10.0.0.256", "1.2.3.4.5", "fe80::1", "host.example", "1.2.3.4a"]) {
      expect(readEndpoint(newEndpoint(), host, 80).hostCode, host).to.equal(-1);
    }
  });

  it("finds a pair either way round, by name, IPv6 text or number, and nothing else", () => {
    const table = new OriginTable();
    const entries: [string, KeyPort, string, KeyPort][] = [
      ["fe80::1", "http", "fe80::2", 50000],
      ["fe80::1", "https", "fe80::2", 50000],
      ["10.0.0.1", 80, "10.0.0.2", "ssh"],
      ["10.0.0.1", 80, "10.0.0.2", undefined],
    ];
    const hashOf = ([a, pa, b, pb]: [string, KeyPort, string, KeyPort]) => pairHash(4, a, pa, b, pb);
    entries.forEach((entry, i) => {
      const [a, pa, b, pb] = entry;
      table.set(hashOf(entry), NONE, 4, readEndpoint(newEndpoint(), a, pa), readEndpoint(newEndpoint(), b, pb), i, 100 + i);
    });
    entries.forEach((entry, i) => {
      const [a, pa, b, pb] = entry;
      const slot = table.find(hashOf(entry), 4, readEndpoint(newEndpoint(), b, pb), readEndpoint(newEndpoint(), a, pa));
      expect(slot).to.not.equal(NONE);
      expect(table.firstIs(slot, readEndpoint(newEndpoint(), a, pa))).to.equal(true);
      expect([table.origin(slot, true), table.origin(slot, false)]).to.deep.equal([i, 100 + i]);
    });
    // origins are kept modulo 2^32 (every use of one is), a NaN one as none
    const big: [string, KeyPort, string, KeyPort] = ["10.0.0.1", 70_000, "10.0.0.2", 0];
    const [ba, bpa, bb, bpb] = big;
    table.set(hashOf(big), NONE, 4, readEndpoint(newEndpoint(), ba, bpa), readEndpoint(newEndpoint(), bb, bpb), -1, NaN);
    const bigSlot = table.find(hashOf(big), 4, readEndpoint(newEndpoint(), bb, bpb), readEndpoint(newEndpoint(), ba, bpa));
    expect([table.origin(bigSlot, true), table.origin(bigSlot, false)]).to.deep.equal([2 ** 32 - 1, NaN]);
    // a port beyond 16 bits (none printed by tcpdump) is not its low 16 bits, and port 0 is not "no port"
    for (const [pa2, pb2] of [[70_000 - 65_536, 0], [70_000, undefined]] as [KeyPort, KeyPort][]) {
      const near: [string, KeyPort, string, KeyPort] = ["10.0.0.1", pa2, "10.0.0.2", pb2];
      expect(table.find(hashOf(big), 4, readEndpoint(newEndpoint(), "10.0.0.1", pa2), readEndpoint(newEndpoint(), "10.0.0.2", pb2)), String(near)).to.equal(NONE);
    }
    const other: [string, KeyPort, string, KeyPort] = ["fe80::1", "ftp", "fe80::2", 50000];
    const [a, pa, b, pb] = other;
    expect(table.find(hashOf(other), 4, readEndpoint(newEndpoint(), a, pa), readEndpoint(newEndpoint(), b, pb))).to.equal(NONE);
    // the same pair under another family is another entry
    expect(table.find(hashOf(entries[2]), 6, readEndpoint(newEndpoint(), "10.0.0.1", 80), readEndpoint(newEndpoint(), "10.0.0.2", "ssh"))).to.equal(NONE);
  });

  it("holds MAX_ENTRIES pairs and drops the least recently used one, not the first made", () => {
    const table = new OriginTable();
    const server = readEndpoint(newEndpoint(), "10.0.0.10", 80);
    const client = (n: number) => readEndpoint(newEndpoint(), `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, 1024 + (n % 50_000));
    const hash = (n: number) => pairHash(4, client(n).host, client(n).port, "10.0.0.10", 80);
    const find = (n: number) => table.find(hash(n), 4, client(n), server);
    for (let n = 0; n < MAX_ENTRIES; n++) {
      table.set(hash(n), NONE, 4, client(n), server, n, 0);
      // the first pair stays in use all along
      if (n % 1000 === 0) table.touch(find(0));
    }
    expect(table.size).to.equal(MAX_ENTRIES);
    table.set(hash(MAX_ENTRIES), NONE, 4, client(MAX_ENTRIES), server, MAX_ENTRIES, 0);
    expect(table.size).to.equal(MAX_ENTRIES);
    expect(find(1)).to.equal(NONE);
    for (const n of [0, 2, MAX_ENTRIES / 2, MAX_ENTRIES]) expect(table.origin(find(n), true), String(n)).to.equal(n);
    // the freed slot is reused without losing any chain
    table.set(hash(MAX_ENTRIES + 1), NONE, 4, client(MAX_ENTRIES + 1), server, 2 ** 32 - 5, NaN);
    expect(find(2)).to.equal(NONE);
    expect(table.origin(find(MAX_ENTRIES + 1), true)).to.equal(2 ** 32 - 5);
    expect(table.origin(find(MAX_ENTRIES + 1), false)).to.be.NaN;
    expect(table.origin(find(3), true)).to.equal(3);
  });
});

describe("packets: relative numbers after the origin table dropped their pair", () => {
  it("reads them as relative with unknown origins, not as raw numbers", () => {
    // a real handshake and first request (tcpdump 4.99.3, lab keepalive capture)
    const lines = readFileSync("samples/lab/keepalive/front.nn.txt", "utf8").split("\n").slice(0, 4);
    const [syn, synAck, ack, request] = lines.map((line) => {
      const parsed = parseSegment(line);
      if (!parsed.ok) throw new Error(line);
      return parsed.segment;
    });
    const tracker = new SequenceTracker();
    for (const seg of [syn, synAck, ack]) tracker.resolve(seg);
    expect(tracker.resolve(request)).to.deep.equal({ relative: true, abs: { seq: 495173908, seqEnd: 495173988, ack: 2367478945 } });
    // as many other connections' SYN-ACKs, from the same server to other clients
    const client = (n: number) => ({ dst: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, dport: 1024 + (n % 50_000) });
    for (let n = 0; n < MAX_ENTRIES; n++) tracker.resolve({ ...synAck, ...client(n) });
    expect(tracker.resolve(request)).to.deep.equal({ relative: true });
    // the newest pair is still known
    const last = { ...request, src: client(MAX_ENTRIES - 1).dst, sport: client(MAX_ENTRIES - 1).dport };
    expect(tracker.resolve(last)).to.deep.equal({ relative: true, abs: { seq: 495173908, seqEnd: 495173988, ack: 2367478945 } });
  });
});
