import type { Endpoint } from "./types.js";

/** `host:port` as people write it, with IPv6 hosts in brackets (`[2001:db8::1]:80`). */
export function endpointText(e: Pick<Endpoint, "host" | "port">): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}
