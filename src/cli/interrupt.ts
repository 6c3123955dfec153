import { EXIT } from "./errors.js";

/**
 * On a live pipe (`tcpdump -l ... | hs-report`), Ctrl-C reaches both programs: the first one
 * ends hs-report's standard input as if tcpdump had closed it, so the connections still open
 * are flushed and the report (table or JSON document) is complete; a second one leaves at
 * once. Returns the function that takes the handler away when the input has ended.
 */
export function endInputOnInterrupt(): () => void {
  const onInterrupt = () => {
    process.once("SIGINT", () => process.exit(EXIT.interrupted));
    process.stdin.push(null);
  };
  process.once("SIGINT", onInterrupt);
  return () => process.off("SIGINT", onInterrupt);
}
