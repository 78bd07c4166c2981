// The coverage worker as the page sees it. Its calls are the worker's own functions
// (src/worker/coverage-api.ts), each written once: their types are derived here, every call
// answering through a promise that fails if the worker crashed or could not load, except the few
// whose failure is handled otherwise, named in CALL_FAILURES.

import type { CoverageApi } from '../worker/coverage-api';

/** How a call's failure reaches the page where it does not simply reject its promise. */
export const CALL_FAILURES = {
  // Fire and forget: the page does not wait, and a failure changes nothing it shows.
  cancel: 'ignored',
  discardImport: 'ignored',
  retain: 'ignored',
  // Tiles are asked for while the map draws: a crashed worker simply gives none.
  schemeTile: 'null',
} as const satisfies Partial<Record<keyof CoverageApi, 'ignored' | 'null'>>;

type Failures = typeof CALL_FAILURES;

/** The page's form of a worker call: the same arguments, the answer through a promise (or none). */
type ClientCall<K extends keyof CoverageApi> = CoverageApi[K] extends (...args: infer A) => infer R
  ? K extends keyof Failures
    ? Failures[K] extends 'ignored'
      ? (...args: A) => void
      : (...args: A) => Promise<Awaited<R> | null>
    : (...args: A) => Promise<Awaited<R>>
  : never;

/** The coverage worker as the store sees it (the unit tests give a fake). */
export type CoverageClient = { [K in keyof CoverageApi]: ClientCall<K> };
