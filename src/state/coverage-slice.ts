// The coverage slice: the datasets of schemes the user imported (each file one dataset, shown or
// hidden, deletable with undo, saved in the workspace), the import waiting for confirmation, the
// rule and gap decile, and what the coverage worker made of them. The actions drive the worker
// through a CoverageClient: imports are read and held in the worker until the user confirms (all
// or nothing); a change of datasets or rule runs coverage again (a newer run cancels the older); a
// new scope, indicator or gap decile only re-summarises the run the worker holds; the distances
// to the nearest scheme are then measured for the gap rows shown.

import type { StateCreator } from 'zustand/vanilla';
import type { CoverageSummary } from '../core/coverage-summary-types';
import type { CoverageRule, ReachDefaults, Scheme } from '../core/scheme';
import { sameScope } from '../core/scope';
import { DEFAULT_GAP_DECILE } from '../core/summary';
import { hashSchemes, hashText } from '../core/scheme-hash';
import type { ColumnMeaning } from '../data/import/columns';
import type { Dataset } from '../data/dataset';
import { readWorkspaceFile, workspaceFile } from '../data/workspace-file';
import type { ImportProblem } from '../data/import/import-problem';
import type { CoverageClient, CoverageRun, ImportPreview, RunPhase, SummaryView } from './coverage-protocol';
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

/** Colours for datasets in turn: apart from the decile ramp and the scheme-kind colours. */
export const DATASET_COLOURS = ['#d4351c', '#1d70b8', '#f47738', '#4c2c92', '#00703c', '#b58840', '#912b88', '#28a197'] as const;

export type { Dataset };

export type ImportState =
  | { kind: 'none' }
  | { kind: 'reading'; name: string; phase: 'preparing' | 'reading'; done: number | null }
  /** Read and waiting for the user to confirm; `updating` while a new column mapping is applied. */
  | { kind: 'preview'; preview: ImportPreview; updating: boolean };

/** Saves the datasets (IndexedDB in the app); resolves when saved, rejects with a reason. */
export interface WorkspaceStorage {
  load(): Promise<Dataset[]>;
  save(datasets: readonly Dataset[]): Promise<void>;
}

/** Remembers a column mapping for files with the same headers. */
export interface MappingMemory {
  recall(headers: readonly string[]): ColumnMeaning[] | null;
  remember(headers: readonly string[], meanings: readonly ColumnMeaning[]): void;
}

export interface Measuring {
  startedAt: number;
  done: number;
  total: number;
}

/** A run with what it was computed from, so tables can say so while a newer one runs. */
export interface CoverageResultState {
  run: CoverageRun;
  /** The datasets it was computed from, as the tables name them. */
  datasetName: string;
}

