// One scheme of a run, found by its index in the run (the map's tiles carry it) for its popup.

import type { Scheme } from '../core/scheme';

/** One scheme of a run, for the map's popup and the edit form. */
export interface SchemeFound {
  scheme: Scheme;
  /** Hash of the dataset it belongs to. */
  datasetHash: string;
}
