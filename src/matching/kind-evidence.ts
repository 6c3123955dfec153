import type { SynSide } from "../connections/types.js";
import type { Cite, Evidence, MatchKind } from "./types.js";
import type { ConnView } from "./events.js";
import { endpointText } from "../connections/endpoint.js";
import { cite, evidence } from "./describe.js";

/**
 * What the two legs' handshakes say about the kind of box between them: each item weighs
 * for (positive) or against (negative) `kind`, given that the pair is right.
 */
export function kindEvidence(f: ConnView, b: ConnView, kind: MatchKind): Evidence[] {
  // The two SYNs, cited by most items (the items share these objects; each gets its own list).
  const syns = [...cite(f, f.syn?.line), ...cite(b, b.syn?.line)];
  const items = [isnEvidence(f, b, kind, syns), addressEvidence(f, b, kind, syns), ttlEvidence(f, b, kind, syns), optionsEvidence(f, b, kind, syns), tsEvidence(f, b, kind, syns)];
  return items.filter((e): e is Evidence => e !== undefined);
}

function isnEvidence(f: ConnView, b: ConnView, kind: MatchKind, syns: Cite[]): Evidence | undefined {
  const fi = f.conn.handshake.clientIsn;
  const bi = b.conn.handshake.clientIsn;
  if (kind !== "proxy") {
    if (fi === undefined || fi !== bi) {
      return evidence("sequence", 3, "the payload carries the same raw sequence numbers on both legs (the handshake is not in both captures): one connection seen twice, numbers untouched", []);
    }
    const fs = f.conn.handshake.serverIsn;
    const server = fs !== undefined && fs === b.conn.handshake.serverIsn ? `, and the server's ISN ${fs} too` : "";
    return evidence("isn", 4, `client ISN ${fi} on both legs${server}: the client's own handshake passed through the box; a proxy would have opened its own connection with a new random ISN`, syns);
  }
  if (fi !== undefined && bi !== undefined) {
    return evidence("isn", 3, `client ISN ${fi} at the front, ${bi} at the backend: the backend connection made its own handshake`, syns);
  }
  if (bi === undefined) {
    return evidence("isn", 0, "the backend connection's SYN is not in the capture (it started earlier, e.g. a kept-alive connection): ISNs cannot be compared", []);
  }
  return undefined;
}

function addressEvidence(f: ConnView, b: ConnView, kind: MatchKind, cites: Cite[]): Evidence {
  const fc = f.conn.client;
  const bc = b.conn.client;
  const legs = `front ${endpointText(fc)} > ${endpointText(f.conn.server)}, backend ${endpointText(bc)} > ${endpointText(b.conn.server)}`;
  if (fc.host === bc.host) {
    if (kind === "direct") return evidence("client-address", 0, `same endpoints on both legs (${legs})`, cites);
    if (kind === "nat") return evidence("client-address", 1, `the backend sees the client's own address as the source (${legs}): only the destination was rewritten (DNAT)`, cites);
    return evidence("client-address", -1, `the backend sees the client's own address as the source (${legs}): a transparent proxy, or not a proxy`, cites);
  }
  if (kind === "nat") return evidence("client-address", 1, `the backend sees ${bc.host} as the source instead of the client ${fc.host} (${legs}): the source was rewritten too (full NAT)`, cites);
  return evidence("client-address", 1, `the backend sees ${bc.host} as the client, not ${fc.host} (${legs}): the middle box's own address`, cites);
}

/** Initial TTLs of common stacks: a SYN arriving with one of these was sent next door. */
const INITIAL_TTLS = new Set([64, 128, 255]);

