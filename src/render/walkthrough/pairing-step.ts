import type { Connection } from "../../connections/types.js";
import type { EvidenceKind } from "../../matching/types.js";
import { endpointText } from "../../connections/endpoint.js";
import { clockSentence, evidenceList } from "./evidence.js";
import { connectionName } from "./handshakes-step.js";
import type { Feedback, PairingReason, Question } from "./types.js";
import { runPointer, synPointer, type Pair, type Walk } from "./walk.js";

interface ReasonInfo {
  name: string;
  short: string;
  /** The evidence kinds that speak to this reason. */
  kinds: EvidenceKind[];
}

const REASONS: Record<PairingReason, ReasonInfo> = {
  isn: { name: "the same ISN: both SYNs carry the same sequence number", short: "same ISN", kinds: ["isn", "sequence"] },
  timing: { name: "the timing: it starts right after the request arrives", short: "timing", kinds: ["timing"] },
  sizes: { name: "the sizes: the request and response lengths agree", short: "sizes", kinds: ["request-size", "response-size"] },
  addresses: { name: "the addresses: it comes from the client's address and port", short: "addresses", kinds: ["client-address"] },
};

/** Step 4's heading and the question's setting: which request is being followed. */
export function pairingStep(walk: Walk, front: Connection | undefined): string {
  let out = walk.heading(4, "which backend connection carried the request?");
  if (!front) return out + walk.prose(["No client sent a request in the front capture, so there is nothing to follow to the backend."]);
  const request = front.exchanges?.[0]?.request;
  out += walk.prose([
    `The request on ${front.id} (${endpointText(front.client)}) reached the middle box` +
      (request?.time ? ` at ${request.time} on the front's clock` : "") +
      ". The middle box passed it on to the backend over one of the connections of step 3. Which one, and why do you think so?",
  ]);
  return out;
}

/** The backend connections to choose from, or undefined when the back capture has none. */
export function backendQuestion(walk: Walk, front: Connection): Question<string> | undefined {
  const conns = walk.back.capture.connections;
  if (conns.length === 0) return undefined;
  return {
    message: `Which backend connection carried the request of ${front.id}?`,
    choices: conns.map((c) => ({ value: c.id, name: connectionName(c), short: c.id })),
  };
}

export function reasonQuestion(): Question<PairingReason> {
  return {
    message: "Why that one?",
    choices: (Object.keys(REASONS) as PairingReason[]).map((r) => ({ value: r, name: REASONS[r].name, short: REASONS[r].short })),
  };
}

/** Whether the reason holds for this pair, and the sentence that says why, from the data. */
function judgeReason(walk: Walk, pair: Pair, reason: PairingReason): Feedback {
  const { front, back, match } = pair;
  const items = match.evidence.filter((e) => REASONS[reason].kinds.includes(e.kind) && e.weight > 0);
  switch (reason) {
    case "isn": {
      const [a, b] = [front.handshake.clientIsn, back.handshake.clientIsn];
      if (a === undefined || b === undefined) {
        return { correct: false, text: `Not here: ${a === undefined ? front.id : back.id} has no SYN in its capture (it was already open when tcpdump started), so there is no ISN to compare.` };
      }
      return a === b
        ? { correct: true, text: `Yes: both SYNs carry ISN ${a}. The same ISN on both sides means one handshake, passed through the middle box: nothing ties two connections together more tightly.` }
        : {
            correct: false,
            text:
              `Not here: the ISNs differ (${a} at the front, ${b} at the back). A connection the middle box opens itself starts from its own random ISN, ` +
              "so the ISN cannot tell which backend connection carried the request. It tells what the middle box is (step 5).",
          };
    }
    case "addresses": {
      const same = front.client.host === back.client.host && front.client.port === back.client.port;
      return same
        ? { correct: true, text: `Yes: the backend sees the client's own address and port, ${endpointText(back.client)}: the middle box rewrote only the destination.` }
        : {
            correct: false,
            text:
              `Not by itself: the backend's client is ${endpointText(back.client)}, not the client ${endpointText(front.client)}. ` +
              "Every connection the middle box opens comes from its own address, so the address does not say which one carried this request; it does say the box made a connection of its own.",
          };
    }
    default: {
      const what = reason === "timing" ? "the timing links" : "the sizes link";
      return items.length
        ? { correct: true, text: `Yes: ${what} them: ${items.map((e) => e.text).join("; ")}.` }
        : { correct: false, text: `Not here: hs-report found nothing in ${reason === "timing" ? "the timing" : "the sizes"} that links these two connections.` };
    }
  }
}

/** The packets a reason rests on, quoted from both captures. */
function reasonQuotes(walk: Walk, pair: Pair, reason: PairingReason): string {
  const { front, back } = pair;
  if (reason === "isn" || reason === "addresses") {
    return walk.quote("front", `the client's SYN on ${front.id}`, synPointer(front)) + walk.quote("back", `the SYN on ${back.id}`, synPointer(back));
  }
  const f = front.exchanges?.[0];
  const b = back.exchanges?.[0];
  return (
    walk.quote("front", `the request on ${front.id}`, runPointer(front, f?.request)) +
    (reason === "timing" ? walk.quote("back", `the SYN on ${back.id}`, synPointer(back)) : "") +
    walk.quote("back", `the request on ${back.id}`, runPointer(back, b?.request)) +
    walk.quote("back", `the response on ${back.id}`, runPointer(back, b?.response)) +
    walk.quote("front", `the response on ${front.id}`, runPointer(front, f?.response))
  );
}

/**
 * Checks the student's backend connection against matching's pair, and the reason against the
 * data; then shows every piece of evidence matching weighed, with the packet lines.
 */
export function pairingFeedback(walk: Walk, front: Connection, backId: string, reason: PairingReason): Feedback {
  const pair = walk.pairOf(front.id);
  if (!pair) {
    return {
      correct: false,
      text: walk.prose([`hs-report found no backend connection that carried the request of ${front.id}: nothing in the back capture starts, or carries data, in step with it.`]),
    };
  }
  const rightConn = pair.back.id === backId;
  const judged = judgeReason(walk, pair, reason);
  const { green, red, bold } = walk.style;
  const first = rightConn
    ? `${green("Right connection:")} ${backId} is the one hs-report paired with ${front.id}.`
    : `${red("Not that one:")} hs-report paired ${front.id} with ${pair.back.id}, not ${backId}.`;
  const reasonText = `${judged.correct ? green("Your reason:") : red("Your reason:")} ${judged.text}`;
  const clock = reason === "timing" ? clockSentence(walk.result) : undefined;
  let text = walk.prose([first, reasonText, ...(clock ? [clock] : [])]);
  text += reasonQuotes(walk, pair, reason);
  text += `\n${bold(`What hs-report weighed for ${front.id} = ${pair.back.id}`)} (${pair.match.kind}, confidence ${pair.match.confidence}):\n`;
  text += evidenceList(walk, pair.match.evidence);
  return { correct: rightConn && judged.correct, text };
}
