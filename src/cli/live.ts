import type { Connection } from "../connections/types.js";
import { styleFor } from "../render/colors.js";
import { endpointText } from "../connections/endpoint.js";
import { connectionTable, rttText } from "../render/summary.js";
import { readCapture } from "./capture.js";
import { endInputOnInterrupt } from "./interrupt.js";
import type { Options } from "./args.js";
import { EXIT } from "./errors.js";

/** Rows kept for the closing table of a live run: the most recent ones (memory stays bounded). */
const TABLE_ROWS = 1000;

/**
 * `tcpdump -l ... | hs-report`: one line per handshake as it completes or fails, and the table
 * of connections at the end of input or on Ctrl-C. Closed connections are released as they
 * go, so memory is bounded by the open ones and the table's last rows.
 */
export async function liveReport(opts: Options): Promise<number> {
  const style = styleFor(process.stdout);
  const recent: Connection[] = [];
  let shown = 0;
  const printTable = () => {
    const note = shown > recent.length ? ` (the last ${recent.length} of ${shown})` : "";
    process.stdout.write(`\nConnections${note}:\n${recent.length ? connectionTable(recent, style) : "  none\n"}`);
  };
  const stopHandling = endInputOnInterrupt();
  const capture = await readCapture("-", "conn", {
    retain: false,
    onEvent(event) {
      if (event.type === "handshake") {
        const c = event.connection;
        const rtt = rttText(c);
        process.stdout.write(
          `${c.start ?? ""} ${c.id} ${endpointText(c.client)} -> ${endpointText(c.server)} handshake ${c.handshake.status}${rtt ? ` (${rtt} ms)` : ""}\n`,
        );
      } else if (event.type === "closed") {
        shown++;
        recent.push(event.connection);
        if (recent.length > TABLE_ROWS) recent.shift();
      } else if (event.type === "warning") {
        process.stderr.write(`hs-report: line ${event.line}: ${event.message}\n`);
      }
    },
  });
  stopHandling();
  printTable();
  return opts.strict && capture.stats.errors > 0 ? EXIT.lineErrors : EXIT.ok;
}
