// One scope's summary of a coverage run: the decile table, the headline (people in the most
// deprived deciles no scheme reaches), the gap list and the fairness figures.

import type { CoverageSummary, Headline, LsoaFigures } from './coverage-summary-types';
import { decileTable } from './decile-table';
import { fairness } from './fairness';
import { findGaps } from './gaps';

export const DEFAULT_GAP_DECILE = 2;

export function summarizeCoverage(
  figures: LsoaFigures,
  options: {
    /** Deciles 1..gapDecile count as most deprived, for the headline, gaps and fairness. */
    gapDecile?: number;
    nearestKm: (lsoas: readonly number[]) => ArrayLike<number>;
  },
): CoverageSummary {
  const gapDecile = options.gapDecile ?? DEFAULT_GAP_DECILE;
  const deciles = decileTable(figures);
  const deprived = deciles.filter((row) => row.decile <= gapDecile);
  const people = deprived.reduce((sum, row) => sum + row.people, 0);
  const peopleUncovered = deprived.reduce((sum, row) => sum + row.people - row.coveredPeople, 0);
  const headline: Headline = {
    gapDecile,
    people,
    peopleUncovered,
    shareUncovered: people > 0 ? peopleUncovered / people : null,
  };
  return {
    deciles,
    headline,
    gaps: findGaps(figures, gapDecile, options.nearestKm),
    fairness: fairness(figures, deciles, gapDecile),
  };
}
