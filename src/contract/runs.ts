// Coverage runs as the page and the worker exchange them: a run (schemes × rule × filter, cached
// by the worker), its summary for a view, and nearest-scheme distances measured on request.
// Plain data (typed arrays where large), so everything crosses the worker boundary as is.

import type { CoverageRule } from '../core/coverage-rule';
import type { CoverageSummary } from '../core/coverage-summary-types';
import type { SchemeProblem } from '../core/coverage-types';
import type { GapDefinition } from '../core/gap-definition';
import type { IndicatorKey } from '../core/indicators';
import type { AreaWideMode, Placement } from '../core/placement';
import type { SchemeKind } from '../core/scheme';
import type { SchemeFilter } from '../core/scheme-filter';
import type { Scope } from '../core/scope';

/** What a summary is taken over: everything that changes it without changing the coverage. */
export interface SummaryView {
  scope: Scope;
  indicator: IndicatorKey;
  gapDecile: number;
  /** Which deprived LSOAs are gaps: none reaches them, or the fewest do. */
  gaps: GapDefinition;
  /** A target area summarised instead of the scope (its LSOAs as its report found them). */
  area: SummaryArea | null;
}

export interface SummaryArea {
  id: string;
  name: string;
  /** Tells one version of the area from another (its name and LSOAs), so views compare by value. */
  key: string;
  /** LSOA indices, ascending. */
  lsoas: number[];
}

export interface RunRequest {
  /** Increasing per client; a newer run cancels an older one still going. */
  id: number;
  schemesHash: string;
  /** Hashes of the datasets shown, in order: their schemes, one after another, are the run's. */
  datasets: string[];
  /** Which of those schemes count (kind, funder, theme, period, amount). */
  filter: SchemeFilter;
  /** Hashes of the datasets marked proposed: their schemes (and any scheme marked proposed) are kept out of the current figures. */
  proposedDatasets: string[];
  rule: CoverageRule;
  /** Area-wide schemes (recorded only for a whole district, county or region): apart, or counted as reaching all of it. */
  areaWide: AreaWideMode;
  view: SummaryView;
}

export type RunPhase = 'preparing' | 'coverage' | 'summary';

export interface RunProgress {
  phase: RunPhase;
  /** Share done, 0..1; null when not known (a download of unknown size). */
  done: number | null;
}

/** Which LSOAs the schemes reach, under one rule: the per-LSOA arrays the map and tables use. */
export interface CoverageRun {
  /** Cache key in the worker: schemes hash + rule + filter. */
  key: string;
  schemesHash: string;
  /** The hashes of the datasets whose schemes these are, in order (a scheme's `dataset` in the map tiles is its position here). */
  datasets: string[];
  rule: CoverageRule;
  areaWide: AreaWideMode;
  /** Per LSOA: how many schemes reach it (counted schemes: proposed ones are apart, below; area-wide ones unless counted). */
  count: Uint32Array;
  /** Per LSOA: its population share of the reaching schemes' amounts (allocate.ts). */
  allocatedGbp: Float64Array;
  /** Per LSOA: distinct transport services and stops reaching it (run-figures.ts). */
  services: Uint32Array;
  stops: Uint32Array;
  /** Compressed per-LSOA scheme lists (CoverageResult.lsoaStart / lsoaSchemes). */
  lsoaStart: Uint32Array;
  lsoaSchemes: Uint32Array;
  /** Per LSOA: the dataset (position among those shown + 1; 0 none) of the first counted scheme naming areas that reaches it, for the map's tint in that dataset's colour. */
  areaDatasets: Uint16Array;
  /** Schemes whose footprint could not be used, one by one. */
  problems: SchemeProblem[];
  /** The same with the proposed schemes added (null when there are none): the what-if. */
  withProposed: { count: Uint32Array; allocatedGbp: Float64Array; services: Uint32Array; stops: Uint32Array } | null;
  /** Schemes marked proposed, among those read. */
  proposedSchemes: number;
  /** Sum of the proposed schemes' amounts (£). */
  proposedAmountGbp: number;
  /** Schemes read and used. */
  schemesRead: number;
  schemesUsed: number;
  /** Sum of the schemes' usable amounts (£). */
  amountGbp: number;
  /** Schemes read, by kind and by placement (placement.ts). */
  byKind: Partial<Record<SchemeKind, number>>;
  byPlacement: Partial<Record<Placement, number>>;
  millis: number;
}

export type RunOutcome =
  | { kind: 'done'; run: CoverageRun; view: SummaryView; summary: CoverageSummary; withProposed: CoverageSummary | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface SummaryRequest {
  id: number;
  key: string;
  view: SummaryView;
}

/** Gaps whose nearest-scheme distance is not measured yet carry NaN (see measureNearest). */
export type SummaryOutcome =
  | { kind: 'done'; view: SummaryView; summary: CoverageSummary; withProposed: CoverageSummary | null }
  /** The worker no longer holds this run (evicted from its cache): run again. */
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

export interface NearestRequest {
  id: number;
  key: string;
  /** LSOA indices to measure, in the order to measure them. */
  lsoas: readonly number[];
}

export interface NearestProgress {
  done: number;
  total: number;
  /** Newly measured: LSOA index, km (Infinity: no usable scheme), interleaved. */
  measured: Float64Array;
}

/**
 * `measured` repeats everything measured for the request (LSOA, km interleaved): progress comes
 * through a callback port of its own, so its last messages may arrive after the outcome.
 */
export type NearestOutcome = { kind: 'done' | 'cancelled'; measured: Float64Array } | { kind: 'missing' } | { kind: 'failed'; message: string };
