/**
 * The large capture: a busy web server seen by tcpdump on the server itself. Each connection
 * carries one HTTP request and its response, then closes (client FIN, server FIN or reset).
 */
import { parseIpv4, parseMac, randomEphemeralPort } from "./addresses.js";
import { randomClient, randomClientRtt } from "./clients.js";
import { encodeRequest, encodeResponse, randomExchange } from "./http-messages.js";
import type { Prng } from "./prng.js";
import { closeConnection, handshake, idleBeforeClose, randomCloseKind, sendData } from "./tcp-dialogue.js";
import { LINUX_SERVER } from "./tcp-stacks.js";
import { TcpSession, type CapturedPacket, type Endpoint, type Host } from "./tcp-session.js";

export const SERVER_HOST: Host = { ip: parseIpv4("10.0.0.10"), mac: parseMac("52:54:00:12:34:56"), stack: LINUX_SERVER, ttl: 64 };
/** nginx on 80 and an application server on 8080 (tcpdump decodes HTTP on both). */
const SERVER_ENDPOINTS: readonly Endpoint[] = [
  { host: SERVER_HOST, port: 80 },
  { host: SERVER_HOST, port: 80 },
  { host: SERVER_HOST, port: 80 },
  { host: SERVER_HOST, port: 8080 },
];

/** Builds the packets of one connection starting at start (all in file 0). */
export function serverConnection(rng: Prng, start: number): CapturedPacket[] {
  const packets: CapturedPacket[] = [];
  const client: Endpoint = { host: randomClient(rng), port: randomEphemeralPort(rng) };
  const server = rng.pick(SERVER_ENDPOINTS);
  const session = new TcpSession(rng, randomClientRtt(rng), client, server, 0, packets);

  let time = handshake(session, rng, start);
  const { request, response } = randomExchange(rng, "www.example.com", time);
  time = sendData(session, rng, "client", time + rng.int(5, 400), encodeRequest(request));
  time = sendData(session, rng, "server", time + rng.int(100, 30_000), encodeResponse(response));
  const close = randomCloseKind(rng);
  closeConnection(session, rng, time + idleBeforeClose(rng, close), close);
  return packets.sort((a, b) => a.time - b.time);
}
