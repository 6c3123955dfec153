/** Clients on the Internet as a server-side capture sees them: behind a router, various stacks. */
import { parseMac, randomClientAddress } from "./addresses.js";
import type { Prng } from "./prng.js";
import { LINUX, MACOS, WINDOWS, type TcpStack } from "./tcp-stacks.js";
import type { Host } from "./tcp-session.js";

/** Every client frame reaches the server through this router. */
export const ROUTER_MAC = parseMac("00:1c:73:00:00:01");

function randomStack(rng: Prng): TcpStack {
  const roll = rng.next();
  return roll < 0.6 ? LINUX : roll < 0.85 ? WINDOWS : MACOS;
}

export function randomClient(rng: Prng): Host {
  const stack = randomStack(rng);
  return { ip: randomClientAddress(rng), mac: ROUTER_MAC, stack, ttl: stack.initialTtl - rng.int(4, 20) };
}

/** Round-trip time to a client: a third on a nearby network, the rest across the Internet. */
export function randomClientRtt(rng: Prng): number {
  return rng.chance(0.3) ? rng.int(200, 2_000) : rng.int(5_000, 80_000);
}
