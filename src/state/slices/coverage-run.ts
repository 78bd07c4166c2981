// The coverage run slice: the rule, gap decile and definition, how area-wide and proposed schemes
// count, what the map shows, and what the worker made of the datasets shown: the latest run, its
// summary for the view (scope, indicator, gap decile, or a target area), and the distances to the
// nearest scheme measured afterwards for the gap rows. A change of rule reruns coverage (a newer
// run cancels the older); a change of view only re-summarises the run the worker holds.

import { sameRule, type CoverageRule } from '../../core/coverage-rule';
import type { GapDefinition } from '../../core/gap-definition';
import type { LsoaColouring } from '../../core/lsoa-colouring';
import type { AreaWideMode } from '../../core/placement';
import type { SummaryArea, WorkerRestart } from '../../contract';
import type { RunState } from './run-state';
import { coveragePatcher, UNAVAILABLE, workerFailure, type SliceCreator } from './context';
import { coverageView, gapsToMeasure, sameView, summaryState, withMeasured } from './summary-view';

export interface CoverageRunSlice {
  setCoverageRule: (rule: CoverageRule) => void;
  setGapDecile: (decile: number) => void;
  setGapDefinition: (definition: GapDefinition) => void;
  /** Counts area-wide schemes as reaching every LSOA of their area (an assumption), or leaves them apart. */
  setAreaWide: (mode: AreaWideMode) => void;
  /** Runs coverage for the current schemes and rule (again, after a cancel or failure). */
  runCoverage: () => void;
  /**
   * The worker was replaced (coverage-client.ts) and its runs are gone: the run shown is asked
   * for again, so the map and figures come back, unless a run was going when the worker crashed
   * (it may be what crashed it; its failure says so and Run again is the user's to choose).
   */
  recoverRun: (restart: WorkerRestart) => void;
  /** The datasets shown changed: coverage runs on them, or (none shown) the run is dropped. */
  followShownSchemes: () => void;
  /** Stops the run or distance measuring in progress. */
  cancelCoverage: () => void;
  /** Measures the distances not measured yet (after a cancel). */
  measureGapDistances: () => void;
  setShowGaps: (show: boolean) => void;
  setShowSchemes: (show: boolean) => void;
  setColourBy: (colouring: LsoaColouring) => void;
  /** Counts the proposed schemes in the figures and the map (the what-if), or not. */
  setIncludeProposed: (include: boolean) => void;
  /** Re-summarises for the current scope, indicator and gap decile (no new coverage run). */
  refreshCoverageSummary: () => void;
  /** Summarises a target area instead of the scope (null: back to the scope). */
  setAreaScope: (area: SummaryArea | null) => void;
  /**
   * The map's tile z/x/y of the schemes of the run with this key (null: none). `colours`: the run's datasets' colours in
   * order, written into the tile (the map draws each scheme in its dataset's).
   */
  schemeTile: (key: string, z: number, x: number, y: number, colours: readonly string[]) => Promise<ArrayBuffer | null>;
}

