// Progress of the import, the run and the distance measurement, shown only when the work is slow
// enough to notice; Cancel for long runs; a failed run and what to do about it.

import './coverage.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useReducer, useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import type { CoverageState } from '../state/slices/coverage-state';
import { useAppState, useAppStore } from './use-store';

/** Progress shows after this long; the Cancel button after SHOW_CANCEL_MS. */
const SHOW_PROGRESS_MS = 300;
const SHOW_CANCEL_MS = 3000;

/** Shows its children only once they have been wanted for SHOW_PROGRESS_MS (no flicker on quick work). */
export function Delayed({ children }: { children: ComponentChildren }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), SHOW_PROGRESS_MS);
    return () => clearTimeout(timer);
  }, []);
  return shown ? children : null;
}

/** Milliseconds since `startedAt`, re-rendering when progress and Cancel are due. */
function useElapsed(startedAt: number | null): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (startedAt === null) return;
    const timers = [SHOW_PROGRESS_MS, SHOW_CANCEL_MS]
      .map((due) => due - (Date.now() - startedAt))
      .filter((wait) => wait > 0)
      .map((wait) => setTimeout(tick, wait + 10, 0));
    return () => timers.forEach(clearTimeout);
  }, [startedAt]);
  return startedAt === null ? 0 : Date.now() - startedAt;
}

function progressText(coverage: CoverageState): { text: string; done: number | null; startedAt: number; counted?: boolean } | null {
  const { status, measuring } = coverage;
  switch (status.kind) {
    case 'preparing':
      return { text: 'Preparing LSOA boundaries…', done: status.done, startedAt: status.startedAt };
    case 'running':
      return status.phase === 'coverage'
        ? { text: 'Finding the LSOAs each scheme reaches…', done: status.done, startedAt: status.startedAt }
        : { text: 'Summarising by decile…', done: null, startedAt: status.startedAt };
    default:
      return measuring
        ? {
            text: `Measuring how far each gap is from the nearest scheme: ${formatCount(measuring.done)} of ${formatCount(measuring.total)} gaps…`,
            done: measuring.total > 0 ? measuring.done / measuring.total : null,
            counted: true,
            startedAt: measuring.startedAt,
          }
        : null;
  }
}

export function RunStatus() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const progress = progressText(coverage);
  const elapsed = useElapsed(progress?.startedAt ?? null);
  const { status } = coverage;
  const labelId = useId();
  if (progress) {
    if (elapsed < SHOW_PROGRESS_MS) return null;
    return (
      <div class="coverage-progress" role="group" aria-label="Progress">
        <p role="status" id={labelId}>
          {progress.text}
          {progress.done !== null && !progress.counted && ` ${Math.floor(progress.done * 100)}%`}
        </p>
        <progress aria-labelledby={labelId} max={1} {...(progress.done !== null ? { value: progress.done } : {})} />
        {elapsed >= SHOW_CANCEL_MS && (
          <button type="button" class="button-secondary" onClick={() => store.getState().cancelCoverage()}>
            Cancel
          </button>
        )}
      </div>
    );
  }
  if (status.kind === 'failed') {
    return (
      <div class="error-summary" role="alert">
        <h4>Coverage could not be worked out</h4>
        <p>{status.message}</p>
        <button type="button" class="button" onClick={() => store.getState().runCoverage()}>
          Try again
        </button>
      </div>
    );
  }
  if (status.kind === 'idle' && status.note && coverage.schemeCount > 0) {
    return (
      <div class="coverage-note" role="status">
        <p>
          {status.note} {coverage.result ? 'The results below are from the last complete run.' : ''}
        </p>
        <button type="button" class="button" onClick={() => store.getState().runCoverage()}>
          Work out coverage
        </button>
      </div>
    );
  }
  return null;
}
