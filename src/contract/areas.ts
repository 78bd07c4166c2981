// Target areas as the page and the worker exchange them: a file of areas read (for the preview),
// and an area's report: who lives there, how deprived it is, and what reaches it under a rule.

import type { AreaStats } from '../core/area-stats';
import type { CoverageRule } from '../core/coverage-rule';
import type { AreaWideSummary } from '../core/coverage-summary-types';
import type { GapDefinition } from '../core/gap-definition';
import type { IndicatorKey } from '../core/indicators';
import type { Scheme } from '../core/scheme';
import type { AreaDefinition } from '../core/target-area';

/** A file of areas read by the worker: the areas for the preview, with notes, or why it was refused. */
export type { AreasRead } from '../data/area-file';

/** A target area's figures under a rule, with the schemes of a run (when one is shown) reaching it. */
export interface AreaRequest {
  id: number;
  definition: AreaDefinition;
  rule: CoverageRule;
  /** The run whose schemes are counted (null: no schemes shown). */
  runKey: string | null;
  indicator: IndicatorKey;
  gapDecile: number;
  /** Which of its deprived LSOAs are gaps (unreached, or the least served within the area). */
  gaps: GapDefinition;
  /** Count the proposed schemes too (the what-if). */
  includeProposed: boolean;
}

/** A scheme reaching an area, for its list. */
export interface AreaScheme {
  /** Index in the run (for its popup). */
  index: number;
  name: string;
  kind: Scheme['kind'];
  funder: string | null;
  amountGbp: number | null;
  proposed: boolean;
}

/** How many of the schemes reaching an area are listed (largest amounts first); all are counted. */
export const AREA_SCHEMES_LISTED = 200;

export interface AreaReport {
  /** LSOA indices in the area, ascending. */
  lsoas: Uint32Array;
  stats: AreaStats;
  /** Schemes reaching the area, largest amounts first (the first AREA_SCHEMES_LISTED). */
  schemes: AreaScheme[];
  /** LSOAs of the area in deciles ≤ gapDecile that are gaps by the request's definition; null without a run. */
  gaps: Uint32Array | null;
  /** Shapes or codes that could not be used, in plain English. */
  notes: string[];
  /** The run's area-wide schemes, marked by whether their area overlaps this one; null without any. */
  areaWide: AreaWideSummary | null;
  millis: number;
}

export type AreaOutcome = { kind: 'done'; report: AreaReport } | { kind: 'cancelled' } | { kind: 'failed'; message: string };
