// When the coverage worker stops: a call reading a user's file stuck or crashed (the page stops the
// worker, starts a fresh one and names the file), or another call lost to a crash. The page's
// client (src/worker/coverage-client.ts) fails the calls waiting with a CalculatorStopped whose
// message is meant for the user as it is; the store shows it instead of its generic failure.

import type { CoverageApi } from '../worker/coverage-api';

/**
 * How long a call reading a user's file may leave the worker without answering (a reader stuck in
 * one long stretch of work, such as a shape too complex to check) before the page stops it. The
 * worker answers while it waits for the network or yields between rows, so only a stuck reader
 * reaches it.
 */
export const FILE_READ_BUDGET_MS = 60_000;

/** The calls that read a user's file, and the file's name from their arguments. */
export const FILE_CALLS = {
  previewImport: (request) => request.name,
  takeImport: (request) => request.name,
  openWorkspace: (_bytes, name) => name,
  readAreasFile: (_bytes, name) => name,
} satisfies { [K in keyof CoverageApi]?: (...args: Parameters<CoverageApi[K]>) => string };

/** What every other call does, in words, to say what stopped when the worker did. */
export const CALL_WORDS: Record<Exclude<keyof CoverageApi, keyof typeof FILE_CALLS>, string> = {
  run: 'the coverage run',
  summarize: 'the coverage summary',
  measureNearest: 'measuring the distance to the nearest scheme',
  cancel: 'stopping a calculation',
  discardImport: 'dropping an import',
  retain: 'tidying the schemes kept',
  schemeTile: 'drawing the schemes',
  schemeAt: 'opening a scheme',
  editSchemes: 'saving the scheme',
  exportWorkspace: 'writing the workspace file',
  areaReport: 'working out the area’s figures',
  areaLsoas: 'finding the LSOAs of a shape',
  areaPolygons: 'exporting the area’s outlines',
  evidencePack: 'making the evidence pack',
};

/** Told to the page after the worker was replaced: why, and what it was doing. */
export interface WorkerRestart {
  /** The file being read when it was stopped; null when it crashed during another call. */
  file: string | null;
  /** The calls that were waiting (they failed with a CalculatorStopped). */
  during: (keyof CoverageApi)[];
}

/** A call failed because the worker stopped; `message` is for the user as it is. */
export class CalculatorStopped extends Error {
  override readonly name = 'CalculatorStopped';
}

const TOO_COMPLEX = 'the file may hold a shape too complex to read. Nothing was added; simplify it (e.g. mapshaper -simplify) or split it, and try again.';

/** A call reading `file` stopped: the reader was stuck for over the budget, or crashed. */
export function fileStoppedMessage(file: string, cause: { kind: 'stuck'; budgetMs: number } | { kind: 'crashed'; detail: string }): string {
  // Whole seconds in the app (60 s); the unit tests' budgets are milliseconds.
  const budget = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
  const why = cause.kind === 'stuck' ? `the reader was stuck on it for longer than ${budget(cause.budgetMs)}` : `the reader crashed (${cause.detail})`;
  return `GapMap stopped reading ${file}: ${why} — ${TOO_COMPLEX}`;
}

/** Another call lost when the worker stopped: what stopped, and that GapMap restarted its calculator. */
export function callStoppedMessage(what: string, cause: { file: string } | { detail: string }, restarted: boolean): string {
  if ('file' in cause) {
    return `${capitalised(what)} was stopped when GapMap restarted its calculator (it had stopped reading ${cause.file}); try again.`;
  }
  if (!restarted) {
    return `GapMap’s calculator stopped during ${what} (${cause.detail}) and has stopped several times, so it was not restarted again. Reload the page; if it happens again, note what you opened and report it.`;
  }
  return `GapMap’s calculator stopped during ${what} (${cause.detail}); GapMap restarted it, so try again. If it stops again, note what you opened and report it.`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
