import type { Evidence } from "./types.js";
import type { ConnView } from "./events.js";
import type { RoundLink } from "./relay-pairing.js";
import { cite, evidence, ms, plural } from "./describe.js";

/**
 * Why a front connection and a back connection are the two legs of one proxied exchange:
 * the first relayed round's timing and sizes, and how many rounds in all.
 */
export function relayEvidence(f: ConnView, b: ConnView, links: RoundLink[]): Evidence[] {
  const l = links[0];
  const fr = f.rounds[l.fr];
  const br = b.rounds[l.br];
  const t = l.terms;
  const items: Evidence[] = [];
  const answered = fr.response && br.response && t.overhead !== undefined;
  const answer = answered ? `, and its answer ${ms(t.overhead! - t.relay)} before the front did` : "";
  items.push(
    evidence(
      "timing",
      t.timing,
      `the backend saw the request ${ms(t.relay)} after the front did${answer} (backend times read ${ms(t.offset)} earlier to match the front clock)`,
      [...cite(f, fr.request.line), ...cite(b, br.request.line), ...cite(b, br.response?.line), ...cite(f, fr.response?.line)],
    ),
  );
  if (t.lazy > 0 && l.backSyn !== undefined && fr.request.t !== undefined) {
    const gap = l.backSyn - t.offset - fr.request.t;
    items.push(evidence("timing", t.lazy, `the proxy opened the backend connection ${ms(gap)} after the request arrived`, [...cite(f, fr.request.line), ...cite(b, b.syn?.line)]));
  }
  items.push(sizeEvidence("request-size", "request", fr.request.bytes, br.request.bytes, t.reqSize, [...cite(f, fr.request.line), ...cite(b, br.request.line)]));
  if (fr.response && br.response) {
    items.push(sizeEvidence("response-size", "response", fr.response.bytes, br.response.bytes, t.respSize, [...cite(b, br.response.line), ...cite(f, fr.response.line)]));
  }
  if (links.length > 1) {
    const rest = links.slice(1).reduce((s, x) => s + x.terms.timing + x.terms.reqSize + x.terms.respSize, 0) / (links.length - 1);
    items.push(evidence("timing", rest, `${plural(links.length, "request")} of this client connection line up with this backend connection`, []));
  }
  return items;
}

function sizeEvidence(kind: "request-size" | "response-size", what: string, front: number, back: number, weight: number, cites: Evidence["cites"]): Evidence {
  const how =
    front === back
      ? "the same length, relayed unchanged"
      : weight > 0
        ? "close, the proxy edited it slightly"
        : "different, the proxy rewrote it";
  return evidence(kind, weight, `${what} of ${front} bytes at the front, ${back} at the backend (${how})`, cites);
}

/** A NAT'd connection's SYN should reach the backend just after the front saw it. */
export function natTimingEvidence(f: ConnView, b: ConnView, offset: number | undefined): Evidence | undefined {
  if (offset === undefined || f.syn?.t === undefined || b.syn?.t === undefined) return undefined;
  const gap = b.syn.t - offset - f.syn.t;
  const cites = [...cite(f, f.syn.line), ...cite(b, b.syn.line)];
  if (gap >= -2e-6) return evidence("timing", 0.5, `the client's SYN reached the backend capture ${ms(gap)} after the front capture saw it (clocks aligned)`, cites);
  return evidence("timing", -1, `the client's SYN appears at the backend ${ms(-gap)} before the front saw it, even with the clocks aligned`, cites);
}

/** A backend connection that carried the requests of several client connections. */
export function reuseEvidence(b: ConnView, clients: number): Evidence | undefined {
  if (clients < 2) return undefined;
  return evidence("reuse", 0, `this backend connection carried the requests of ${clients} client connections (kept alive and reused by the proxy)`, cite(b, b.conn.lines[0]));
}
