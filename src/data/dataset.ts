// One imported file's schemes, as the workspace keeps them.

import type { Scheme } from '../core/scheme';
import type { ImportFormat, ImportProblem } from './import/import-problem';

export interface Dataset {
  id: string;
  name: string;
  format: ImportFormat;
  /** Swatch in the list, so datasets can be told apart. */
  colour: string;
  visible: boolean;
  schemes: Scheme[];
  /** What the importer said, row by row (skipped rows and notes). */
  problems: ImportProblem[];
  hash: string;
  importedAt: string;
  /** How many schemes each kind of location placed (tables). */
  locatedBy: [string, number][];
}
