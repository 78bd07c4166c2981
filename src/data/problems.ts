// Loading and validation report problems as values, never by throwing at the user: each says
// which file, where, and what to fix.

export interface DataProblem {
  file: string;
  /** 1-based data row (the header is row 0), when the problem is in one row. */
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

export type Result<T> = { ok: true; value: T; problems: DataProblem[] } | { ok: false; problems: DataProblem[] };

export function formatProblem(problem: DataProblem): string {
  const where = [
    problem.file,
    problem.row !== undefined ? `row ${problem.row}` : undefined,
    problem.column !== undefined ? `column '${problem.column}'` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return `${where}: ${problem.message}`;
}

/**
 * Collects problems, listing at most `limitPerKind` of each kind and counting the rest, so a
 * file that is wrong on every row still gives a readable report.
 */
export class ProblemList {
  private readonly listed: DataProblem[] = [];
  private readonly perKind = new Map<string, { listed: number; dropped: number }>();

  constructor(
    private readonly file: string,
    private readonly limitPerKind = 10,
  ) {}

  add(kind: string, problem: Omit<DataProblem, 'file'>): void {
    const tally = this.perKind.get(kind) ?? { listed: 0, dropped: 0 };
    this.perKind.set(kind, tally);
    if (tally.listed >= this.limitPerKind) {
      tally.dropped += 1;
      return;
    }
    tally.listed += 1;
    this.listed.push({ file: this.file, ...problem });
  }

  get isEmpty(): boolean {
    return this.perKind.size === 0;
  }

  toArray(): DataProblem[] {
    const out = [...this.listed];
    for (const [kind, tally] of this.perKind) {
      if (tally.dropped > 0) {
        out.push({ file: this.file, message: `…and ${tally.dropped.toLocaleString('en-GB')} more rows with ${kind}` });
      }
    }
    return out;
  }
}
