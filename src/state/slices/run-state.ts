// The coverage run slice's state (coverage-run.ts): the rule and gap settings, what the map shows,
// the latest run, its summary and the distances measured for the gap rows.

import type { CoverageRule } from '../../core/coverage-rule';
import { DEFAULT_GAP_DEFINITION, type GapDefinition } from '../../core/gap-definition';
import type { LsoaColouring } from '../../core/lsoa-colouring';
import { DEFAULT_AREA_WIDE, type AreaWideMode } from '../../core/placement';
import { DEFAULT_GAP_DECILE } from '../../core/summary';
import type { CoverageRun, RunPhase, SummaryArea } from '../../contract';
import type { SummaryState } from './summary-view';

type CoverageStatus =
  | { kind: 'idle'; note: string | null }
  /** Downloading and indexing the LSOA boundaries (the first run only). */
  | { kind: 'preparing'; startedAt: number; done: number | null }
  | { kind: 'running'; startedAt: number; phase: Exclude<RunPhase, 'preparing'>; done: number | null }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };

interface Measuring {
  startedAt: number;
  done: number;
  total: number;
}

/** A run with what it was computed from, so tables can say so while a newer one runs. */
interface CoverageResultState {
  run: CoverageRun;
  /** The datasets it was computed from, as the tables name them. */
  datasetName: string;
}

export interface RunState {
  rule: CoverageRule;
  gapDecile: number;
  /** Which deprived LSOAs are gaps: none reaches them, or the fewest do. */
  gapDefinition: GapDefinition;
  /** Schemes recorded only for a whole district, county or region: apart (default) or counted as reaching all of it. */
  areaWide: AreaWideMode;
  showGaps: boolean;
  showSchemes: boolean;
  /** What the LSOAs are coloured by: deprivation, or (with a run) schemes, £ per head, or both. */
  colourBy: LsoaColouring;
  status: CoverageStatus;
  result: CoverageResultState | null;
  /**
   * The result summarised for a scope, indicator and gap decile: `summary` is the one shown (with
   * the proposed schemes when includeProposed), `current` and `withProposed` both, for the what-if.
   */
  summary: SummaryState | null;
  /** Whether the figures and map count the schemes marked proposed. */
  includeProposed: boolean;
  /** A target area the dashboard summarises instead of the scope (null: the scope). */
  areaScope: SummaryArea | null;
  /** Distances (km) to the nearest scheme measured after the summary, by LSOA. */
  nearestKm: ReadonlyMap<number, number>;
  measuring: Measuring | null;
  /** Why distances are missing (cancelled, failed); null otherwise. */
  measureNote: string | null;
}

export const INITIAL_RUN: RunState = {
  rule: { kind: 'intersects' },
  gapDecile: DEFAULT_GAP_DECILE,
  gapDefinition: DEFAULT_GAP_DEFINITION,
  areaWide: DEFAULT_AREA_WIDE,
  showGaps: true,
  showSchemes: true,
  colourBy: 'deprivation',
  status: { kind: 'idle', note: null },
  result: null,
  summary: null,
  includeProposed: false,
  areaScope: null,
  nearestKm: new Map(),
  measuring: null,
  measureNote: null,
};
