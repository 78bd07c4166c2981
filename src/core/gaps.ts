// The gap list: LSOAs in scope, in the most deprived deciles, that no scheme reaches, most deprived
// first, each with how far away the nearest scheme is.

import type { GapLsoa, LsoaFigures } from './coverage-summary-types';

export function findGaps(
  figures: LsoaFigures,
  gapDecile: number,
  /** Km from each listed LSOA to the nearest usable footprint (nearestFootprintKm, bound to the run). */
  nearestKm: (lsoas: readonly number[]) => ArrayLike<number>,
): GapLsoa[] {
  const gaps = figures.scope.filter((i) => figures.count[i] === 0 && figures.deciles[i]! <= gapDecile);
  // Rank first; ties (the supplementary indices have a few) in code order, which is index order.
  gaps.sort((a, b) => figures.ranks[a]! - figures.ranks[b]! || a - b);
  const km = gaps.length > 0 ? nearestKm(gaps) : [];
  return gaps.map((index, k) => ({
    index,
    rank: figures.ranks[index]!,
    decile: figures.deciles[index]!,
    people: figures.population[index]!,
    nearestKm: km[k] ?? Infinity,
  }));
}
