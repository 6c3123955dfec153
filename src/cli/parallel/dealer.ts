import type { PacketRecord } from "../../records/types.js";
import { ownerOfText } from "./partition.js";
import type { InputMessage } from "./protocol.js";
import { BY_PARSE, RecordPacker } from "./record-pack.js";

/**
 * Deals every record to every worker, in order (protocol.ts): the TCP records a worker owns, or
 * may need, in full; of the others, the stamp. A worker needs every record in full until it says
 * it has settled, and records whose owner the text does not tell are parsed by every worker.
 */
export class RecordDealer {
  private readonly packers: RecordPacker[];
  private readonly settled: boolean[];
  /** Records dealt so far (for the progress line). */
  records = 0;

  constructor(private readonly ways: number) {
    this.packers = Array.from({ length: ways }, () => new RecordPacker());
    this.settled = this.packers.map(() => false);
  }

  deal(record: PacketRecord): void {
    this.records++;
    if (record.kind !== "tcp") {
      for (const p of this.packers) p.other(record);
      return;
    }
    const owner = ownerOfText(record.text, this.ways) ?? BY_PARSE;
    for (let i = 0; i < this.ways; i++) this.packers[i].tcp(record, owner, owner === i || owner === BY_PARSE || !this.settled[i]);
  }

  /** Worker `index` has settled: from now on it gets only the stamps of others' records. */
  settle(index: number): void {
    this.settled[index] = true;
  }

  /** Whether records were dealt since the last take (every worker has the same ones). */
  get empty(): boolean {
    return this.packers[0].empty;
  }

  /** The message of worker `index`'s records dealt since the last take. */
  take(index: number): InputMessage {
    return { kind: "records", ...this.packers[index].take() };
  }
}
