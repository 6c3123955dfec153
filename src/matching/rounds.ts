import type { ConnView } from "./events.js";
import { ascending } from "./numeric-order.js";

/**
 * Every timed request/response round of one capture in flat typed arrays, so that 10,000
 * connections can be paired without allocating an object per candidate.
 */
export interface RoundTable {
  n: number;
  /** Index into the capture's views, and the round's index on its connection. */
  view: Int32Array;
  round: Int32Array;
  /** Seconds; `resp` is NaN when no response was seen. */
  req: Float64Array;
  resp: Float64Array;
  /** Bytes; `respBytes` is -1 when no response was seen. */
  reqBytes: Float64Array;
  respBytes: Float64Array;
  /** Round indexes sorted by request time. */
  byReq: Int32Array;
  /**
   * `req` and `resp` in `byReq` order: the candidate window walks these in memory order and
   * rejects most rounds without an indirection.
   */
  sortedReq: Float64Array;
  sortedResp: Float64Array;
}

/** Rounds of the views not in `skip` (connections already paired by sequence numbers). */
export function roundTable(views: ConnView[], skip: ReadonlySet<number>): RoundTable {
  const rows: [number, number][] = [];
  views.forEach((v, i) => {
    if (skip.has(i)) return;
    v.rounds.forEach((r, k) => {
      if (r.request.t !== undefined) rows.push([i, k]);
    });
  });
  const n = rows.length;
  const table: RoundTable = {
    n,
    view: new Int32Array(n),
    round: new Int32Array(n),
    req: new Float64Array(n),
    resp: new Float64Array(n),
    reqBytes: new Float64Array(n),
    respBytes: new Float64Array(n),
    byReq: new Int32Array(n),
    sortedReq: new Float64Array(n),
    sortedResp: new Float64Array(n),
  };
  rows.forEach(([i, k], j) => {
    const r = views[i].rounds[k];
    table.view[j] = i;
    table.round[j] = k;
    table.req[j] = r.request.t as number;
    table.resp[j] = r.response?.t ?? NaN;
    table.reqBytes[j] = r.request.bytes;
    table.respBytes[j] = r.response ? r.response.bytes : -1;
    table.byReq[j] = j;
  });
  table.byReq.sort((a, b) => ascending(table.req[a], table.req[b]));
  table.byReq.forEach((j, p) => {
    table.sortedReq[p] = table.req[j];
    table.sortedResp[p] = table.resp[j];
  });
  return table;
}

/** First position in `byReq` whose request time is >= t. */
export function lowerBound(table: RoundTable, t: number): number {
  let lo = 0;
  let hi = table.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.sortedReq[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
