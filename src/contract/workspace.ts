// The datasets' schemes as the worker holds them: edits by hand (each a new set under a new hash),
// and the workspace file written and read.

import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Slide } from '../core/view-snapshot';
import type { Dataset, SchemeStats } from '../data/dataset';

/** A change to one dataset's schemes (drawn or edited by hand). */
export type SchemeChange = { kind: 'add'; scheme: Scheme } | { kind: 'update'; scheme: Scheme } | { kind: 'remove'; id: string };

export interface EditRequest {
  /** The dataset's hash; null for a new dataset. */
  hash: string | null;
  change: SchemeChange;
}

export type EditOutcome = { kind: 'done'; hash: string; stats: SchemeStats; saveError: string | null } | { kind: 'failed'; message: string };

export type WorkspaceExport = { kind: 'done'; bytes: ArrayBuffer } | { kind: 'failed'; message: string };

/** `areas`, `slides` null: the file has none (older files). */
export type WorkspaceOpened =
  | { kind: 'done'; datasets: Dataset[]; themes: string[]; areas: TargetArea[] | null; slides: Slide[] | null; saveError: string | null }
  | { kind: 'failed'; message: string };
