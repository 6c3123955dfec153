import type { Connection } from "../../connections/types.js";
import { connectionName } from "./handshakes-step.js";
import type { Feedback, Question } from "./types.js";
import { runPointer, type Walk } from "./walk.js";
import { count } from "./words.js";

/** Client connections that sent request bytes. */
function carriers(walk: Walk): Connection[] {
  return walk.front.capture.connections.filter((c) => c.bytes.toServer > 0);
}

/** Step 2's question, or undefined when no client sent a request (nothing to follow). */
export function requestQuestion(walk: Walk): Question<string> | undefined {
  if (carriers(walk).length === 0) return undefined;
  return {
    message: "Which connection carried the request?",
    choices: walk.front.capture.connections.map((c) => ({ value: c.id, name: connectionName(c), short: c.id })),
  };
}

/** The quote of a connection's first request, with its size in the caption. */
function requestQuote(walk: Walk, c: Connection): string {
  const run = c.exchanges?.[0]?.request;
  return walk.quote("front", `the request on ${c.id}: ${count(run?.bytes ?? c.bytes.toServer, "byte")}`, runPointer(c, run));
}

/** Checks the answer against the data: the request is the client's data (length > 0). */
export function requestFeedback(walk: Walk, chosenId: string): Feedback {
  const chosen = walk.conn(chosenId);
  const all = carriers(walk);
  if (chosen.bytes.toServer > 0) {
    const others = all.length > 1 ? ` (${count(all.length - 1, "other connection")} carried requests too)` : "";
    const text =
      walk.prose([
        `${walk.style.green("Right.")} ${chosen.id} (${chosen.client.host} port ${chosen.client.port}) sent ${count(chosen.bytes.toServer, "byte")} ` +
          `after its handshake: that packet, with length > 0, is the request${others}.`,
      ]) + requestQuote(walk, chosen);
    return { correct: true, text };
  }
  const spare =
    chosen.handshake.status === "complete"
      ? "completed its handshake and then sent no data (every packet from the client has length 0): a spare connection, as browsers open one in advance."
      : `sent no data (handshake ${chosen.handshake.status}).`;
  const right = followedConnection(walk, undefined)!;
  const text =
    walk.prose([
      `${walk.style.red("Not that one.")} ${chosen.id} (${chosen.client.host} port ${chosen.client.port}) ${spare} ` +
        `The request went over ${right.id} (port ${right.client.port}): look for the client's packet with length > 0.`,
    ]) + requestQuote(walk, right);
  return { correct: false, text };
}

/**
 * The client connection the rest of the walkthrough follows: the student's, when it carried a
 * request, else the first carrier that matching paired with a backend connection.
 */
export function followedConnection(walk: Walk, chosenId: string | undefined): Connection | undefined {
  const all = carriers(walk);
  const chosen = all.find((c) => c.id === chosenId);
  return chosen ?? all.find((c) => walk.pairOf(c.id)) ?? all[0];
}
