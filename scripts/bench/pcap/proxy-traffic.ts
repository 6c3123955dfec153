/**
 * The matching pair: an nginx-like reverse proxy, captured on its front side (clients to the
 * public address, file FRONT) and on the backend (proxy to backend, file BACK). Every client
 * connection causes one backend connection with its own ISNs, the proxy's inside address as
 * source, a rewritten request (HTTP/1.0, X-Forwarded-For, Connection: close) and the same
 * response body. The backend closes its connection after answering.
 */
import { EPHEMERAL_PORTS, formatIpv4, parseIpv4, parseMac, randomEphemeralPort } from "./addresses.js";
import { randomClient, randomClientRtt } from "./clients.js";
import { encodeRequest, encodeResponse, randomExchange, withHeaders } from "./http-messages.js";
import type { Prng } from "./prng.js";
import { closeConnection, handshake, idleBeforeClose, randomCloseKind, sendData } from "./tcp-dialogue.js";
import { LINUX, LINUX_SERVER } from "./tcp-stacks.js";
import { TcpSession, type CapturedPacket, type Endpoint, type Host } from "./tcp-session.js";

export const FRONT = 0;
export const BACK = 1;

const PROXY_MAC = parseMac("52:54:00:aa:00:05");
export const PROXY_PUBLIC: Endpoint = {
  host: { ip: parseIpv4("192.0.2.80"), mac: PROXY_MAC, stack: LINUX_SERVER, ttl: 64 },
  port: 80,
};
export const PROXY_INSIDE: Host = { ip: parseIpv4("10.20.0.5"), mac: PROXY_MAC, stack: LINUX, ttl: 64 };
const BACKENDS: readonly Endpoint[] = [11, 12, 13, 14].map((last) => ({
  host: { ip: parseIpv4(`10.20.1.${last}`), mac: parseMac(`52:54:00:bb:00:${last}`), stack: LINUX_SERVER, ttl: 64 },
  port: 8080,
}));

/** Round trip between proxy and backend on the same network. */
function backendRtt(rng: Prng): number {
  return rng.int(80, 600);
}

/**
 * Returns a builder of proxied connections. Like Linux's connect(), it walks the ephemeral
 * range per backend in steps of two, so a port is not reused while the range lasts.
 */
export function proxiedConnections(rng: Prng): (start: number) => CapturedPacket[] {
  const nextPort = BACKENDS.map(() => EPHEMERAL_PORTS.first + 2 * rng.int(0, 6000));

  return (start) => {
    const packets: CapturedPacket[] = [];
    const client: Endpoint = { host: randomClient(rng), port: randomEphemeralPort(rng) };
    const front = new TcpSession(rng, randomClientRtt(rng), client, PROXY_PUBLIC, FRONT, packets);

    let time = handshake(front, rng, start);
    const { request, response } = randomExchange(rng, "www.example.com", time);
    time = sendData(front, rng, "client", time + rng.int(5, 400), encodeRequest(request));

    const backendIndex = rng.int(0, BACKENDS.length - 1);
    const port = nextPort[backendIndex];
    nextPort[backendIndex] = port + 2 > EPHEMERAL_PORTS.last ? EPHEMERAL_PORTS.first : port + 2;
    const back = new TcpSession(rng, backendRtt(rng), { host: PROXY_INSIDE, port }, BACKENDS[backendIndex], BACK, packets);
    const clientIp = formatIpv4(client.host.ip);
    const backendRequest = {
      ...request,
      version: "HTTP/1.0" as const,
      headers: withHeaders(request.headers, [
        ["Host", "app_backend"],
        ["X-Real-IP", clientIp],
        ["X-Forwarded-For", clientIp],
        ["Connection", "close"],
      ]),
    };
    const backendResponse = {
      ...response,
      headers: withHeaders(response.headers, [["Server", "gunicorn"], ["Connection", "close"]]),
    };
    let backTime = handshake(back, rng, time + rng.int(50, 2_000));
    backTime = sendData(back, rng, "client", backTime + rng.int(5, 40), encodeRequest(backendRequest));
    backTime = sendData(back, rng, "server", backTime + rng.int(200, 30_000), encodeResponse(backendResponse));
    closeConnection(back, rng, backTime + rng.int(5, 60), "server-fin");

    time = sendData(front, rng, "server", backTime + rng.int(20, 200), encodeResponse(response));
    const close = randomCloseKind(rng);
    closeConnection(front, rng, time + idleBeforeClose(rng, close), close);
    return packets.sort((a, b) => a.time - b.time);
  };
}