function ttlEvidence(f: ConnView, b: ConnView, kind: MatchKind, syns: Cite[]): Evidence | undefined {
  const ft = f.conn.handshake.client.ttl;
  const bt = b.conn.handshake.client.ttl;
  if (ft === undefined || bt === undefined) return undefined;
  const forwarded = kind === "proxy" ? -1 : 1.5;
  const values = `client SYN TTL ${ft} at the front, ${bt} at the backend`;
  if (ft - bt === 1) return evidence("ttl", forwarded, `${values}: decremented by one hop, the same packet routed on`, syns);
  if (ft === bt) return evidence("ttl", kind === "proxy" ? -0.5 : 0.5, `${values}: unchanged, no router between the two capture points`, syns);
  if (INITIAL_TTLS.has(bt)) return evidence("ttl", -forwarded * 0.7, `${values}: ${bt} is an initial TTL, so the backend's SYN was sent afresh by its neighbour, not forwarded`, syns);
  return evidence("ttl", 0, `${values}`, syns);
}

function optionsEvidence(f: ConnView, b: ConnView, kind: MatchKind, cites: Cite[]): Evidence | undefined {
  const fs = f.conn.handshake.client;
  const bs = b.conn.handshake.client;
  if (fs.layout === undefined || bs.layout === undefined) return undefined;
  if (fs.layout !== bs.layout) {
    const text = `SYN option layout ${fs.layout} from the client, ${bs.layout} at the backend: a different TCP stack made the backend's SYN`;
    return evidence("syn-options", kind === "proxy" ? 2 : -1, text, cites);
  }
  const clamp = fs.mss !== bs.mss ? ` (MSS ${fs.mss} became ${bs.mss}: clamped on the way)` : "";
  const text = `same SYN option layout ${fs.layout} on both legs${clamp}`;
  return evidence("syn-options", kind === "proxy" ? -0.5 : 1, kind === "proxy" ? `${text}: the proxy's stack resembles the client's` : text, cites);
}

function tsEvidence(f: ConnView, b: ConnView, kind: MatchKind, syns: Cite[]): Evidence | undefined {
  const fs = f.conn.handshake.client;
  const bs = b.conn.handshake.client;
  const against = kind === "proxy" ? 1 : -1;
  if (fs.tsval !== undefined && bs.tsval !== undefined) {
    if (fs.tsval === bs.tsval) return evidence("timestamps", -against, `TS val ${fs.tsval} on both SYNs: the same host's clock stamped them`, syns);
    return evidence("timestamps", against, `TS val ${fs.tsval} on the client's SYN, ${bs.tsval} on the backend's: two different clocks`, syns);
  }
  if (hasOptions(fs) && hasOptions(bs) && hasTs(fs) !== hasTs(bs)) {
    const [with_, without] = hasTs(bs) ? ["backend's", "client's"] : ["client's", "backend's"];
    return evidence("timestamps", against, `the ${with_} SYN carries TCP timestamps and the ${without} has none: not the same packet`, syns);
  }
  return dataTsEvidence(f, b, against);
}

/**
 * TS clocks tick at most 1000 times a second; two hosts' clocks differ by a random 32-bit
 * amount. Two values further apart than the time between them (plus this many ticks) come from
 * two clocks.
 */
const TS_SLACK = 60_000;

/** Without SYNs: the TS values on the client's first payload on each leg. */
function dataTsEvidence(f: ConnView, b: ConnView, against: number): Evidence | undefined {
  const first = (v: ConnView) => v.conn.segments.find((s) => s.fromClient && s.len > 0 && s.tsval !== undefined);
  const fs = first(f);
  const bs = first(b);
  if (!fs?.tsval || !bs?.tsval || fs.t === undefined || bs.t === undefined) return undefined;
  const ticks = Math.min((fs.tsval - bs.tsval) >>> 0, (bs.tsval - fs.tsval) >>> 0);
  const elapsedMs = Math.abs(bs.t - fs.t) * 1000;
  const cites = [...cite(f, fs.line), ...cite(b, bs.line)];
  const values = `TS val ${fs.tsval} on the client's first payload at the front, ${bs.tsval} at the backend`;
  if (ticks <= elapsedMs + TS_SLACK) return evidence("timestamps", -against, `${values}: one clock, the client's`, cites);
  return evidence("timestamps", against, `${values}: two different clocks`, cites);
}

const hasOptions = (s: SynSide) => s.layout !== undefined;
const hasTs = (s: SynSide) => s.ts === true || s.tsval !== undefined;
