// What the coverage slice asks of the coverage worker, and what it gets back. The store depends on
// this interface only; src/worker implements it over comlink, and the unit tests with a fake.
// Plain data (typed arrays where large), so everything crosses the worker boundary as is.

import type { CoverageRule } from '../core/coverage-rule';
import type { AreaWideSummary, CoverageSummary } from '../core/coverage-summary-types';
import type { SchemeProblem } from '../core/coverage-types';
import type { IndicatorKey } from '../core/indicators';
import type { LonLat, ReachDefaults, Scheme, SchemeKind } from '../core/scheme';
import type { GapDefinition } from '../core/gap-definition';
import type { AreaWideMode, Placement } from '../core/placement';
import type { SchemeFilter } from '../core/scheme-filter';
import type { Bounds, Scope } from '../core/scope';
import type { Dataset, SchemeStats } from '../data/dataset';
import type { ColumnMeaning } from '../data/import/columns';
import type { ImportFormat, ImportProblem } from '../data/import/import-problem';
import type { AreaStats } from '../core/area-stats';
import type { AreaDefinition, TargetArea } from '../core/target-area';

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
  /** Tables: place each row by the finest location any of its columns gives (table-schemes.ts). */
  preferFinest?: boolean;
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
  /** Points read as transport stops (NaPTAN columns, or the user said so). */
  stops: number;
  /** How many schemes each placement (placement.ts) gives, finest first. */
  placements: [Placement, number][];
  /** Schemes located no finer than a district: area-wide. */
  areaWide: number;
  preferFinest: boolean;
  /**
   * When most schemes would be area-wide: how many the file's other location columns would place
   * more finely (read with preferFinest), and by what; null when not worth asking or already on.
   */
  finer: { schemes: number; locatedBy: [string, number][] } | null;
}

export type ImportOutcome = { kind: 'ready'; preview: ImportPreview } | { kind: 'refused'; message: string };

/** Confirms an import: the worker keeps its schemes (ids made unique against the datasets named). */
export interface TakeRequest {
  token: number;
  name: string;
  /** Hashes of the datasets in the workspace. */
  existing: string[];
}

/** An import confirmed: what the page keeps of it (the schemes stay in the worker, under `hash`). */
export interface ImportTaken {
  format: ImportFormat;
  problems: ImportProblem[];
  hash: string;
  locatedBy: [string, number][];
  stats: SchemeStats;
  /** The box around the schemes, for the map to fit them (null: none could be placed). */
  bounds: Bounds | null;
  /** Why the schemes could not be stored in the browser (they stay open until the page closes). */
  saveError: string | null;
}

/** A change to one dataset's schemes (drawn or edited by hand). */
export type SchemeChange = { kind: 'add'; scheme: Scheme } | { kind: 'update'; scheme: Scheme } | { kind: 'remove'; id: string };

export interface EditRequest {
  /** The dataset's hash; null for a new dataset. */
  hash: string | null;
  change: SchemeChange;
}

export type EditOutcome = { kind: 'done'; hash: string; stats: SchemeStats; saveError: string | null } | { kind: 'failed'; message: string };

/** One scheme of a run, for the map's popup and the edit form. */
export interface SchemeFound {
  scheme: Scheme;
  /** Hash of the dataset it belongs to. */
  datasetHash: string;
}

export type WorkspaceExport = { kind: 'done'; bytes: ArrayBuffer } | { kind: 'failed'; message: string };

/** `areas` null: the file has none (older files). */
export type WorkspaceOpened = { kind: 'done'; datasets: Dataset[]; themes: string[]; areas: TargetArea[] | null; saveError: string | null } | { kind: 'failed'; message: string };

export interface ImportProgress {
  phase: 'preparing' | 'reading';
  done: number | null;
}

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
export type NearestOutcome =
  | { kind: 'done' | 'cancelled'; measured: Float64Array }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

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

/** The coverage worker as the store sees it. */
export interface CoverageClient {
  previewImport(request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>;
  /** Keeps the confirmed import's schemes (null when the worker no longer holds the import). */
  takeImport(request: TakeRequest): Promise<ImportTaken | null>;
  discardImport(token: number): void;
  run(request: RunRequest, onProgress: (progress: RunProgress) => void): Promise<RunOutcome>;
  summarize(request: SummaryRequest): Promise<SummaryOutcome>;
  measureNearest(request: NearestRequest, onProgress: (progress: NearestProgress) => void): Promise<NearestOutcome>;
  /** Stops the run or measurement with this id at its next check. */
  cancel(id: number): void;
  /** Vector tile z/x/y of the run's schemes (src/worker/scheme-tiles.ts; null: empty, or the run is no longer held). */
  schemeTile(key: string, z: number, x: number, y: number, colours: string[]): Promise<ArrayBuffer | null>;
  /** Scheme `index` of the run with this key (null when the worker no longer holds the run). */
  schemeAt(key: string, index: number): Promise<SchemeFound | null>;
  /** Adds, changes or removes one scheme of a dataset: a new set under a new hash. */
  editSchemes(request: EditRequest): Promise<EditOutcome>;
  /** The workspace file (src/data/workspace-file.ts) for these datasets, as UTF-8. */
  exportWorkspace(datasets: Dataset[], exportedAt: string, themes: string[], areas: TargetArea[]): Promise<WorkspaceExport>;
  /** Reads a workspace file; its schemes are kept in the worker, its datasets returned. */
  openWorkspace(bytes: ArrayBuffer, name: string): Promise<WorkspaceOpened>;
  /** The sets the page may still need (datasets, and those undo could bring back); the rest are forgotten (and removed from storage when `fromStorage`). */
  retain(hashes: string[], fromStorage: boolean): void;
  /** Who lives in a target area, how deprived it is, what reaches it (a newer request cancels an older). */
  areaReport(request: AreaRequest): Promise<AreaOutcome>;
  /** The area's LSOAs under a rule (for a lasso, or to draw them), ascending. */
  areaLsoas(definition: AreaDefinition, rule: CoverageRule): Promise<Uint32Array | null>;
  /** Polygons to export for an area: its shapes, or its LSOAs' outlines. */
  areaPolygons(definition: AreaDefinition): Promise<LonLat[][][] | null>;
}
