// The coverage slice: the schemes file the user opened, the rule and gap decile they chose, and
// what the coverage worker made of them. The actions drive the worker through a CoverageClient:
// a new file or rule runs coverage again (a newer run cancels the older); a new scope, indicator
// or gap decile only re-summarises the run the worker holds; the distances to the nearest scheme
// are then measured for the gap rows shown.

import type { StateCreator } from 'zustand/vanilla';
import type { CoverageSummary } from '../core/coverage-summary-types';
import type { CoverageRule, Scheme } from '../core/scheme';
import { sameScope } from '../core/scope';
import { DEFAULT_GAP_DECILE } from '../core/summary';
import { formatSchemeReadProblem, type SchemeReadProblem } from '../data/read-schemes-geojson';
import type { CoverageClient, CoverageRun, RunPhase, SummaryView } from './coverage-protocol';
import type { AppState } from './store';

/** The gap list shows this many rows; their distances to the nearest scheme are measured. */
export const GAP_ROWS_SHOWN = 200;

export type CoverageStatus =
  | { kind: 'idle'; note: string | null }
  /** Downloading and indexing the LSOA boundaries (the first run only). */
  | { kind: 'preparing'; startedAt: number; done: number | null }
  | { kind: 'running'; startedAt: number; phase: Exclude<RunPhase, 'preparing'>; done: number | null }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };

export type SchemesFileStatus =
  | { kind: 'none' }
  | { kind: 'reading'; name: string }
  /** The file could not be used; whatever was loaded before stays. */
  | { kind: 'failed'; name: string; message: string; problems: SchemeReadProblem[] };

export interface Measuring {
  startedAt: number;
  done: number;
  total: number;
}

/** A run with what it was computed from, so tables can say so while a newer one runs. */
export interface CoverageResultState {
  run: CoverageRun;
  datasetName: string;
}

export interface CoverageState {
  /** The file the schemes came from. */
  datasetName: string | null;
  schemes: readonly Scheme[];
  schemesHash: string | null;
  /** What the reader said about the file's features, one by one. */
  readProblems: readonly SchemeReadProblem[];
  file: SchemesFileStatus;
  rule: CoverageRule;
  gapDecile: number;
  showGaps: boolean;
  showSchemes: boolean;
  status: CoverageStatus;
  result: CoverageResultState | null;
  /** The result summarised for a scope, indicator and gap decile. */
  summary: { view: SummaryView; summary: CoverageSummary } | null;
  /** Distances (km) to the nearest scheme measured after the summary, by LSOA. */
  nearestKm: ReadonlyMap<number, number>;
  measuring: Measuring | null;
  /** Why distances are missing (cancelled, failed); null otherwise. */
  measureNote: string | null;
}

export type PanelTab = 'details' | 'coverage';

export interface CoverageSlice {
  coverage: CoverageState;
  openSchemesFile: (file: File) => Promise<void>;
  setCoverageRule: (rule: CoverageRule) => void;
  setGapDecile: (decile: number) => void;
  /** Runs coverage for the current schemes and rule (again, after a cancel or failure). */
  runCoverage: () => void;
  /** Stops the run or distance measuring in progress. */
  cancelCoverage: () => void;
  /** Measures the distances not measured yet (after a cancel). */
  measureGapDistances: () => void;
  setShowGaps: (show: boolean) => void;
  setShowSchemes: (show: boolean) => void;
  /** Re-summarises for the current scope, indicator and gap decile (no new coverage run). */
  refreshCoverageSummary: () => void;
}

export const INITIAL_COVERAGE: CoverageState = {
  datasetName: null,
  schemes: [],
  schemesHash: null,
  readProblems: [],
  file: { kind: 'none' },
  rule: { kind: 'intersects' },
  gapDecile: DEFAULT_GAP_DECILE,
  showGaps: true,
  showSchemes: true,
  status: { kind: 'idle', note: null },
  result: null,
  summary: null,
  nearestKm: new Map(),
  measuring: null,
  measureNote: null,
};

export function coverageView(state: Pick<AppState, 'scope' | 'indicator' | 'coverage'>): SummaryView {
  return { scope: state.scope, indicator: state.indicator, gapDecile: state.coverage.gapDecile };
}

export function sameView(a: SummaryView, b: SummaryView): boolean {
  return sameScope(a.scope, b.scope) && a.indicator === b.indicator && a.gapDecile === b.gapDecile;
}

export function sameRule(a: CoverageRule, b: CoverageRule): boolean {
  return a.kind === b.kind && (a.kind !== 'share' || (b.kind === 'share' && a.share === b.share));
}

