// The per-LSOA coverage table a run exports: one row per LSOA at least one scheme reaches, in code
// order, with how many schemes, their summed amount and their ids (sorted, joined by ';').

import { schemeIdsAt } from '../core/allocate';
import type { CoverageResult } from '../core/coverage-types';
import type { Scheme } from '../core/scheme';

export const COVERAGE_CSV_HEADER = 'lsoa21cd,count,amount_gbp,ids';

/** Quotes a cell only when it must be (RFC 4180). */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Pounds to the penny, without trailing zeros: 1250, 1250.5, 0.33. */
function formatPounds(gbp: number): string {
  return String(Math.round(gbp * 100) / 100);
}

export function coverageCsv(
  codes: readonly string[],
  coverage: Pick<CoverageResult, 'lsoaStart' | 'lsoaSchemes'>,
  schemes: readonly Scheme[],
  /** Per LSOA: summed amount_gbp of the schemes reaching it (Allocation.amountGbp). */
  amountGbp: ArrayLike<number>,
  /** Only these LSOAs (a scope); all when absent. */
  within?: readonly number[],
  /** Per scheme: counted in the figures (run-figures.ts); all when absent. */
  counted?: readonly boolean[],
): string {
  const lsoas = (within ?? codes.map((_, i) => i)).filter((i) => coverage.lsoaStart[i + 1]! > coverage.lsoaStart[i]!);
  lsoas.sort((a, b) => (codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0));
  const lines = [COVERAGE_CSV_HEADER];
  for (const i of lsoas) {
    const ids = schemeIdsAt(coverage, schemes, i, counted);
    if (ids.length === 0) continue;
    lines.push([codes[i]!, String(ids.length), formatPounds(amountGbp[i]!), csvCell(ids.join(';'))].join(','));
  }
  return `${lines.join('\n')}\n`;
}
