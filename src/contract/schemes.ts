// The datasets' schemes as the worker holds them: edits by hand (each a new set under a new hash),
// one scheme of a run found for its popup, and the workspace file written and read.

import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Dataset, SchemeStats } from '../data/dataset';

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

