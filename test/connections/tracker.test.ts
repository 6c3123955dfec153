/**
 * The streaming tracker on real captures: when it reports handshakes, when and why it lets
 * connections go, and that what it holds is bounded by the connections still open. Line
 * numbers come from tshark's frames (test/fixtures/connections/*.expected.json: one line per
 * packet in the .nn.txt renderings).
 */
import { expect } from "chai";
import { ConnectionTracker, type TrackerEvent } from "../../src/connections/index.js";
import { eventsOf, expectedOf, packetsOf } from "./fixtures.js";

type Seen = { line: number; event: TrackerEvent };

const describeEvent = ({ line, event }: Seen): string => {
  if (event.type === "warning") return `${line} warning`;
  if (event.type === "handshake") return `${line} handshake ${event.connection.id} ${event.connection.handshake.status}`;
  if (event.type === "written") return `${line} written`;
  return `${line} closed ${event.connection.id} ${event.reason}`;
};

describe("connections: the streaming tracker", () => {
  it("reports each handshake at its third packet (SYN, SYN/ACK, ACK) and releases both at the end", () => {
    const [first, second] = expectedOf("http-two").map((e) => e.frames[0]);
    expect(eventsOf("http-two").map(describeEvent)).to.deep.equal([
      `${first + 2} handshake http-two:1 complete`,
      `${second + 2} handshake http-two:2 complete`,
      "0 closed http-two:1 end",
      "0 closed http-two:2 end",
    ]);
  });

  it("lets a closed connection go once it has lingered (the next connection starts 0.2 s later)", () => {
    const [, second] = expectedOf("http-two").map((e) => e.frames[0]);
    const closed = eventsOf("http-two", { lingerSeconds: 0.1 }).filter((s) => s.event.type === "closed");
    expect(closed.map(describeEvent)).to.deep.equal([`${second} closed http-two:1 closed`, "0 closed http-two:2 end"]);
  });

  it("lets the first connection of a reused 4-tuple go when the new SYN arrives", () => {
    const [, second] = expectedOf("port-reuse").map((e) => e.frames[0]);
    const closed = eventsOf("port-reuse").filter((s) => s.event.type === "closed");
    expect(closed.map(describeEvent)).to.deep.equal([`${second} closed port-reuse:1 reused`, "0 closed port-reuse:2 end"]);
  });

  it("reports a refusal at the RST, and an unanswered attempt only when it is let go", () => {
    expect(eventsOf("refused").map(describeEvent)).to.deep.equal(["2 handshake refused:1 refused", "0 closed refused:1 end"]);
    expect(eventsOf("unanswered").map(describeEvent)).to.deep.equal([
      "0 handshake unanswered:1 unanswered",
      "0 closed unanswered:1 end",
    ]);
  });

  it("releases idle connections: with a 0.5 s limit, each of the SYNs sent 1 s apart is alone", () => {
    const seen = eventsOf("unanswered", { idleSeconds: 0.5 });
    const closed = seen.filter((s) => s.event.type === "closed").map(describeEvent);
    expect(closed).to.deep.equal(["2 closed unanswered:1 idle", "3 closed unanswered:2 idle", "4 closed unanswered:3 idle", "0 closed unanswered:4 end"]);
  });

  it("caps open connections: the older of two concurrent connections is let go, with one warning", () => {
    const [, second] = expectedOf("concurrent").map((e) => e.frames[0]);
    const seen = eventsOf("concurrent", { maxOpen: 1 });
    const warnings = seen.filter((s) => s.event.type === "warning");
    expect(warnings.map((s) => s.line)).to.deep.equal([second]);
    expect(describeEvent(seen.find((s) => s.event.type === "closed")!)).to.equal(`${second} closed concurrent:1 cap`);
  });

  it("caps the memory open connections hold: with room for less than one, the second of two concurrent ones lets the first go, with one warning", () => {
    const [, second] = expectedOf("concurrent").map((e) => e.frames[0]);
    // a connection's own record is 68 numbers (544 bytes) and its first block of segments 81 (648)
    const seen = eventsOf("concurrent", { maxHeldBytes: 1000 });
    const warnings = seen.filter((s) => s.event.type === "warning");
    expect(warnings.map((s) => [s.line, s.event.type === "warning" && s.event.message])).to.deep.equal([
      [second, "open connections holding more than 1000 bytes: releasing the least recently active ones early (their later packets start new connections)"],
    ]);
    expect(describeEvent(seen.find((s) => s.event.type === "closed")!)).to.equal(`${second} closed concurrent:1 cap`);
  });

  it("holds no more connections than are open, and keeps none for end() when told not to", () => {
    const tracker = new ConnectionTracker("concurrent", { retain: false });
    const held: number[] = [];
    let closed = 0;
    for (const p of packetsOf("concurrent", "nn")) {
      closed += tracker.push(p).filter((e) => e.type === "closed").length;
      held.push(tracker.tracked);
    }
    closed += tracker.flush().filter((e) => e.type === "closed").length;
    expect(Math.max(...held)).to.equal(2);
    expect([closed, tracker.tracked, tracker.end()]).to.deep.equal([2, 0, []]);
  });
});
