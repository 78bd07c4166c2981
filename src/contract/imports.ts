// Imports as the page and the coverage worker exchange them: a file read for the user to check
// (the preview), then confirmed (taken) or discarded. The worker holds the file and its schemes.

import type { ReachDefaults, Scheme } from '../core/scheme';
import type { Placement } from '../core/placement';
import type { Bounds } from '../core/scope';
import type { SchemeStats } from '../data/dataset';
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

export interface ImportProgress {
  phase: 'preparing' | 'reading';
  done: number | null;
}
