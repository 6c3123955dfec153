/**
 * The input's chunks as the main thread reads them, kept until the run is known to stream: until
 * the first packet, a parallel run may still have to be read by one reader (json-capture.ts), and
 * standard input cannot be read twice.
 */
export class KeptInput {
  private readonly source: AsyncIterator<Buffer>;
  private kept: Buffer[] | undefined = [];

  constructor(stream: AsyncIterable<Buffer>) {
    this.source = stream[Symbol.asyncIterator]();
  }

  /** The chunks as they come, each kept until release(). */
  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      this.kept?.push(next.value);
      yield next.value;
    }
  }

  /** The run streams: nothing needs reading again. */
  release(): void {
    this.kept = undefined;
  }

  /** The input from its start: the chunks kept, then the rest of the source. */
  async *replay(): AsyncGenerator<Buffer> {
    yield* this.kept ?? [];
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }
}
