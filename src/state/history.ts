// One undo history for every subject, like Placemark's "moments": each undoable change (a dataset
// deleted, a scheme drawn or edited, a workspace file opened, any change to the target areas, the
// council's themes) records one moment, made of steps that each say how one subject was before and
// after. Undo applies the steps' "before" in reverse order, redo their "after"
// (orchestration/undo.ts); Ctrl+Z, Ctrl+Shift+Z and the panels' Undo buttons all go through it.
// Changes that are not undoable (hiding a dataset, an import) are not recorded: the dataset steps
// therefore name the dataset they change (by id and field), so they still apply after them.

import type { Dataset } from '../data/dataset';
import type { TargetArea } from '../core/target-area';
import type { Slide } from '../core/view-snapshot';

/** Moments kept. */
export const HISTORY_LIMIT = 100;

export type DatasetsChange =
  | { kind: 'delete'; dataset: Dataset; index: number }
  /** All the datasets at once (a workspace file opened). */
  | { kind: 'replace'; before: readonly Dataset[]; after: readonly Dataset[] }
  /** A dataset's schemes edited: a new set under a new hash (before null: the edit made the dataset). */
  | { kind: 'schemes'; datasetId: string; before: Pick<Dataset, 'hash' | 'stats'> | null; after: Dataset };

export type Step =
  | { subject: 'datasets'; change: DatasetsChange }
  /** `replacing`: all the areas at once (a workspace file): nothing stays selected, the tool stops. */
  | { subject: 'areas'; before: readonly TargetArea[]; after: readonly TargetArea[]; replacing?: boolean }
  | { subject: 'themes'; before: readonly string[]; after: readonly string[] }
  | { subject: 'slides'; before: readonly Slide[]; after: readonly Slide[] };

export type Subject = Step['subject'];

export interface Moment {
  /** What the change was, in words ("Deleted routes.geojson"). */
  label: string;
  /** The workspace file this moment opened, if that is what it was. */
  opened?: { name: string };
  steps: readonly Step[];
}

export interface HistoryState {
  /** Moments to undo, newest last. */
  past: readonly Moment[];
  /** Moments undone, to redo, newest last. */
  future: readonly Moment[];
}

export const EMPTY_HISTORY: HistoryState = { past: [], future: [] };

/** The history with a new moment: nothing is left to redo. */
export function pushMoment(history: HistoryState, moment: Moment): HistoryState {
  return { past: [...history.past, moment].slice(-HISTORY_LIMIT), future: [] };
}

/** Every dataset a moment names (before or after), for the worker to keep their schemes. */
export function datasetsInHistory(history: HistoryState): Dataset[] {
  const found: Dataset[] = [];
  for (const moment of [...history.past, ...history.future]) {
    for (const step of moment.steps) {
      if (step.subject !== 'datasets') continue;
      const change = step.change;
      switch (change.kind) {
        case 'delete':
          found.push(change.dataset);
          break;
        case 'replace':
          found.push(...change.before, ...change.after);
          break;
        case 'schemes':
          found.push(change.after);
          if (change.before) found.push({ ...change.after, ...change.before });
          break;
      }
    }
  }
  return found;
}

/** The history with every areas step's lists passed through `change` (the saved areas read late). */
export function mapAreaSteps(history: HistoryState, change: (list: readonly TargetArea[]) => readonly TargetArea[]): HistoryState {
  const mapMoment = (moment: Moment): Moment => ({
    ...moment,
    steps: moment.steps.map((step) => (step.subject === 'areas' ? { ...step, before: change(step.before), after: change(step.after) } : step)),
  });
  return { past: history.past.map(mapMoment), future: history.future.map(mapMoment) };
}

type WithHistory = { history: HistoryState };

export const canUndo = (state: WithHistory): boolean => state.history.past.length > 0;
export const canRedo = (state: WithHistory): boolean => state.history.future.length > 0;

const newest = (state: WithHistory): Moment | undefined => state.history.past[state.history.past.length - 1];

/** Whether the next undo changes this subject (an "Undo" beside that subject's last change). */
export function undoTouches(state: WithHistory, subject: Subject): boolean {
  return newest(state)?.steps.some((step) => step.subject === subject) ?? false;
}

// The selectors below return values held in the history, so a panel re-renders only when they change.

/** The dataset the next undo brings back, when it is a deletion ("Deleted X. Undo"). */
export function undoableDeletion(state: WithHistory): { dataset: Dataset; index: number } | null {
  const steps = newest(state)?.steps ?? [];
  const step = steps.length === 1 ? steps[0] : undefined;
  return step?.subject === 'datasets' && step.change.kind === 'delete' ? step.change : null;
}

/** The workspace file the next undo closes again ("Opened X. Undo"). */
export function undoableOpen(state: WithHistory): { name: string } | null {
  return newest(state)?.opened ?? null;
}
