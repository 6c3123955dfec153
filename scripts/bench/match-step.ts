/**
 * The matching step alone, as `node dist/scripts/bench/match-step.js FRONT BACK ROUNDS`: reads
 * the two captures the way the command does, then times matchCaptures on them ROUNDS times and
 * prints the wall times in seconds and how many pairs it found as JSON (the command's own time
 * also counts reading both). Every connection of the bench's pair has its partner, so a time
 * for far fewer pairs is the time of a matching that failed.
 */
import { readCapture } from "../../src/cli/capture.js";
import { matchCaptures } from "../../src/matching/index.js";

const [front, back, rounds = "3"] = process.argv.slice(2);
const quiet = { log: () => {} };
const captures = [await readCapture(front, "front", quiet), await readCapture(back, "back", quiet)];
const seconds: number[] = [];
let matches = 0;
for (let i = 0; i < Number(rounds); i++) {
  const started = process.hrtime.bigint();
  matches = matchCaptures(captures[0], captures[1]).matches.length;
  seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
}
process.stdout.write(JSON.stringify({ seconds, connections: captures.map((c) => c.connections.length), matches }) + "\n");