export interface CoverageState {
  datasets: readonly Dataset[];
  /** The last dataset deleted, until undone or another is deleted. */
  lastDeleted: { dataset: Dataset; index: number } | null;
  /** The datasets a workspace file replaced, until undone or replaced again. */
  lastReplaced: { datasets: readonly Dataset[]; name: string } | null;
  importing: ImportState;
  /** Files waiting to be read after the one being imported. */
  importQueue: readonly File[];
  /** Files that could not be imported, with why; cleared by the next import. */
  importErrors: readonly { name: string; message: string }[];
  /** Why the workspace could not be saved (null when it was). */
  saveError: string | null;
  /** The visible datasets' names, for "from …" in the tables; null when none is shown. */
  datasetName: string | null;
  /** The schemes of the visible datasets, in dataset order, and a key for them. */
  schemes: readonly Scheme[];
  schemesHash: string | null;
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
  /** Reads files for import, one after another; each waits for confirmation. */
  importFiles: (files: readonly File[]) => void;
  /** Reads the file waiting for confirmation again with column `column` meaning `meaning`. */
  setImportMeaning: (column: number, meaning: ColumnMeaning) => void;
  /** Reads it again with routes and points reaching this far where the file does not say. */
  setImportReach: (reach: ReachDefaults) => void;
  /** Adds the previewed file's schemes as a dataset. */
  confirmImport: () => Promise<void>;
  /** Drops the previewed file; nothing changes. */
  cancelImport: () => void;
  setDatasetVisible: (id: string, visible: boolean) => void;
  deleteDataset: (id: string) => void;
  undoDeleteDataset: () => void;
  /** Loads the saved workspace (at start). */
  loadWorkspace: () => Promise<void>;
  /** The workspace as one file (GeoJSON with a versioned `gapmap` member). */
  exportWorkspace: () => string;
  /** Replaces the datasets with a workspace file's (the ones replaced can be brought back). */
  openWorkspaceFile: (file: File) => Promise<void>;
  /** Brings back the datasets a workspace file replaced. */
  undoOpenWorkspace: () => void;
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
  datasets: [],
  lastDeleted: null,
  lastReplaced: null,
  importing: { kind: 'none' },
  importQueue: [],
  importErrors: [],
  saveError: null,
  datasetName: null,
  schemes: [],
  schemesHash: null,
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

/** The schemes, key and name the visible datasets give the coverage run. */
export function visibleSchemes(datasets: readonly Dataset[]): Pick<CoverageState, 'schemes' | 'schemesHash' | 'datasetName'> {
  const shown = datasets.filter((d) => d.visible && d.schemes.length > 0);
  if (shown.length === 0) return { schemes: [], schemesHash: null, datasetName: null };
  return {
    schemes: shown.flatMap((d) => d.schemes),
    schemesHash: shown.length === 1 ? shown[0]!.hash : hashText(shown.map((d) => d.hash).join('|')),
    datasetName: shown.length === 1 ? shown[0]!.name : `${shown.length} datasets (${shown.map((d) => d.name).join(', ')})`,
  };
}

/**
 * Scheme ids unique across datasets: an id already used by a dataset (or earlier in this one) is
 * renamed "id#2", "id#3", … with a note, so results can tell the schemes apart.
 */
export function withUniqueIds(schemes: readonly Scheme[], existing: readonly Dataset[], name: string): { schemes: Scheme[]; notes: ImportProblem[] } {
  const used = new Set(existing.flatMap((d) => d.schemes.map((s) => s.id)));
  const notes: ImportProblem[] = [];
  const out = schemes.map((scheme) => {
    if (!used.has(scheme.id)) {
      used.add(scheme.id);
      return scheme;
    }
    let n = 2;
    while (used.has(`${scheme.id}#${n}`)) n++;
    const id = `${scheme.id}#${n}`;
    used.add(id);
    notes.push({ id: scheme.id, severity: 'warning', message: `The id '${scheme.id}' is already used by another dataset; in ${name} it was renamed '${id}'.` });
    return { ...scheme, id, name: scheme.name === scheme.id ? id : scheme.name };
  });
  return { schemes: out, notes };
}

type Deps = { coverage?: CoverageClient | undefined; workspace?: WorkspaceStorage | undefined; mappings?: MappingMemory | undefined };

export const coverageSlice =
  (deps: Deps): StateCreator<AppState, [], [], CoverageSlice> =>
  (set, get) => {
    let seq = 0;
    let runId: number | null = null;
    let summaryId: number | null = null;
    let measureId: number | null = null;

    const patch = (changes: Partial<CoverageState>) => set((state) => ({ coverage: { ...state.coverage, ...changes } }));
    const unavailable = 'Coverage cannot run in this browser (it needs Web Workers). Try an up-to-date Edge, Chrome or Firefox.';

    const stopMeasuring = () => {
      if (measureId !== null) deps.coverage?.cancel(measureId);
      measureId = null;
    };

    let importToken = 0;

    /** New datasets: the schemes coverage runs on follow, the workspace is saved, coverage runs again. */
    const setDatasets = (datasets: Dataset[], save = true) => {
      const before = get().coverage.schemesHash;
      patch({ datasets, ...visibleSchemes(datasets) });
      if (save && deps.workspace) {
        deps.workspace.save(datasets).then(
          () => patch({ saveError: null }),
          (error: unknown) =>
            patch({
              saveError: `Your datasets could not be saved in this browser (${error instanceof Error ? error.message : String(error)}). They stay open until you close the page; export the workspace to keep a copy.`,
            }),
        );
      }
      const after = get().coverage;
      if (after.schemesHash === before) return;
      if (after.schemesHash === null) {
        if (runId !== null) deps.coverage?.cancel(runId);
        runId = null;
        stopMeasuring();
        patch({ status: { kind: 'idle', note: null }, result: null, summary: null, nearestKm: new Map(), measuring: null, measureNote: null });
        return;
      }
      startRun();
    };

    const preview = async (request: { token: number; name: string; bytes?: ArrayBuffer; meanings?: ColumnMeaning[]; reach?: ReachDefaults }): Promise<void> => {
      const client = deps.coverage;
      const token = request.token;
      if (!client) {
        patch({ importErrors: [...get().coverage.importErrors, { name: request.name, message: unavailable }], importing: { kind: 'none' } });
        return;
      }
      const current = get().coverage.importing;
      if (current.kind === 'preview') patch({ importing: { ...current, updating: true } });
      let outcome: Awaited<ReturnType<CoverageClient['previewImport']>>;
      try {
        outcome = await client.previewImport(request, (progress) => {
          if (importToken !== token || get().coverage.importing.kind === 'preview') return;
          patch({ importing: { kind: 'reading', name: request.name, phase: progress.phase, done: progress.done } });
        });
      } catch (error) {
        outcome = { kind: 'refused', message: workerFailure(error) };
      }
      if (importToken !== token) return; // Cancelled meanwhile.
      if (outcome.kind === 'refused') {
        patch({ importErrors: [...get().coverage.importErrors, { name: request.name, message: outcome.message }], importing: { kind: 'none' } });
        readNext();
        return;
      }
      // A file with the headers of one imported before is read with the mapping the user chose then.
      const table = outcome.preview.table;
      const recalled = table && !request.meanings ? deps.mappings?.recall(table.headers) : null;
      if (table && recalled && recalled.length === table.headers.length && JSON.stringify(recalled) !== JSON.stringify(table.meanings)) {
        await preview({ token, name: request.name, meanings: recalled, ...(request.reach ? { reach: request.reach } : {}) });
        return;
      }
      patch({ importing: { kind: 'preview', preview: outcome.preview, updating: false } });
    };

    const readNext = () => {
      const { importQueue, importing } = get().coverage;
      if (importing.kind !== 'none' || importQueue.length === 0) return;
      const [file, ...rest] = importQueue;
      const token = ++importToken;
      patch({ importQueue: rest, importing: { kind: 'reading', name: file!.name, phase: 'reading', done: null } });
      file!.arrayBuffer().then(
        (bytes) => preview({ token, name: file!.name, bytes }),
        (error: unknown) => {
          if (importToken !== token) return;
          patch({
            importErrors: [...get().coverage.importErrors, { name: file!.name, message: `${file!.name} could not be read (${error instanceof Error ? error.message : String(error)}).` }],
            importing: { kind: 'none' },
          });
          readNext();
        },
      );
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

      importFiles: (files) => {
        if (files.length === 0) return;
        const { importing, importQueue } = get().coverage;
        const busy = importing.kind !== 'none';
        patch({ importQueue: [...importQueue, ...files], ...(busy ? {} : { importErrors: [] }) });
        if (!busy) readNext();
      },

      setImportMeaning: (column, meaning) => {
        const { importing } = get().coverage;
        if (importing.kind !== 'preview' || !importing.preview.table) return;
        const meanings = importing.preview.table.meanings.map((m, c) => (c === column ? meaning : m));
        void preview({ token: importing.preview.token, name: importing.preview.name, meanings, reach: importing.preview.reach });
      },

      setImportReach: (reach) => {
        const { importing } = get().coverage;
        if (importing.kind !== 'preview') return;
        const { token, name, table } = importing.preview;
        void preview({ token, name, reach, ...(table ? { meanings: table.meanings } : {}) });
      },

      confirmImport: async () => {
        const client = deps.coverage;
        const { importing } = get().coverage;
        if (!client || importing.kind !== 'preview' || importing.updating || importing.preview.schemes === 0) return;
        const { token, name, table } = importing.preview;
        patch({ importing: { ...importing, updating: true } });
        let taken: Awaited<ReturnType<CoverageClient['takeImport']>>;
        let failure: string | null = null;
        try {
          taken = await client.takeImport(token);
        } catch (error) {
          taken = null;
          failure = workerFailure(error);
        }
        if (taken) {
          const { datasets } = get().coverage;
          const unique = withUniqueIds(taken.schemes, datasets, name);
          const dataset: Dataset = {
            id: `d${Date.now().toString(36)}${(++seq).toString(36)}`,
            name,
            format: taken.format,
            colour: DATASET_COLOURS[datasets.length % DATASET_COLOURS.length]!,
            visible: true,
            schemes: unique.schemes,
            problems: [...taken.problems, ...unique.notes],
            hash: unique.notes.length > 0 ? hashSchemes(unique.schemes) : taken.hash,
            importedAt: new Date().toISOString(),
            locatedBy: taken.locatedBy,
          };
          if (table) deps.mappings?.remember(table.headers, table.meanings);
          setDatasets([...datasets, dataset]);
        } else {
          const message = failure ?? `${name} was not imported: the worker no longer held it. Choose the file again.`;
          patch({ importErrors: [...get().coverage.importErrors, { name, message }] });
        }
        patch({ importing: { kind: 'none' } });
        readNext();
      },

      cancelImport: () => {
        const { importing } = get().coverage;
        if (importing.kind === 'preview') deps.coverage?.discardImport(importing.preview.token);
        importToken++; // A read in progress is dropped when it answers.
        patch({ importing: { kind: 'none' } });
        readNext();
      },

      setDatasetVisible: (id, visible) => {
        setDatasets(get().coverage.datasets.map((d) => (d.id === id ? { ...d, visible } : d)));
      },

      deleteDataset: (id) => {
        const { datasets } = get().coverage;
        const index = datasets.findIndex((d) => d.id === id);
        if (index < 0) return;
        patch({ lastDeleted: { dataset: datasets[index]!, index } });
        setDatasets(datasets.filter((d) => d.id !== id));
      },

      undoDeleteDataset: () => {
        const { lastDeleted, datasets } = get().coverage;
        if (!lastDeleted) return;
        const next = [...datasets];
        next.splice(Math.min(lastDeleted.index, next.length), 0, lastDeleted.dataset);
        patch({ lastDeleted: null });
        setDatasets(next);
      },

      exportWorkspace: () => JSON.stringify(workspaceFile(get().coverage.datasets, new Date().toISOString())),

      openWorkspaceFile: async (file) => {
        let text: string;
        try {
          text = await file.text();
        } catch (error) {
          patch({ importErrors: [{ name: file.name, message: `${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).` }] });
          return;
        }
        const read = readWorkspaceFile(text, file.name);
        if (!read.ok) {
          patch({ importErrors: [{ name: file.name, message: read.message }] });
          return;
        }
        patch({ importErrors: [], lastReplaced: { datasets: get().coverage.datasets, name: file.name }, lastDeleted: null });
        setDatasets(read.datasets);
      },

      undoOpenWorkspace: () => {
        const { lastReplaced } = get().coverage;
        if (!lastReplaced) return;
        patch({ lastReplaced: null });
        setDatasets([...lastReplaced.datasets]);
      },

      loadWorkspace: async () => {
        if (!deps.workspace) return;
        let saved: Dataset[];
        try {
          saved = await deps.workspace.load();
        } catch (error) {
          patch({ saveError: `The saved workspace could not be read (${error instanceof Error ? error.message : String(error)}); imports will start a new one.` });
          return;
        }
        // Datasets imported while the workspace was loading come after the saved ones.
        if (saved.length > 0) setDatasets([...saved, ...get().coverage.datasets], false);
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