/** The gaps whose distance is still to be measured, among the rows shown, in list order. */
export function gapsToMeasure(summary: CoverageSummary, measured: ReadonlyMap<number, number>): number[] {
  return summary.gaps
    .slice(0, GAP_ROWS_SHOWN)
    .filter((gap) => Number.isNaN(gap.nearestKm) && !measured.has(gap.index))
    .map((gap) => gap.index);
}

/** Km to the nearest scheme for a gap: measured with the summary or since; undefined if not yet. */
export function gapNearestKm(gap: { index: number; nearestKm: number }, measured: ReadonlyMap<number, number>): number | undefined {
  return Number.isNaN(gap.nearestKm) ? measured.get(gap.index) : gap.nearestKm;
}

const GEOJSON_NAME = /\.(geo)?json$/i;

/** What to tell the user when a file cannot be used: what happened, and what to do. */
export function fileFailureMessage(name: string, problems: readonly SchemeReadProblem[], previous: string | null): string {
  const reasons = problems.filter((p) => p.severity === 'error').map(formatSchemeReadProblem);
  const what =
    !GEOJSON_NAME.test(name) && reasons.some((r) => r.includes('not valid JSON'))
      ? `${name} is not a GeoJSON file. GapMap reads schemes from GeoJSON (.geojson or .json) for now; export the layer as GeoJSON (EPSG:4326) and open that.`
      : `${name} could not be used. ${reasons.length === 1 ? reasons[0] : 'None of its features could be used (see the list below).'} Fix the file and open it again.`;
  return previous ? `${what} The schemes from ${previous} are still loaded.` : what;
}

type Deps = { coverage?: CoverageClient | undefined };

