/**
 * Every connection of real loopback captures (scripts/connections-fixtures.sh), read from three
 * tcpdump renderings, against tshark's dissection of the same pcap: tcp.stream grouping,
 * client/server, raw ISNs (tcp.seq_raw), handshake status, SYN and SYN/ACK counts,
 * tcp.analysis.initial_rtt, per-direction packet and payload counts, first/last frame.
 */
import { expect } from "chai";
import type { ExpectedConnection } from "../../scripts/connections-fixtures.js";
import type { Connection } from "../../src/connections/types.js";
import { captureNames, connectionsOf, expectedOf, VARIANTS, type Variant } from "./fixtures.js";

/** 5 µs, in milliseconds: the tolerance the brief sets against tshark's initial_rtt. */
const RTT_TOLERANCE_MS = 0.005;

function ours(c: Connection, variant: Variant) {
  const h = c.handshake;
  return {
    family: c.family,
    client: { host: c.client.host, port: c.client.port },
    server: { host: c.server.host, port: c.server.port },
    status: h.status,
    clientIsn: h.clientIsn,
    serverIsn: h.serverIsn,
    synAttempts: h.synAttempts,
    synAckAttempts: h.synAckAttempts,
    simultaneousOpen: h.simultaneousOpen === true,
    packets: c.packets,
    bytes: c.bytes,
    close: c.close,
    // One line per packet only in the -nn and -ttt renderings (-v splits IPv4 packets in two).
    lines: variant === "tt-nano-v-S" ? undefined : c.lines,
  };
}

function theirs(e: ExpectedConnection, variant: Variant) {
  return {
    family: e.family,
    client: e.client,
    server: e.server,
    status: e.status,
    clientIsn: e.clientIsn,
    serverIsn: e.serverIsn,
    synAttempts: e.synAttempts,
    synAckAttempts: e.synAckAttempts,
    simultaneousOpen: e.simultaneousOpen,
    packets: e.packets,
    bytes: e.bytes,
    close: e.close,
    lines: variant === "tt-nano-v-S" ? undefined : e.frames,
  };
}

/** Fraction digits of a number as JavaScript prints it. */
const decimals = (n: number): number => (String(n).split(".")[1] ?? "").length;

describe("connections: real captures against tshark", () => {
  for (const name of captureNames()) {
    const expected = expectedOf(name);
    for (const variant of VARIANTS) {
      describe(`${name}.${variant}`, () => {
        const got = connectionsOf(name, variant);

        it("has tshark's streams, in order, with their endpoints, ISNs, status and counts", () => {
          expect(got.map((c) => ours(c, variant))).to.deep.equal(expected.map((e) => theirs(e, variant)));
          expect(got.map((c) => c.id)).to.deep.equal(expected.map((_, i) => `${name}:${i + 1}`));
        });

        it("times the handshake like tshark's initial_rtt, within 5 µs, at the stamps' precision", () => {
          got.forEach((c, i) => {
            const rtt = c.handshake.rttMs;
            const want = expected[i].initialRttMs;
            if (want === undefined) {
              expect(rtt.initial, `${c.id}`).to.equal(undefined);
              return;
            }
            expect(rtt.initial, `${c.id}`).to.be.closeTo(want, RTT_TOLERANCE_MS);
            expect(decimals(rtt.initial!), `${c.id} ${rtt.initial}`).to.be.at.most(variant === "tt-nano-v-S" ? 6 : 3);
            // Without retransmissions between SYN/ACK and ACK the two legs add up to initial_rtt.
            if (rtt.synToSynAck !== undefined && rtt.synAckToAck !== undefined) {
              expect(rtt.synToSynAck + rtt.synAckToAck, `${c.id}`).to.be.closeTo(want, RTT_TOLERANCE_MS);
            }
          });
        });

        it("counts each direction's new payload in its request/response rounds", () => {
          got.forEach((c, i) => {
            const rounds = c.exchanges ?? [];
            const requests = rounds.reduce((n, e) => n + e.request.bytes, 0);
            const responses = rounds.reduce((n, e) => n + (e.response?.bytes ?? 0), 0);
            expect({ requests, responses }, c.id).to.deep.equal({
              requests: expected[i].newBytes.toServer,
              responses: expected[i].newBytes.toClient,
            });
          });
        });
      });
    }
  }
});
