import type { Endpoint } from "../../../src/connections/types.js";
import type { MaybeEndpoint } from "./truth.js";

/** Endpoint identity across tshark, hs-report and the lab's logs: all print IPs the same way. */
export function endpointKey(e: MaybeEndpoint | Endpoint): string {
  return `${e.host}|${e.port ?? "?"}`;
}

export function showEndpoint(e: MaybeEndpoint | Endpoint): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port ?? "?"}` : `${e.host}:${e.port ?? "?"}`;
}

export function sameEndpoint(a: MaybeEndpoint | Endpoint, b: MaybeEndpoint | Endpoint): boolean {
  return a.host === b.host && (a.port === null || b.port === null || a.port === b.port);
}

/** The first connection with this client (port may be unknown) and server. */
export function findByEndpoints<C extends { client: Endpoint; server: Endpoint }>(
  conns: C[],
  client: MaybeEndpoint,
  server: Endpoint,
): C | undefined {
  return conns.find((c) => sameEndpoint(c.client, client) && sameEndpoint(c.server, server));
}
