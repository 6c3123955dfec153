/**
 * Zeek's conn_state and history for each real capture. The expected values are worked out by
 * hand from Zeek's documentation (base/protocols/conn/main.zeek, Conn::Info: conn_state
 * values; history letters: s SYN without ACK, h SYN+ACK, a pure ACK, d payload, f FIN, r RST,
 * t retransmitted payload; upper case from the originator; a and d once per direction; s, h, f,
 * r repeated only for a new sequence number) and from the packets each capture's .nn.txt shows.
 */
import { expect } from "chai";
import { connectionsOf, VARIANTS } from "./fixtures.js";

interface Case {
  capture: string;
  /** state and history of each connection, in order; the packets behind them in the comment. */
  want: [string, string][];
  why: string;
}

const CASES: Case[] = [
  { capture: "http-two", want: [["SF", "ShADadfF"], ["SF", "ShADadfF"]], why: "S, S., ., P. (client), . P. P. (server), server FIN first, then the client's: established and closed both ways" },
  { capture: "concurrent", want: [["SF", "ShADadfF"], ["SF", "ShADadFf"]], why: "as http-two; in the second connection the client's FIN comes first" },
  { capture: "rounds", want: [["SF", "ShADadFf"]], why: "20 payloads each way (d/D once), client FIN first" },
  { capture: "refused", want: [["REJ", "Sr"]], why: "SYN answered by RST: 'Connection attempt rejected'" },
  { capture: "unanswered", want: [["S0", "S"]], why: "four SYNs with one ISN: one S; 'Connection attempt seen, no reply'" },
  { capture: "syn-retransmitted", want: [["SF", "ShADadFf"]], why: "three SYNs with one ISN make one S" },
  { capture: "data-retransmitted", want: [["SF", "ShADTadFf"]], why: "the request is sent twice with the same sequence numbers: T after D" },
  { capture: "port-reuse", want: [["SF", "ShADadfF"], ["SF", "ShADadfF"]], why: "two connections on one 4-tuple, each complete" },
  { capture: "ipv6", want: [["SF", "ShADadfF"]], why: "as http-two, over ::1" },
  { capture: "client-abort", want: [["RSTO", "ShADadfR"]], why: "server FIN, then the client resets: 'originator aborted (sent a RST)'" },
  { capture: "server-abort", want: [["RSTR", "ShADadFr"]], why: "client FIN, then the server resets: 'Responder sent a RST'" },
  { capture: "simultaneous-open", want: [["SF", "SsaADdFf"]], why: "both send a SYN (S, s); their SYN/ACKs repeat the same ISNs, so no h/H" },
  { capture: "mid-stream", want: [["SF", "DadAfF"], ["SF", "ShADadfF"]], why: "no SYN for the first: it starts with client payload; closed both ways gives SF in conn_state()" },
];

describe("connections: Zeek conn_state and history of real captures", () => {
  for (const { capture, want, why } of CASES) {
    for (const variant of VARIANTS) {
      it(`${capture}.${variant}: ${why}`, () => {
        const got = connectionsOf(capture, variant).map((c) => [c.state, c.history]);
        expect(got).to.deep.equal(want);
      });
    }
  }
});
