/**
 * Browser-like HTTP/1.1 requests and nginx-like responses: realistic header sets and sizes, a
 * Date header from the capture clock, and a Content-Length that always matches the body (so
 * tshark's HTTP dissector reassembles every response).
 */
import { bodyOf, type BodyKind } from "./body-text.js";
import type { Prng } from "./prng.js";

export type Headers = Array<[name: string, value: string]>;

export interface HttpRequest {
  method: "GET" | "POST";
  target: string;
  version: "HTTP/1.1" | "HTTP/1.0";
  headers: Headers;
  body: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Headers;
  body: Buffer;
}

interface Resource {
  target: string;
  kind: BodyKind;
  contentType: string;
  /** Static files are cached by browsers and may be revalidated (304). */
  cacheable: boolean;
}

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "curl/7.88.1",
] as const;
const SEARCH_TERMS = ["lamp", "desk", "chair", "kettle", "backpack", "headphones", "monitor", "shelf"] as const;

function hex(rng: Prng, digits: number): string {
  let text = "";
  while (text.length < digits) text += rng.nextUint32().toString(16).padStart(8, "0");
  return text.slice(0, digits);
}

function randomResource(rng: Prng): Resource {
  const html = (target: string): Resource => ({ target, kind: "html", contentType: "text/html; charset=utf-8", cacheable: false });
  const roll = rng.next();
  if (roll < 0.15) return html(rng.pick(["/", "/index.html"]));
  if (roll < 0.3) return html(`/products/${rng.int(1000, 99999)}`);
  if (roll < 0.4) return html(`/search?q=${rng.pick(SEARCH_TERMS)}&page=${rng.int(1, 9)}`);
  if (roll < 0.65) {
    return { target: `/api/v1/products/${rng.int(1000, 99999)}`, kind: "json", contentType: "application/json", cacheable: false };
  }
  if (roll < 0.8) {
    return { target: `/static/js/app.${hex(rng, 8)}.js`, kind: "js", contentType: "application/javascript", cacheable: true };
  }
  // A web font: binary, but no tshark dissector tries to decode it (random "PNG" bytes would be
  // flagged malformed).
  return { target: `/fonts/inter-${rng.int(100, 900)}.woff2`, kind: "binary", contentType: "font/woff2", cacheable: true };
}

/** Body sizes: mostly one segment, a fifth two or three, a few larger. */
function randomBodyLength(rng: Prng): number {
  const roll = rng.next();
  if (roll < 0.75) return rng.int(40, 1000);
  if (roll < 0.95) return rng.int(1500, 3800);
  return rng.int(4000, 12000);
}

export interface Exchange {
  request: HttpRequest;
  response: HttpResponse;
}

/** A request to hostName and the response a server answers at timeMicros. */
export function randomExchange(rng: Prng, hostName: string, timeMicros: number): Exchange {
  const resource = randomResource(rng);
  const post = resource.kind === "json" && rng.chance(0.2);
  const revalidate = resource.cacheable && rng.chance(0.3);
  const etag = `"${hex(rng, 8)}-${hex(rng, 4)}"`;

  const headers: Headers = [
    ["Host", hostName],
    ["User-Agent", rng.pick(USER_AGENTS)],
    ["Accept", resource.kind === "html" ? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" : "*/*"],
    ["Accept-Language", "en-US,en;q=0.5"],
    ["Accept-Encoding", "gzip, deflate"],
    ["Connection", "keep-alive"],
  ];
  if (resource.kind !== "html") headers.push(["Referer", `http://${hostName}/`]);
  if (rng.chance(0.6)) headers.push(["Cookie", `session=${hex(rng, 32)}; theme=${rng.pick(["light", "dark"])}`]);
  if (revalidate) headers.push(["If-None-Match", etag]);
  const body = post ? `{"product":${rng.int(1000, 99999)},"quantity":${rng.int(1, 5)}}` : "";
  if (post) headers.push(["Content-Type", "application/json"], ["Content-Length", String(body.length)]);
  const request: HttpRequest = { method: post ? "POST" : "GET", target: resource.target, version: "HTTP/1.1", headers, body };

  const missing = !revalidate && rng.chance(0.03);
  const status = revalidate ? 304 : missing ? 404 : 200;
  const responseBody = status === 200 ? bodyOf(rng, resource.kind, randomBodyLength(rng)) : missing ? bodyOf(rng, "html", 153) : Buffer.alloc(0);
  const responseHeaders: Headers = [
    ["Server", "nginx/1.22.1"],
    ["Date", new Date(Math.floor(timeMicros / 1000)).toUTCString()],
  ];
  if (status !== 304) {
    responseHeaders.push(["Content-Type", missing ? "text/html" : resource.contentType], ["Content-Length", String(responseBody.length)]);
  }
  responseHeaders.push(["Connection", "keep-alive"]);
  if (resource.cacheable) responseHeaders.push(["ETag", etag], ["Cache-Control", "max-age=3600"]);
  const reason = { 200: "OK", 304: "Not Modified", 404: "Not Found" }[status] ?? "OK";
  return { request, response: { status, reason, headers: responseHeaders, body: responseBody } };
}

function encodeHead(startLine: string, headers: Headers): string {
  return `${startLine}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}

export function encodeRequest(request: HttpRequest): Buffer {
  return Buffer.from(encodeHead(`${request.method} ${request.target} ${request.version}`, request.headers) + request.body, "latin1");
}

export function encodeResponse(response: HttpResponse): Buffer {
  const head = Buffer.from(encodeHead(`HTTP/1.1 ${response.status} ${response.reason}`, response.headers), "latin1");
  return Buffer.concat([head, response.body]);
}

/** Puts replacements first and drops the headers they replace, as nginx does with proxy_set_header. */
export function withHeaders(headers: Headers, replacements: Headers): Headers {
  const names = new Set(replacements.map(([name]) => name.toLowerCase()));
  return [...replacements, ...headers.filter(([name]) => !names.has(name.toLowerCase()))];
}
