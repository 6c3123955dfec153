import type { Connection } from "../../connections/types.js";
import { endpointText } from "../../connections/endpoint.js";
import { formatTable } from "../table.js";
import type { BoxGuess, Feedback, Question } from "./types.js";
import { synPointer, type Pair, type Walk } from "./walk.js";

/** Client, server and both ISNs of each leg: a table, or one paragraph per leg when too wide. */
function isnTable(walk: Walk, front: Connection, back: Connection): string {
  const legs = [front, back];
  const rows = [
    ["client", ...legs.map((c) => endpointText(c.client))],
    ["server", ...legs.map((c) => endpointText(c.server))],
    ["client ISN", ...legs.map((c) => String(c.handshake.clientIsn ?? "?"))],
    ["server ISN", ...legs.map((c) => String(c.handshake.serverIsn ?? "?"))],
  ];
  const table = formatTable(["", `front (${front.id})`, `back (${back.id})`], rows).replace(/^(?=.)/gm, "  ");
  if (table.split("\n").every((line) => line.length <= walk.settings.width)) return table;
  return walk.prose(
    legs.map((c, i) => `${c.id}: ${rows.map((r) => `${r[0]} ${r[i + 1]}`).join(", ")}`),
    "  ",
  );
}

/** Step 5: the two legs' ISNs side by side, with the SYN lines they come from. */
export function isnStep(walk: Walk, pair: Pair | undefined): string {
  let out = walk.heading(5, "the ISNs side by side");
  if (!pair) {
    return out + walk.prose(["Without a client connection paired with a backend connection there are no two SYNs of one request to compare."]);
  }
  out += walk.prose([
    "Every TCP endpoint picks a random initial sequence number (ISN) for each new connection. A middle box that only rewrites addresses (a NAT) leaves the sequence numbers alone; " +
      "a middle box that opens its own connection to the backend (a reverse proxy) makes a new SYN, with a new ISN.",
  ]);
  out += "\n" + isnTable(walk, pair.front, pair.back) + "\n";
  out += walk.quote("front", `the client's SYN on ${pair.front.id}`, synPointer(pair.front));
  out += walk.quote("back", `the SYN on ${pair.back.id}`, synPointer(pair.back));
  return out;
}

export function boxQuestion(): Question<BoxGuess> {
  return {
    message: "What do these ISNs say about the middle box?",
    choices: [
      { value: "proxy", name: "two handshakes: it opened its own connection (reverse proxy)", short: "reverse proxy" },
      { value: "nat", name: "one handshake passing through: it only rewrote addresses (NAT)", short: "NAT" },
    ],
  };
}

/** Checks the student's reading of the ISNs against the ISNs (or, when a SYN is missing, against matching's kind). */
export function boxFeedback(walk: Walk, pair: Pair, guess: BoxGuess): Feedback {
  const { green, red } = walk.style;
  const isn = pair.front.handshake.clientIsn;
  const backIsn = pair.back.handshake.clientIsn;
  if (isn === undefined || backIsn === undefined) {
    const kind: BoxGuess = pair.match.kind === "nat" ? "nat" : "proxy";
    const correct = guess === kind;
    const missing = isn === undefined ? pair.front.id : pair.back.id;
    const text =
      `${correct ? green("Right,") : red("Not quite:")} though not from the ISNs: ${missing} was already open when tcpdump started, so its SYN and ISN are not in the capture. ` +
      `The rest of the evidence (step 4) makes this middle box ${kind === "nat" ? "a NAT" : "a reverse proxy"}.`;
    return { correct, text: walk.prose([text]) };
  }
  const same = isn === backIsn;
  const correct = (guess === "nat") === same;
  const meaning = same
    ? `Both SYNs carry ISN ${isn}: it is one handshake, the client's, passing through the middle box with only its addresses rewritten. That is what a NAT (such as LVS-NAT) does.`
    : `The SYNs carry different ISNs (${isn} and ${backIsn}): two handshakes. The middle box accepted the client's connection itself and opened a second one to the backend, as a reverse proxy does.`;
  return { correct, text: walk.prose([`${correct ? green("Right.") : red("Not quite.")} ${meaning}`]) };
}
