import type { Writable } from "node:stream";
import { packetOfScanned } from "../packets/index.js";
import { formatLineError, formatSummary } from "./diagnostics.js";
import { EXIT } from "./errors.js";
import { openInput } from "./input.js";
import { PendingText } from "./output.js";

/**
 * `hs-report packets [FILE|-]...`: JSON Lines, one object per TCP segment, in input order,
 * written as each batch of lines arrives (docs/packets.md). Lines of the common shape take the
 * fast lane (packets/lane.ts) unless `lane` is false (tests compare both ways).
 */
export async function packetsCommand(files: string[], strict: boolean, stdout: Writable = process.stdout, lane = true): Promise<number> {
  let errors = 0;
  for (const name of files) {
    const input = await openInput(name);
    const out = new PendingText();
    await input.run({
      event(event) {
        if (event.kind === "packet") out.add(JSON.stringify(event.packet) + "\n");
        else if (event.kind === "error") process.stderr.write(formatLineError(event.error));
      },
      scanned: lane ? (packet) => out.add(JSON.stringify(packetOfScanned(packet, input.name)) + "\n") : undefined,
      afterBatch: () => out.writeTo(stdout),
    });
    errors += input.reader.counts.errors;
    process.stderr.write(formatSummary(input));
  }
  return strict && errors > 0 ? EXIT.lineErrors : EXIT.ok;
}
