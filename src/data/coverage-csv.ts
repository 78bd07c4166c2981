// The per-LSOA coverage table a run exports: one row per LSOA at least one scheme reaches, in code
// order, with how many schemes, their summed amount and their ids (sorted, joined by ';').

import { schemeIdsAt } from '../core/allocate';
import type { CoverageResult } from '../core/coverage-types';
import type { Scheme } from '../core/scheme';
import { type CsvCell, writeCsv } from './csv-writer';

export const COVERAGE_CSV_HEADER = 'lsoa21cd,count,amount_gbp,ids';

/** Pounds to the penny, without trailing zeros: 1250, 1250.5, 0.33. */
function roundPounds(gbp: number): number {
  return Math.round(gbp * 100) / 100;
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
  const rows: CsvCell[][] = [];
  for (const i of lsoas) {
    const ids = schemeIdsAt(coverage, schemes, i, counted);
    if (ids.length === 0) continue;
    rows.push([codes[i]!, ids.length, roundPounds(amountGbp[i]!), ids.join(';')]);
  }
  return `${writeCsv(COVERAGE_CSV_HEADER.split(','), rows, { newline: '\n' })}\n`;
}
