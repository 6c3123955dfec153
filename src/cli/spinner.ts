import type { Ora } from "ora";

/** How often the spinner's text is refreshed at most (records are counted far faster). */
const REFRESH_MS = 100;

/** Progress on stderr while a large file is read; does nothing unless it can show properly. */
export interface Progress {
  update(text: () => string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/**
 * An ora spinner, only when stderr is a terminal with a real width: never in pipes or CI, and
 * never on a terminal reporting 0 columns (ora 9.4 loops forever there: toolchain notes).
 * ora is loaded only then: pipes and pipelines do not pay for its memory.
 */
export async function startProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (!enabled || !stream.isTTY || !(stream.columns > 0) || process.env.CI) return SILENT;
  const { default: ora } = await import("ora");
  const spinner: Ora = ora({ stream, text: "reading" }).start();
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < REFRESH_MS) return;
      last = now;
      spinner.text = text();
    },
    stop() {
      spinner.stop();
    },
  };
}
