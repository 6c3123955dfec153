/** The outcome of the lab's checks: each named, passed or failed, with what was seen. */
export interface CheckOutcome {
  scenario: string;
  name: string;
  ok: boolean;
  detail: string;
}

export class CheckResults {
  readonly outcomes: CheckOutcome[] = [];

  constructor(private readonly scenario: string) {}

  /** Record one check; `detail` says what was compared (shown for failures, and with --verbose). */
  check(name: string, ok: boolean, detail: string): boolean {
    this.outcomes.push({ scenario: this.scenario, name, ok, detail });
    return ok;
  }

  /** Equality of two JSON-able values, the detail showing both. */
  equal(name: string, actual: unknown, expected: unknown): boolean {
    const a = JSON.stringify(actual, sortedKeys);
    const e = JSON.stringify(expected, sortedKeys);
    return this.check(name, a === e, a === e ? a : `got ${a}, expected ${e}`);
  }

  get failed(): CheckOutcome[] {
    return this.outcomes.filter((o) => !o.ok);
  }
}

/** JSON.stringify replacer that orders object keys, so equal objects print equal. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