export const coverageRunSlice: SliceCreator<CoverageRunSlice> =
  ({ deps, requests }) =>
  (set, get) => {
    const patch = coveragePatcher<Partial<RunState>>(set);
    const cancel = (id: number) => deps.coverage?.cancel(id);
    const runs = requests.line(cancel);
    const summaries = requests.line();
    const measures = requests.line(cancel);
    const stopped = 'The coverage run was stopped.';
    const fail = (error: unknown) => patch({ status: { kind: 'failed', message: workerFailure(error) } });

    const startRun = () => {
      const client = deps.coverage;
      const { schemesHash, shownHashes, rule, datasetName, filter, datasets, areaWide } = get().coverage;
      const proposedDatasets = datasets.filter((d) => d.visible && d.proposed).map((d) => d.hash);
      if (schemesHash === null || shownHashes.length === 0 || datasetName === null) return;
      if (!client) return patch({ status: { kind: 'failed', message: UNAVAILABLE } });
      measures.abort();
      summaries.abort();
      const run = runs.start();
      const startedAt = Date.now();
      patch({ status: { kind: 'running', startedAt, phase: 'coverage', done: null }, measuring: null, measureNote: null });
      const view = coverageView(get());
      const asked = client.run({ id: run.id, schemesHash, datasets: [...shownHashes], filter, proposedDatasets, rule, areaWide, view }, (progress) => {
        if (!run.active) return;
        patch({
          status:
            progress.phase === 'preparing'
              ? { kind: 'preparing', startedAt, done: progress.done }
              : { kind: 'running', startedAt, phase: progress.phase, done: progress.done },
        });
      });
      run.settle(
        asked,
        (outcome) => {
          switch (outcome.kind) {
            case 'done': {
              const previous = get().coverage.result;
              patch({
                status: { kind: 'ready' },
                result: { run: outcome.run, datasetName },
                summary: summaryState(outcome.view, outcome.summary, outcome.withProposed, get().coverage.includeProposed),
                nearestKm: previous?.run.key === outcome.run.key ? get().coverage.nearestKm : new Map(),
              });
              if (!sameView(outcome.view, coverageView(get()))) refreshSummary();
              else measure();
              return;
            }
            case 'cancelled':
              patch({ status: { kind: 'idle', note: stopped } });
              return;
            case 'failed':
              patch({ status: { kind: 'failed', message: outcome.message } });
              return;
          }
        },
        fail,
      );
    };

    const refreshSummary = () => {
      const client = deps.coverage;
      const { coverage } = get();
      // A run in progress summarises for the view current when it ends.
      if (!client || !coverage.result || runs.busy) return;
      const view = coverageView(get());
      if (coverage.summary && sameView(coverage.summary.view, view)) return;
      measures.abort();
      const summary = summaries.start();
      summary.settle(
        client.summarize({ id: summary.id, key: coverage.result.run.key, view }),
        (outcome) => {
          switch (outcome.kind) {
            case 'done':
              patch({
                summary: summaryState(outcome.view, outcome.summary, outcome.withProposed, get().coverage.includeProposed),
                measuring: null,
                measureNote: null,
              });
              measure();
              return;
            case 'missing':
              startRun();
              return;
            case 'failed':
              patch({ status: { kind: 'failed', message: outcome.message } });
              return;
          }
        },
        fail,
      );
    };

    const measure = () => {
      const client = deps.coverage;
      const { coverage } = get();
      if (!client || !coverage.result || !coverage.summary) return;
      // The current gaps: with proposed schemes there are only fewer.
      const lsoas = gapsToMeasure(coverage.summary.current, coverage.nearestKm);
      measures.abort();
      if (lsoas.length === 0) {
        patch({ measuring: null, measureNote: null });
        return;
      }
      const measuring = measures.start();
      patch({ measuring: { startedAt: Date.now(), done: 0, total: lsoas.length }, measureNote: null });
      const asked = client.measureNearest({ id: measuring.id, key: coverage.result.run.key, lsoas }, (progress) => {
        if (!measuring.active) return;
        const current = get().coverage;
        patch({
          nearestKm: withMeasured(current.nearestKm, progress.measured),
          measuring: { startedAt: current.measuring?.startedAt ?? Date.now(), done: progress.done, total: progress.total },
        });
      });
      measuring.settle(
        asked,
        (outcome) => {
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
        },
        (error) => patch({ measuring: null, measureNote: workerFailure(error) }),
      );
    };

    return {
      setCoverageRule: (rule) => {
        if (sameRule(rule, get().coverage.rule)) return;
        patch({ rule });
        startRun();
      },

      setGapDecile: (decile) => {
        if (!Number.isInteger(decile) || decile < 1 || decile > 10 || decile === get().coverage.gapDecile) return;
        patch({ gapDecile: decile });
        refreshSummary();
      },

      setGapDefinition: (definition) => {
        if (definition === get().coverage.gapDefinition) return;
        patch({ gapDefinition: definition });
        refreshSummary();
      },

      setAreaWide: (mode) => {
        if (mode === get().coverage.areaWide) return;
        patch({ areaWide: mode });
        startRun();
      },

      runCoverage: startRun,

      recoverRun: (restart) => {
        if (restart.file === null && restart.during.includes('run')) return;
        if (get().coverage.schemesHash !== null) startRun();
      },

      followShownSchemes: () => {
        if (get().coverage.schemesHash !== null) return startRun();
        runs.abort();
        summaries.abort();
        measures.abort();
        patch({ status: { kind: 'idle', note: null }, result: null, summary: null, nearestKm: new Map(), measuring: null, measureNote: null });
      },

      cancelCoverage: () => {
        if (runs.abort()) patch({ status: { kind: 'idle', note: stopped } });
        if (measures.abort()) patch({ measuring: null, measureNote: 'Distances were not measured: stopped.' });
      },

      measureGapDistances: measure,

      setShowGaps: (show) => patch({ showGaps: show }),
      setShowSchemes: (show) => patch({ showSchemes: show }),
      setColourBy: (colouring) => patch({ colourBy: colouring }),
      setIncludeProposed: (include) => {
        const { summary } = get().coverage;
        patch({ includeProposed: include, summary: summary && summaryState(summary.view, summary.current, summary.withProposed, include) });
      },

      refreshCoverageSummary: refreshSummary,

      setAreaScope: (area) => {
        if ((area?.key ?? null) === (get().coverage.areaScope?.key ?? null)) return;
        patch({ areaScope: area });
        refreshSummary();
      },

      schemeTile: (key, z, x, y, colours) => deps.coverage?.schemeTile(key, z, x, y, [...colours]) ?? Promise.resolve(null),
    };
  };
