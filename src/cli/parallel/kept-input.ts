/**
 * The chunks of standard input as the main thread reads them, kept until the run is known to
 * stream: a parallel run whose first packet names an interface (`-i any`) is read by one reader
 * (json-capture.ts), and standard input cannot be read twice. At most `cap` bytes are kept: text
 * with no TCP packet in it (other protocols, noise) must not pile up in memory on a live pipe.
 */
export class KeptInput {
  private readonly source: AsyncIterator<Buffer>;
  private kept: Buffer[] | undefined = [];
  private bytes = 0;
  /** Set when more than `cap` bytes came before release(): the start is lost. */
  overflowed = false;

  constructor(
    stream: AsyncIterable<Buffer>,
    private readonly cap: number,
  ) {
    this.source = stream[Symbol.asyncIterator]();
  }

  /** The chunks as they come, each kept until release() (or the cap). */
  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of this.rest()) {
      this.keep(chunk);
      yield chunk;
    }
  }

  /** The run streams: nothing needs reading again. */
  release(): void {
    this.kept = undefined;
  }

  /** The input from its start (unless overflowed): the chunks kept, then the rest of the source. */
  async *replay(): AsyncGenerator<Buffer> {
    yield* this.kept ?? [];
    yield* this.rest();
  }

  /**
   * What the source has not given yet. Taken by hand, not with for-await on the source: leaving
   * that loop early would close the stream, and a replay reads on where the chunks stopped.
   */
  private async *rest(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }

  /** Stops reading the source (a file read again from its start instead). */
  async close(): Promise<void> {
    await this.source.return?.();
  }

  private keep(chunk: Buffer): void {
    if (!this.kept) return;
    this.bytes += chunk.length;
    if (this.bytes > this.cap) {
      this.kept = undefined;
      this.overflowed = true;
    } else {
      this.kept.push(chunk);
    }
  }
}
