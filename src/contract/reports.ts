// The evidence pack as the page asks the worker for it: the run (by key) and the view (scope or
// target area) the panel shows, and the words only the page holds (names, the data's vintage).
// The worker answers with the PDF's bytes, handed over rather than copied.

import type { SummaryView } from './runs';

export interface EvidencePackRequest {
  /** The cached run's key (CoverageRun.key). */
  key: string;
  view: SummaryView;
  /** The scope's or target area's name. */
  place: string;
  isEngland: boolean;
  /** The day the pack is made, yyyy-mm-dd (the page's, so the file name and the title page agree). */
  date: string;
  populationSource: string;
  /** When the data was built (the manifest's builtAt). */
  dataBuiltAt: string;
}

/** missing: the worker no longer holds the run (run again). */
export type EvidencePackOutcome = { kind: 'done'; bytes: Uint8Array } | { kind: 'missing' } | { kind: 'failed'; message: string };
