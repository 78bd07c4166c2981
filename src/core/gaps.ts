// The gaps: LSOAs in scope, in the most deprived deciles, that no scheme reaches (or that the
// fewest reach: gap-definition.ts); and the gap list, most deprived first, each with its level of
// reach and how far away the nearest scheme is.

import type { GapLsoa, LsoaFigures } from './coverage-summary-types';
import { gapCut, type GapCut, type GapDefinition } from './gap-definition';

/**
 * A scope's gaps: its LSOAs in deciles 1..gapDecile (`deprived`, in the scope's order), and those
 * of them that are gaps by the definition. The one place the summary and the area report find them.
 */
export function gapsIn(
  scope: readonly number[],
  deciles: ArrayLike<number>,
  gapDecile: number,
  definition: GapDefinition,
  /** Per LSOA: how many counted schemes reach it. */
  count: ArrayLike<number>,
): { deprived: number[]; cut: GapCut } {
  const deprived = scope.filter((i) => deciles[i]! <= gapDecile);
  return { deprived, cut: gapCut(definition, deprived, count) };
}

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
