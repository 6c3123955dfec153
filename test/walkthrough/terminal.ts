/**
 * A real pseudo-terminal for the walkthrough tests: a private tmux server (its own socket, no
 * user configuration) running one command in an 80x40 window; keys go in with `send-keys`, the
 * screen and its scrollback come out with `capture-pane`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Repo root from dist/test/walkthrough/. */
export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

let sessions = 0;

export class Terminal {
  private readonly socket = `hs-report-walk-test-${process.pid}-${++sessions}`;

  /**
   * Starts `command` (a shell command line, run from the repo root); when it ends, the pane
   * shows `[exit N]` and stays, so the last screen and the exit code can be read.
   */
  constructor(command: string, cols = 80, rows = 40) {
    const shell = `${command}; echo "[exit $?]"; sleep 120`;
    this.tmux("-f", "/dev/null", "new-session", "-d", "-s", "walk", "-x", String(cols), "-y", String(rows), "-c", ROOT, shell);
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Key names as tmux knows them: `Enter`, `Down`, `C-c`, `C-d`. */
  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "walk", ...keys);
  }

  /** Text typed (or pasted) as it is. */
  type(text: string): void {
    this.tmux("send-keys", "-t", "walk", "-l", text);
  }

  /** Everything shown so far, scrollback included, wrapped lines joined, trailing blanks cut. */
  screen(): string {
    return this.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "walk")
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n");
  }

  /** Waits until the screen holds `text` `times` times; resolves to the screen. */
  async waitFor(text: string, times = 1, ms = 20000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (screen.split(text).length - 1 >= times) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)} (x${times}); the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Moves the cursor of the select prompt asked last (`message`) to the choice containing
   * `label`, and picks it: the choices are read off the screen, so the test does not depend on
   * their order.
   */
  async choose(message: string, label: string): Promise<void> {
    const screen = await this.waitFor(`? ${message}`);
    const lines = screen.slice(screen.lastIndexOf(`? ${message}`)).split("\n").slice(1);
    const choices = lines.slice(0, lines.findIndex((l) => !/^[❯ ] \S/.test(l)));
    const index = choices.findIndex((l) => l.includes(label));
    if (index < 0) throw new Error(`no choice with ${JSON.stringify(label)} in:\n${choices.join("\n")}`);
    const current = choices.findIndex((l) => l.startsWith("❯"));
    for (let i = current; i < index; i++) this.keys("Down");
    this.keys("Enter");
  }

  stop(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}
