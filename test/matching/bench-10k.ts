/**
 * Speed and accuracy of matchCaptures on synthetic proxy traffic (not a test: speed is never
 * asserted). Run: npx tsc -p . ; node dist/test/matching/bench-10k.js [clients]
 * Wall time depends on what else the machine runs; CPU time (all threads, GC included) less so.
 */
import { matchCaptures } from "../../src/matching/index.js";
import { proxyTraffic, type TrafficShape } from "./synthetic.js";

const clients = Number(process.argv[2] ?? 10000);
const shapes: [string, Partial<TrafficShape>][] = [
  ["sizes vary, clocks 2.75 s apart", { offset: 2.75 }],
  ["uniform sizes (-nn, one URL), clocks 2.75 s apart", { offset: 2.75, uniformSizes: true }],
  ["keep-alive reuse 50%, clocks -0.4 s", { offset: -0.4, reuse: 0.5 }],
  ["burst: all clients within 2 s, uniform sizes", { offset: 0.0193, spread: 2, uniformSizes: true }],
];

for (const [name, shape] of shapes) {
  const traffic = proxyTraffic({ clients, spread: 60, offset: 0, reuse: 0, healthEvery: 2, uniformSizes: false, seed: 7, ...shape });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = matchCaptures(traffic.front, traffic.back);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const right = result.matches.filter((m) => traffic.truth.get(m.front) === m.back).length;
  const clock = result.clock;
  console.log(
    `${name}: ${traffic.front.connections.length} x ${traffic.back.connections.length} connections in ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms); ` +
      `${result.matches.length} matches, ${right} right (${((100 * right) / clients).toFixed(1)}% of clients); ` +
      `clock ${clock?.lowMs}..${clock?.highMs} ms (true ${((shape.offset ?? 0) * 1000).toFixed(1)}); verdict ${result.verdict.kind} ${result.verdict.confidence}`,
  );
}
