// Undo and redo: the store's two actions over the one history (../history.ts). A moment's steps
// are applied backwards in reverse order (undo) or forwards in order (redo), each by the slice of
// its subject; applying them forwards is also how a change made here is first done.

import type { Step } from '../history';
import type { SliceCreator } from '../slices/context';
import type { AppState } from '../store';

export interface UndoActions {
  /** Takes back the newest change of any subject (Ctrl+Z). */
  undo: () => void;
  /** Does again the change undone last (Ctrl+Shift+Z, Ctrl+Y). */
  redo: () => void;
}

/** Applies one step of a moment through the slice of its subject. */
export function applyStep(state: AppState, step: Step, direction: 'undo' | 'redo'): void {
  const forward = direction === 'redo';
  switch (step.subject) {
    case 'datasets':
      state.applyDatasetsChange(step.change, direction);
      return;
    case 'areas':
      state.restoreAreas(forward ? step.after : step.before, step.replacing);
      return;
    case 'themes':
      state.restoreThemes(forward ? step.after : step.before);
      return;
    case 'slides':
      state.restoreSlides(forward ? step.after : step.before);
      return;
  }
}

export const undoActions: SliceCreator<UndoActions> =
  ({ rewriteHistory }) =>
  (_set, get) => {
    const step = (direction: 'undo' | 'redo') => {
      const { past, future } = get().history;
      const from = direction === 'undo' ? past : future;
      const moment = from[from.length - 1];
      if (!moment) return;
      rewriteHistory((history) =>
        direction === 'undo'
          ? { past: history.past.slice(0, -1), future: [...history.future, moment] }
          : { past: [...history.past, moment], future: history.future.slice(0, -1) },
      );
      const steps = direction === 'undo' ? [...moment.steps].reverse() : moment.steps;
      for (const each of steps) applyStep(get(), each, direction);
    };
    return { undo: () => step('undo'), redo: () => step('redo') };
  };
