// What the coverage slice asks of the coverage worker, and what it gets back. The store depends on
// this interface only; src/worker implements it over comlink, and the unit tests with a fake.
// Plain data (typed arrays where large), so everything crosses the worker boundary as is.

import type { CoverageSummary } from '../core/coverage-summary-types';
import type { SchemeProblem } from '../core/coverage-types';
import type { IndicatorKey } from '../core/indicators';
import type { CoverageRule, ReachDefaults, Scheme } from '../core/scheme';
import type { Scope } from '../core/scope';
import type { ColumnMeaning } from '../data/import/columns';
import type { ImportFormat, ImportProblem } from '../data/import/import-problem';

/**
 * Read a file for import (bytes, the first time) or read it again with other column meanings.
 * The worker keeps the file and its import under `token` until it is taken or discarded.
 */
export interface ImportRequest {
  token: number;
  name: string;
  bytes?: ArrayBuffer;
  meanings?: ColumnMeaning[];
  /** How far routes and points reach where the file does not say (DEFAULT_REACH when absent). */
  reach?: ReachDefaults;
}

/** How many listed problems a preview carries (the rest are counted; all go with the import). */
export const PREVIEW_PROBLEMS = 200;

/** What an import would add, for the user to check before anything changes. */
export interface ImportPreview {
  token: number;
  name: string;
  format: ImportFormat;
  /** Schemes the import would add. */
  schemes: number;
  /** Table rows read (tables only). */
  rows: number | null;
  /** Tables only: headers, the meaning of each column, and the first rows as read. */
  table: { headers: string[]; meanings: ColumnMeaning[]; sample: string[][] } | null;
  /** The first schemes as they would be imported. */
  sample: Scheme[];
  errors: number;
  warnings: number;
  /** Why rows are skipped, most frequent first (values left out, so like reasons group). */
  reasons: { reason: string; count: number }[];
  /** The first PREVIEW_PROBLEMS problems. */
  problems: ImportProblem[];
  /** How many schemes each kind of location placed. */
  locatedBy: [string, number][];
  /** The reach used where the file does not say, and how many schemes of each shape there are. */
  reach: ReachDefaults;
  shapes: { point: number; line: number; polygon: number; areas: number };
}

export type ImportOutcome = { kind: 'ready'; preview: ImportPreview } | { kind: 'refused'; message: string };

/** An import confirmed: everything it adds. */
export interface ImportTaken {
  format: ImportFormat;
  schemes: Scheme[];
  problems: ImportProblem[];
  hash: string;
  locatedBy: [string, number][];
}

export interface ImportProgress {
  phase: 'preparing' | 'reading';
  done: number | null;
}

/** What a summary is taken over: everything that changes it without changing the coverage. */
export interface SummaryView {
  scope: Scope;
  indicator: IndicatorKey;
  gapDecile: number;
}

export interface RunRequest {
  /** Increasing per client; a newer run cancels an older one still going. */
  id: number;
  schemesHash: string;
  schemes: readonly Scheme[];
  rule: CoverageRule;
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
  /** Cache key in the worker: schemes hash + rule. */
  key: string;
  schemesHash: string;
  rule: CoverageRule;
  /** Per LSOA: how many schemes reach it. */
  count: Uint32Array;
  /** Per LSOA: its population share of the reaching schemes' amounts (allocate.ts). */
  allocatedGbp: Float64Array;
  /** Compressed per-LSOA scheme lists (CoverageResult.lsoaStart / lsoaSchemes). */
  lsoaStart: Uint32Array;
  lsoaSchemes: Uint32Array;
  /** Schemes whose footprint could not be used, one by one. */
  problems: SchemeProblem[];
  /** Schemes read and used. */
  schemesRead: number;
  schemesUsed: number;
  /** Sum of the schemes' usable amounts (£). */
  amountGbp: number;
  millis: number;
  /** The schemes' points and other shapes as GeoJSON (UTF-8), feature id = scheme index + 1, for the map to load as files. */
  mapFeatures: { points: ArrayBuffer; shapes: ArrayBuffer };
}

export type RunOutcome =
  | { kind: 'done'; run: CoverageRun; view: SummaryView; summary: CoverageSummary }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface SummaryRequest {
  id: number;
  key: string;
  view: SummaryView;
}

/** Gaps whose nearest-scheme distance is not measured yet carry NaN (see measureNearest). */
export type SummaryOutcome =
  | { kind: 'done'; view: SummaryView; summary: CoverageSummary }
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
export type NearestOutcome =
  | { kind: 'done' | 'cancelled'; measured: Float64Array }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/** The coverage worker as the store sees it. */
export interface CoverageClient {
  previewImport(request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>;
  /** The confirmed import (null when the worker no longer holds it); the worker forgets it. */
  takeImport(token: number): Promise<ImportTaken | null>;
  discardImport(token: number): void;
  run(request: RunRequest, onProgress: (progress: RunProgress) => void): Promise<RunOutcome>;
  summarize(request: SummaryRequest): Promise<SummaryOutcome>;
  measureNearest(request: NearestRequest, onProgress: (progress: NearestProgress) => void): Promise<NearestOutcome>;
  /** Stops the run or measurement with this id at its next check. */
  cancel(id: number): void;
}
