// Does the money follow deprivation? Share of £ reaching the most deprived deciles against their
// share of people, and the concentration index (and its curve) over every LSOA in scope.

import { concentrationCurve } from './concentration-curve';
import { concentrationIndex, type RankedArea } from './concentration-index';
import type { DecileRow, Fairness, LsoaFigures } from './coverage-summary-types';

export function fairness(figures: LsoaFigures, table: readonly DecileRow[], mostDeprivedDeciles: number): Fairness {
  const deprived = table.filter((row) => row.decile <= mostDeprivedDeciles);
  const sum = (rows: readonly DecileRow[], key: 'allocatedGbp' | 'people') => rows.reduce((total, row) => total + row[key], 0);
  const allocatedGbp = sum(table, 'allocatedGbp');
  const people = sum(table, 'people');
  const areas: RankedArea[] = figures.scope.map((i) => ({ rank: figures.ranks[i]!, people: figures.population[i]!, gbp: figures.allocatedGbp[i]! }));
  return {
    allocatedGbp,
    mostDeprivedDeciles,
    shareOfGbp: allocatedGbp > 0 ? sum(deprived, 'allocatedGbp') / allocatedGbp : null,
    shareOfPeople: people > 0 ? sum(deprived, 'people') / people : null,
    concentrationIndex: concentrationIndex(areas),
    concentrationCurve: concentrationCurve(areas),
  };
}