export const coverageSlice =
  (deps: Deps): StateCreator<AppState, [], [], CoverageSlice> =>
  (set, get) => {
    let seq = 0;
    let readSeq = 0;
    let runId: number | null = null;
    let summaryId: number | null = null;
    let measureId: number | null = null;

    const patch = (changes: Partial<CoverageState>) => set((state) => ({ coverage: { ...state.coverage, ...changes } }));
    const unavailable = 'Coverage cannot run in this browser (it needs Web Workers). Try an up-to-date Edge, Chrome or Firefox.';

    const stopMeasuring = () => {
      if (measureId !== null) deps.coverage?.cancel(measureId);
      measureId = null;
    };

    const startRun = () => {
      const client = deps.coverage;
      const { coverage } = get();
      const { schemesHash, schemes, rule, datasetName } = coverage;
      if (schemesHash === null || schemes.length === 0 || datasetName === null) return;
      if (!client) return patch({ status: { kind: 'failed', message: unavailable } });
      if (runId !== null) client.cancel(runId);
      stopMeasuring();
      summaryId = null;
      const id = ++seq;
      runId = id;
      const startedAt = Date.now();
      patch({ status: { kind: 'running', startedAt, phase: 'coverage', done: null }, measuring: null, measureNote: null });
      const view = coverageView(get());
      client
        .run({ id, schemesHash, schemes: [...schemes], rule, view }, (progress) => {
          if (runId !== id) return;
          patch({
            status:
              progress.phase === 'preparing'
                ? { kind: 'preparing', startedAt, done: progress.done }
                : { kind: 'running', startedAt, phase: progress.phase, done: progress.done },
          });
        })
        .then((outcome) => {
          if (runId !== id) return;
          runId = null;
          switch (outcome.kind) {
            case 'done': {
              const previous = get().coverage.result;
              patch({
                status: { kind: 'ready' },
                result: { run: outcome.run, datasetName },
                summary: { view: outcome.view, summary: outcome.summary },
                nearestKm: previous?.run.key === outcome.run.key ? get().coverage.nearestKm : new Map(),
              });
              if (!sameView(outcome.view, coverageView(get()))) get().refreshCoverageSummary();
              else measure();
              return;
            }
            case 'cancelled':
              patch({ status: { kind: 'idle', note: 'The coverage run was stopped.' } });
              return;
            case 'failed':
              patch({ status: { kind: 'failed', message: outcome.message } });
              return;
          }
        })
        .catch((error: unknown) => {
          if (runId !== id) return;
          runId = null;
          patch({ status: { kind: 'failed', message: workerFailure(error) } });
        });
    };

    const measure = () => {
      const client = deps.coverage;
      const { coverage } = get();
      if (!client || !coverage.result || !coverage.summary) return;
      const lsoas = gapsToMeasure(coverage.summary.summary, coverage.nearestKm);
      stopMeasuring();
      if (lsoas.length === 0) {
        patch({ measuring: null, measureNote: null });
        return;
      }
      const id = ++seq;
      measureId = id;
      const key = coverage.result.run.key;
      patch({ measuring: { startedAt: Date.now(), done: 0, total: lsoas.length }, measureNote: null });
      client
        .measureNearest({ id, key, lsoas }, (progress) => {
          if (measureId !== id) return;
          const current = get().coverage;
          patch({
            nearestKm: withMeasured(current.nearestKm, progress.measured),
            measuring: { startedAt: current.measuring?.startedAt ?? Date.now(), done: progress.done, total: progress.total },
          });
        })
        .then((outcome) => {
          if (measureId !== id) return;
          measureId = null;
          switch (outcome.kind) {
            case 'done':
              patch({ measuring: null, nearestKm: withMeasured(get().coverage.nearestKm, outcome.measured) });
              return;
            case 'missing':
              patch({ measuring: null });
              return;
            case 'cancelled':
              patch({
                measuring: null,
                measureNote: 'Distances were not measured: stopped.',
                nearestKm: withMeasured(get().coverage.nearestKm, outcome.measured),
              });
              return;
            case 'failed':
              patch({ measuring: null, measureNote: `Distances could not be measured: ${outcome.message}` });
              return;
          }
        })
        .catch((error: unknown) => {
          if (measureId !== id) return;
          measureId = null;
          patch({ measuring: null, measureNote: workerFailure(error) });
        });
    };

    return {
      coverage: INITIAL_COVERAGE,

      openSchemesFile: async (file) => {
        const client = deps.coverage;
        const previous = get().coverage.datasetName;
        if (!client) {
          patch({ file: { kind: 'failed', name: file.name, message: unavailable, problems: [] } });
          return;
        }
        const readId = ++readSeq;
        patch({ file: { kind: 'reading', name: file.name } });
        let read: Awaited<ReturnType<CoverageClient['readSchemes']>>;
        try {
          read = await client.readSchemes(file);
        } catch (error) {
          read = { ok: false, problems: [{ severity: 'error', message: workerFailure(error) }] };
        }
        if (readId !== readSeq) return; // A newer file was chosen meanwhile.
        if (!read.ok) {
          patch({ file: { kind: 'failed', name: file.name, message: fileFailureMessage(file.name, read.problems, previous), problems: read.problems } });
          return;
        }
        patch({ datasetName: file.name, schemes: read.schemes, schemesHash: read.hash, readProblems: read.problems, file: { kind: 'none' } });
        startRun();
      },

      setCoverageRule: (rule) => {
        if (sameRule(rule, get().coverage.rule)) return;
        patch({ rule });
        startRun();
      },

      setGapDecile: (decile) => {
        if (!Number.isInteger(decile) || decile < 1 || decile > 10 || decile === get().coverage.gapDecile) return;
        patch({ gapDecile: decile });
        get().refreshCoverageSummary();
      },

      runCoverage: startRun,

      cancelCoverage: () => {
        if (runId !== null) {
          deps.coverage?.cancel(runId);
          runId = null;
          patch({ status: { kind: 'idle', note: 'The coverage run was stopped.' } });
        }
        if (measureId !== null) {
          stopMeasuring();
          patch({ measuring: null, measureNote: 'Distances were not measured: stopped.' });
        }
      },

      measureGapDistances: measure,

      setShowGaps: (show) => patch({ showGaps: show }),
      setShowSchemes: (show) => patch({ showSchemes: show }),

      refreshCoverageSummary: () => {
        const client = deps.coverage;
        const { coverage } = get();
        // A run in progress summarises for the view current when it ends.
        if (!client || !coverage.result || runId !== null) return;
        const view = coverageView(get());
        if (coverage.summary && sameView(coverage.summary.view, view)) return;
        stopMeasuring();
        const id = ++seq;
        summaryId = id;
        const key = coverage.result.run.key;
        client
          .summarize({ id, key, view })
          .then((outcome) => {
            if (summaryId !== id) return;
            summaryId = null;
            switch (outcome.kind) {
              case 'done':
                patch({ summary: { view: outcome.view, summary: outcome.summary }, measuring: null, measureNote: null });
                measure();
                return;
              case 'missing':
                startRun();
                return;
              case 'failed':
                patch({ status: { kind: 'failed', message: outcome.message } });
                return;
            }
          })
          .catch((error: unknown) => {
            if (summaryId !== id) return;
            summaryId = null;
            patch({ status: { kind: 'failed', message: workerFailure(error) } });
          });
      },
    };
  };

/** A copy of `known` with LSOA, km pairs added. */
export function withMeasured(known: ReadonlyMap<number, number>, measured: ArrayLike<number>): ReadonlyMap<number, number> {
  if (measured.length === 0) return known;
  const next = new Map(known);
  for (let k = 0; k + 1 < measured.length; k += 2) next.set(measured[k]!, measured[k + 1]!);
  return next;
}

function workerFailure(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The coverage calculation stopped unexpectedly (${detail}). Reload the page and try again; if it happens again, note what you opened and report it.`;
}
