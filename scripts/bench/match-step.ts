/**
 * The matching step alone, as `node dist/scripts/bench/match-step.js FRONT BACK ROUNDS`: reads
 * the two captures the way the command does, then times matchCaptures on them ROUNDS times and
 * prints the wall times in seconds as JSON (the command's own time also counts reading both).
 */
import { readCapture } from "../../src/cli/capture.js";
import { matchCaptures } from "../../src/matching/index.js";

const [front, back, rounds = "3"] = process.argv.slice(2);
const quiet = { log: () => {} };
const captures = [await readCapture(front, "front", quiet), await readCapture(back, "back", quiet)];
const seconds: number[] = [];
for (let i = 0; i < Number(rounds); i++) {
  const started = process.hrtime.bigint();
  const result = matchCaptures(captures[0], captures[1]);
  seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  if (result.matches.length === 0) throw new Error("nothing matched: the bench pair should match");
}
process.stdout.write(JSON.stringify({ seconds, connections: captures.map((c) => c.connections.length) }) + "\n");
