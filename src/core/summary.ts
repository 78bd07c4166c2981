// One scope's summary of a coverage run: the decile table, the headline (people in the most
// deprived deciles in gaps: LSOAs no counted scheme reaches, or the fewest reach), the gap list,
// the fairness figures and the area-wide schemes that bear on the scope.

import type { AreaWideSummary, CoverageSummary, Headline, LsoaFigures } from './coverage-summary-types';
import { decileTable } from './decile-table';
import { fairness } from './fairness';
import { DEFAULT_GAP_DEFINITION, type GapDefinition } from './gap-definition';
import { gapList, gapsIn } from './gaps';
import type { AreaWideFigures } from './run-figures';

export const DEFAULT_GAP_DECILE = 2;

/** The run's area-wide schemes, each area marked by whether it overlaps the scope. */
export function areaWideSummary(areaWide: AreaWideFigures, scope: readonly number[], lsoaCount: number): AreaWideSummary | null {
  if (areaWide.groups.length === 0) return null;
  const inScope = new Uint8Array(lsoaCount);
  for (const i of scope) inScope[i] = 1;
  const areas = areaWide.groups.map((group) => ({
    codes: group.codes,
    placement: group.placement,
    count: group.count,
    amountGbp: group.amountGbp,
    inScope: group.lsoas.some((i) => inScope[i] === 1),
  }));
  const within = areas.filter((area) => area.inScope);
  return {
    mode: areaWide.mode,
    count: areaWide.count,
    amountGbp: areaWide.amountGbp,
    inScope: { count: within.reduce((sum, a) => sum + a.count, 0), amountGbp: within.reduce((sum, a) => sum + a.amountGbp, 0) },
    areas,
  };
}

export function summarizeCoverage(
  figures: LsoaFigures,
  options: {
    /** Deciles 1..gapDecile count as most deprived, for the headline, gaps and fairness. */
    gapDecile?: number;
    /** Which deprived LSOAs are gaps (unreached by default). */
    definition?: GapDefinition;
    nearestKm: (lsoas: readonly number[]) => ArrayLike<number>;
    /** The run's area-wide schemes (run-figures.ts), reported for the areas that overlap the scope. */
    areaWide?: AreaWideFigures;
  },
): CoverageSummary {
  const gapDecile = options.gapDecile ?? DEFAULT_GAP_DECILE;
  const definition = options.definition ?? DEFAULT_GAP_DEFINITION;
  const deciles = decileTable(figures);
  const deprivedRows = deciles.filter((row) => row.decile <= gapDecile);
  const people = deprivedRows.reduce((sum, row) => sum + row.people, 0);
  const peopleUncovered = deprivedRows.reduce((sum, row) => sum + row.people - row.coveredPeople, 0);
  const { deprived, cut } = gapsIn(figures.scope, figures.deciles, gapDecile, definition, figures.count);
  const gapPeople = cut.lsoas.reduce((sum, i) => sum + figures.population[i]!, 0);
  const headline: Headline = {
    definition,
    gapDecile,
    lsoas: deprived.length,
    people,
    peopleUncovered,
    shareUncovered: people > 0 ? peopleUncovered / people : null,
    gapLsoas: cut.lsoas.length,
    gapPeople,
    shareInGaps: people > 0 ? gapPeople / people : null,
    reachCut: cut.reachCut,
    allEqual: cut.allEqual,
  };
  return {
    deciles,
    headline,
    gaps: gapList(figures, cut.lsoas, options.nearestKm),
    fairness: fairness(figures, deciles, gapDecile),
    areaWide: options.areaWide ? areaWideSummary(options.areaWide, figures.scope, figures.population.length) : null,
  };
}
