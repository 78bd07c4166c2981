// What every slice is made with: the store's dependencies, the one request helper, the one undo
// history and the worker's sets of schemes. A slice owns one subject: it writes only its own
// fields and calls only its own actions; anything that spans subjects is in ../orchestration.

import type { StateCreator } from 'zustand/vanilla';
import { CalculatorStopped } from '../../contract';
import type { HistoryState, Moment } from '../history';
import type { Requests } from '../requests';
import type { SchemeSets } from '../scheme-sets';
import type { AppState, StoreDeps } from '../store';
import type { CoverageState } from './coverage-state';
import type { AreasState } from './areas-state';

export interface StoreContext {
  deps: StoreDeps;
  requests: Requests;
  /** Records an undoable change as one moment of the history (nothing is left to redo). */
  record: (moment: Moment) => void;
  /** Changes the moments themselves (the saved areas arriving after some were made). */
  rewriteHistory: (change: (history: HistoryState) => HistoryState) => void;
  schemeSets: SchemeSets;
}

export type SliceCreator<T> = (context: StoreContext) => StateCreator<AppState, [], [], T>;

type Set = Parameters<StateCreator<AppState, [], [], unknown>>[0];

/** Writes some of `state.coverage` (each coverage slice passes only its own fields). */
export const coveragePatcher =
  <Own extends Partial<CoverageState>>(set: Set) =>
  (changes: Own) =>
    set((state) => ({ coverage: { ...state.coverage, ...changes } }));

/** Writes some of `state.areas` (each areas slice passes only its own fields). */
export const areasPatcher =
  <Own extends Partial<AreasState>>(set: Set) =>
  (changes: Own) =>
    set((state) => ({ areas: { ...state.areas, ...changes } }));

export const UNAVAILABLE = 'Coverage cannot run in this browser (it needs Web Workers). Try an up-to-date Edge, Chrome or Firefox.';

/** Why a call to the worker failed, for the user: the client's own words when the worker stopped (naming the file it read). */
export function workerFailure(error: unknown): string {
  if (error instanceof CalculatorStopped) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `The coverage calculation stopped unexpectedly (${detail}). Reload the page and try again; if it happens again, note what you opened and report it.`;
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
