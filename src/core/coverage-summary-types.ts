// The figures a coverage run is summarised into for one scope (England, a region, a county, a
// district or any list of LSOAs), by decile of the chosen indicator. Plain data, so the worker can
// post it and the CLI can write it.

import type { GapDefinition } from './gap-definition';
import type { AreaWideMode, Placement } from './placement';

export interface LsoaFigures {
  /** LSOA indices in the scope. */
  scope: readonly number[];
  population: ArrayLike<number>;
  /** Per LSOA: the indicator's decile 1..10 (decodeDeciles of AttributesFile.deciles[indicator]). */
  deciles: ArrayLike<number>;
  /** The indicator's ranks from DetailsFile.ranks (1 = most deprived). */
  ranks: ArrayLike<number>;
  /** Per LSOA: how many schemes reach it. */
  count: ArrayLike<number>;
  /** Per LSOA: allocated £ (see allocate.ts). */
  allocatedGbp: ArrayLike<number>;
  /** Per LSOA: distinct transport services and stops reaching it (run-figures.ts); 0 when absent. */
  services?: ArrayLike<number>;
  stops?: ArrayLike<number>;
}

export interface DecileRow {
  decile: number;
  lsoas: number;
  people: number;
  coveredLsoas: number;
  coveredPeople: number;
  /** Of the decile's LSOAs in scope; null when the scope has none in this decile. */
  shareLsoasCovered: number | null;
  sharePeopleCovered: number | null;
  allocatedGbp: number;
  /** Null when the decile has no people in scope. */
  gbpPerHead: number | null;
}

export interface Headline {
  /** Which LSOAs are gaps: none reaches them, or the fewest do (gap-definition.ts). */
  definition: GapDefinition;
  /** Deciles 1..gapDecile count as "most deprived". */
  gapDecile: number;
  /** LSOAs and people in scope in deciles 1..gapDecile. */
  lsoas: number;
  people: number;
  /** Of those, people in LSOAs no counted scheme reaches. */
  peopleUncovered: number;
  /** peopleUncovered / people; null when there is nobody in those deciles in scope. */
  shareUncovered: number | null;
  /** The gaps by the definition: LSOAs, people, and their share of the people in deciles 1..gapDecile. */
  gapLsoas: number;
  gapPeople: number;
  shareInGaps: number | null;
  /** Underserved: gaps are reached by at most this many schemes (null: unreached, or no deprived LSOA). */
  reachCut: number | null;
  /** Underserved: every deprived LSOA in scope is reached by as many schemes as the others. */
  allEqual: boolean;
}

/** Area-wide schemes (placement.ts) as they bear on one scope. */
export interface AreaWideSummary {
  /** separate: apart from the figures (the default); count: counted as reaching every LSOA of their area. */
  mode: AreaWideMode;
  /** All area-wide schemes of the run (usable, not proposed). */
  count: number;
  amountGbp: number;
  /** Those recorded for an area that overlaps the scope. */
  inScope: { count: number; amountGbp: number };
  /** By area, largest amount first. */
  areas: { codes: string[]; placement: Placement; count: number; amountGbp: number; inScope: boolean }[];
}

export interface GapLsoa {
  index: number;
  rank: number;
  decile: number;
  people: number;
  /** Its level of reach: schemes, distinct transport services and stops reaching it, £ allocated. */
  count: number;
  services: number;
  stops: number;
  allocatedGbp: number;
  /** Km to the nearest counted footprint; Infinity when there is none. */
  nearestKm: number;
}

export interface Fairness {
  /** £ allocated to LSOAs in scope. */
  allocatedGbp: number;
  /** Deciles 1..mostDeprivedDeciles are compared against the rest. */
  mostDeprivedDeciles: number;
  /** Share of the scope's allocated £ reaching those deciles; null when nothing was allocated. */
  shareOfGbp: number | null;
  /** Share of the scope's people living in them; null when the scope has no people. */
  shareOfPeople: number | null;
  /** Population-weighted concentration index of £ per head by rank (docs/coverage.md); negative = pro-deprived. */
  concentrationIndex: number | null;
  /**
   * The concentration curve behind that index (concentration-curve.ts): LSOAs from most deprived,
   * cumulative share of people against cumulative share of £, from (0,0) to (1,1), at most
   * CURVE_POINTS points. Null when the index is.
   */
  concentrationCurve: ConcentrationCurve | null;
}

/** Matching arrays of cumulative shares (0..1), people[k] with gbp[k]; people never decreases. */
export interface ConcentrationCurve {
  people: number[];
  gbp: number[];
}

export interface CoverageSummary {
  deciles: DecileRow[];
  headline: Headline;
  /** Gap LSOAs (by headline.definition) in deciles 1..gapDecile, most deprived first. */
  gaps: GapLsoa[];
  fairness: Fairness;
  /** Null when the run has no area-wide scheme. */
  areaWide: AreaWideSummary | null;
}
