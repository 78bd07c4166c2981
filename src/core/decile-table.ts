// Coverage and money by decile (1 = most deprived 10% of England's LSOAs) within a scope.

import type { DecileRow, LsoaFigures } from './coverage-summary-types';

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function decileTable(figures: Omit<LsoaFigures, 'ranks'>): DecileRow[] {
  const rows = Array.from({ length: 10 }, (_, d) => ({
    decile: d + 1,
    lsoas: 0,
    people: 0,
    coveredLsoas: 0,
    coveredPeople: 0,
    allocatedGbp: 0,
  }));
  for (const i of figures.scope) {
    const row = rows[figures.deciles[i]! - 1]!;
    const people = figures.population[i]!;
    row.lsoas += 1;
    row.people += people;
    if (figures.count[i]! > 0) {
      row.coveredLsoas += 1;
      row.coveredPeople += people;
    }
    row.allocatedGbp += figures.allocatedGbp[i]!;
  }
  return rows.map((row) => ({
    ...row,
    shareLsoasCovered: ratio(row.coveredLsoas, row.lsoas),
    sharePeopleCovered: ratio(row.coveredPeople, row.people),
    gbpPerHead: ratio(row.allocatedGbp, row.people),
  }));
}
