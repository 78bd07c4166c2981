// The gap list: LSOAs in scope, in the most deprived deciles, that no scheme reaches (or that the
// fewest reach: gap-definition.ts), most deprived first, each with its level of reach and how far
// away the nearest scheme is.

import type { GapLsoa, LsoaFigures } from './coverage-summary-types';

export function gapList(
  figures: LsoaFigures,
  lsoas: readonly number[],
  /** Km from each listed LSOA to the nearest counted footprint (nearestFootprintKm, bound to the run). */
  nearestKm: (lsoas: readonly number[]) => ArrayLike<number>,
): GapLsoa[] {
  // Rank first; ties (the supplementary indices have a few) in code order, which is index order.
  const gaps = [...lsoas].sort((a, b) => figures.ranks[a]! - figures.ranks[b]! || a - b);
  const km = gaps.length > 0 ? nearestKm(gaps) : [];
  return gaps.map((index, k) => ({
    index,
    rank: figures.ranks[index]!,
    decile: figures.deciles[index]!,
    people: figures.population[index]!,
    count: figures.count[index]!,
    services: figures.services?.[index] ?? 0,
    stops: figures.stops?.[index] ?? 0,
    allocatedGbp: figures.allocatedGbp[index]!,
    nearestKm: km[k] ?? Infinity,
  }));
}
