/**
 * Socket behaviours that curl and python's http.server cannot produce, used by
 * scripts/connections-fixtures.sh inside its network namespace to make real captures:
 *
 *   simultaneous PORT_A PORT_B  two sockets bound to 127.0.0.1:PORT_A and :PORT_B connect to
 *                               each other at the same time (TCP simultaneous open); the
 *                               capture script drops the first SYNs so both are in SYN-SENT
 *                               when their retransmissions cross.
 *   client-abort PORT           connect to PORT, send a request, then close with RST.
 *   server-abort PORT           listen on PORT, read a request, answer, then close with RST.
 *   rounds PORT N               an echo server on PORT and a client that sends N messages of
 *                               11, 12, ... bytes, each after the echo of the one before:
 *                               N request/response rounds on one connection.
 *   reuse PORT LOCAL_PORT       two requests to PORT, one after the other, both from
 *                               LOCAL_PORT: one 4-tuple, two connections. Each waits for the
 *                               server's FIN before closing, so TIME-WAIT stays on the server
 *                               and the client port can be bound again.
 *
 * Run it compiled: `node dist/scripts/connections-peers.js MODE ARGS`.
 */
import net from "node:net";

const HOST = "127.0.0.1";
const REQUEST = "GET /abort HTTP/1.1\r\nHost: hsconn\r\n\r\n";
const RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

function fail(message: string): never {
  process.stderr.write(`connections-peers: ${message}\n`);
  process.exit(2);
}

function port(text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) fail(`bad port ${text}`);
  return n;
}

/** Resolves when the socket has connected, rejects on error. */
function connected(socket: net.Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
}

async function simultaneous(portA: number, portB: number): Promise<void> {
  const a = net.connect({ host: HOST, port: portB, localAddress: HOST, localPort: portA });
  const b = net.connect({ host: HOST, port: portA, localAddress: HOST, localPort: portB });
  await Promise.all([connected(a), connected(b)]);
  // One small message each way so the capture shows data after the crossed handshake.
  a.end("from-a\n");
  b.end("from-b\n");
  await Promise.all([new Promise((r) => a.on("close", r)), new Promise((r) => b.on("close", r))]);
}

async function clientAbort(serverPort: number): Promise<void> {
  const socket = net.connect({ host: HOST, port: serverPort });
  await connected(socket);
  socket.write(REQUEST);
  // Wait for the answer, then abort: SO_LINGER 0 makes the kernel send RST instead of FIN.
  await new Promise((r) => socket.once("data", r));
  socket.resetAndDestroy();
}

async function serverAbort(listenPort: number): Promise<void> {
  const server = net.createServer((socket) => {
    socket.once("data", () => {
      // Reset as soon as the response is handed to the kernel, before the client can close.
      socket.write(RESPONSE, () => {
        socket.resetAndDestroy();
        server.close();
      });
    });
  });
  await new Promise<void>((r) => server.listen(listenPort, HOST, r));
  process.stdout.write("listening\n");
  await new Promise((r) => server.on("close", r));
}

async function reuse(serverPort: number, localPort: number): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const socket = net.connect({ host: HOST, port: serverPort, localAddress: HOST, localPort });
    await connected(socket);
    socket.write(REQUEST);
    socket.resume();
    // allowHalfOpen is off: the socket ends itself when the server's FIN arrives.
    await new Promise((r) => socket.on("close", r));
  }
}

async function rounds(listenPort: number, count: number): Promise<void> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((r) => server.listen(listenPort, HOST, r));
  const socket = net.connect({ host: HOST, port: listenPort });
  await connected(socket);
  for (let i = 0; i < count; i++) {
    const message = "x".repeat(10 + i) + "\n";
    socket.write(message);
    let echoed = 0;
    while (echoed < message.length) echoed += ((await new Promise((r) => socket.once("data", r))) as Buffer).length;
  }
  socket.end();
  await new Promise((r) => socket.on("close", r));
  server.close();
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "simultaneous") await simultaneous(port(args[0]), port(args[1]));
  else if (mode === "client-abort") await clientAbort(port(args[0]));
  else if (mode === "server-abort") await serverAbort(port(args[0]));
  else if (mode === "reuse") await reuse(port(args[0]), port(args[1]));
  else if (mode === "rounds") await rounds(port(args[0]), Number(args[1]));
  else fail(`unknown mode ${mode}; use simultaneous, client-abort, server-abort, reuse or rounds`);
}

main().catch((error: unknown) => fail(String(error)));
