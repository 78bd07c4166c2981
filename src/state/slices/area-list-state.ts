// The areas slice's state (areas.ts): the target areas, which is selected, the panel's message,
// a file of areas being read or waiting to be added, and the tool the map draws or chooses with.

import type { TargetArea } from '../../core/target-area';
import type { ImportedArea } from '../../data/area-file';
import type { AreaTool } from './area-helpers';

type AreasImport = { kind: 'none' } | { kind: 'reading'; fileName: string } | { kind: 'preview'; fileName: string; areas: ImportedArea[]; notes: string[] };

export type AreaMessage = { tone: 'info' | 'error'; text: string } | null;

/** Saves the areas (IndexedDB in the app). */
export interface AreaStorage {
  load(): Promise<TargetArea[]>;
  save(areas: readonly TargetArea[]): Promise<void>;
  /** Hears another tab's changes: `apply` gets the areas as stored. */
  follow?(apply: (areas: TargetArea[]) => void): () => void;
}

export interface AreaListState {
  list: readonly TargetArea[];
  selectedId: string | null;
  /** A shape refused or repaired, an import's notes: said in the panel until the next change. */
  message: AreaMessage;
  saveError: string | null;
  /** A file of areas read and waiting for the user to add them (all or none), or being read. */
  importing: AreasImport;
  tool: AreaTool;
}

export const INITIAL_AREA_LIST: AreaListState = {
  list: [],
  selectedId: null,
  message: null,
  saveError: null,
  importing: { kind: 'none' },
  tool: { kind: 'none' },
};
