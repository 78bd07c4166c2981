// The coverage slice: the datasets of schemes the user imported (each file one dataset, shown or
// hidden, deletable with undo, saved in the workspace), the import waiting for confirmation, the
// rule and gap decile, and what the coverage worker made of them. The actions drive the worker
// through a CoverageClient: imports are read and held in the worker until the user confirms (all
// or nothing); a change of datasets or rule runs coverage again (a newer run cancels the older); a
// new scope, indicator or gap decile only re-summarises the run the worker holds; the distances
// to the nearest scheme are then measured for the gap rows shown.

import { sameRule, type CoverageRule } from '../core/coverage-rule';
import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_GAP_DEFINITION, type GapDefinition } from '../core/gap-definition';
import { DEFAULT_AREA_WIDE, type AreaWideMode } from '../core/placement';
import type { CoverageSummary } from '../core/coverage-summary-types';
import type { LsoaColouring } from '../core/lsoa-colouring';
import { filterKey, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import type { LonLat, ReachDefaults, Scheme } from '../core/scheme';
import { sameScope, type Bounds } from '../core/scope';
import { DEFAULT_GAP_DECILE } from '../core/summary';
import { hashText } from '../core/scheme-hash';
import type { ColumnMeaning } from '../data/import/columns';
import { DRAWN_DATASET_NAME, type Dataset } from '../data/dataset';
import type { TargetArea } from '../core/target-area';
import type { CoverageClient, CoverageRun, ImportPreview, ImportRequest, RunPhase, SchemeChange, SummaryArea, SummaryView } from './coverage-protocol';
import type { AppState } from './store';

/**
 * Distances to the nearest scheme are measured for this many gaps, most deprived first: all of
 * them in any county or district, so the list sorts by distance (an England-wide list of more is
 * measured for its most deprived part; the rest say so).
 */
export const GAP_DISTANCES_MEASURED = 10_000;

export type CoverageStatus =
  | { kind: 'idle'; note: string | null }
  /** Downloading and indexing the LSOA boundaries (the first run only). */
  | { kind: 'preparing'; startedAt: number; done: number | null }
  | { kind: 'running'; startedAt: number; phase: Exclude<RunPhase, 'preparing'>; done: number | null }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };

/**
 * Colours for datasets in turn, the map drawing each dataset's schemes in its colour: apart from
 * the decile ramp and from the gap outline's red (GAP_COLOUR), so a route is never read as a gap.
 */
export const DATASET_COLOURS = ['#1d70b8', '#f47738', '#4c2c92', '#00703c', '#b58840', '#912b88', '#28a197', '#0b0c0c'] as const;

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

/** Keeps the council's own list of themes (localStorage in the app). */
export interface ThemeStorage {
  load(): string[];
  save(themes: readonly string[]): void;
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
  /** The datasets (and areas, when the file had some) a workspace file replaced, until undone or replaced again. */
  lastReplaced: { datasets: readonly Dataset[]; areas: readonly TargetArea[] | null; name: string } | null;
  importing: ImportState;
  /** Files waiting to be read after the one being imported. */
  importQueue: readonly File[];
  /** Files that could not be imported, with why; cleared by the next import. */
  importErrors: readonly { name: string; message: string }[];
  /** Why the workspace could not be saved (null when it was). */
  saveError: string | null;
  /** The visible datasets' names, for "from …" in the tables; null when none is shown. */
  datasetName: string | null;
  /** The hashes of the visible datasets, in order (their schemes are the run's), a key for them all, and how many schemes they hold. */
  shownHashes: readonly string[];
  schemesHash: string | null;
  schemeCount: number;
  rule: CoverageRule;
  gapDecile: number;
  /** Which deprived LSOAs are gaps: none reaches them, or the fewest do. */
  gapDefinition: GapDefinition;
  /** Schemes recorded only for a whole district, county or region: apart (default) or counted as reaching all of it. */
  areaWide: AreaWideMode;
  showGaps: boolean;
  showSchemes: boolean;
  /** Which schemes of the datasets shown count (kind, funder, theme, period, amount). */
  filter: SchemeFilter;
  /** What the LSOAs are coloured by: deprivation, or (with a run) schemes, £ per head, or both. */
  colourBy: LsoaColouring;
  status: CoverageStatus;
  result: CoverageResultState | null;
  /**
   * The result summarised for a scope, indicator and gap decile: `summary` is the one shown (with
   * the proposed schemes when includeProposed), `current` and `withProposed` both, for the what-if.
   */
  summary: SummaryState | null;
  /** Whether the figures and map count the schemes marked proposed. */
  includeProposed: boolean;
  /** A target area the dashboard summarises instead of the scope (null: the scope). */
  areaScope: SummaryArea | null;
  /** The council's own themes, offered with the Levelling Up missions when tagging schemes. */
  themes: readonly string[];
  /** Distances (km) to the nearest scheme measured after the summary, by LSOA. */
  nearestKm: ReadonlyMap<number, number>;
  measuring: Measuring | null;
  /** Why distances are missing (cancelled, failed); null otherwise. */
  measureNote: string | null;
  /** The scheme whose popup is open on the map. */
  openScheme: OpenScheme | null;
  /** Drawing a scheme on the map, or its form open. */
  editing: SchemeEditing;
}

export interface OpenScheme {
  scheme: Scheme;
  /** The dataset it belongs to (null if it was deleted meanwhile). */
  datasetId: string | null;
  /** Where the popup points (longitude, latitude). */
  at: [number, number];
}

/** What a scheme drawn on the map is: a point with a catchment, or a route with a buffer. */
export type DrawShape = 'point' | 'line';

/** What the map hands back when a drawing is done. */
export type DrawnShape = { shape: 'point'; point: LonLat } | { shape: 'line'; line: LonLat[] };

/** How far a scheme drawn on the map reaches until the user says otherwise: a 5-minute walk. */
export const DRAWN_REACH_M = 400;

export type SchemeEditing =
  | { kind: 'none' }
  /** The map is taking clicks for a new scheme of this shape. */
  | { kind: 'drawing'; shape: DrawShape }
  /** The form for a new scheme (datasetId null: the drawn dataset) or one being changed. */
  | { kind: 'form'; scheme: Scheme; datasetId: string | null; isNew: boolean; saving: boolean; error: string | null };

export interface SummaryState {
  view: SummaryView;
  summary: CoverageSummary;
  current: CoverageSummary;
  /** Null when no scheme shown is proposed. */
  withProposed: CoverageSummary | null;
}

export function summaryState(view: SummaryView, current: CoverageSummary, withProposed: CoverageSummary | null, includeProposed: boolean): SummaryState {
  return { view, summary: includeProposed && withProposed ? withProposed : current, current, withProposed };
}

export type PanelTab = 'details' | 'coverage' | 'areas';

export interface CoverageSlice {
  coverage: CoverageState;
  /** Reads files for import, one after another; each waits for confirmation. */
  importFiles: (files: readonly File[]) => void;
  /** Reads the file waiting for confirmation again with column `column` meaning `meaning`. */
  setImportMeaning: (column: number, meaning: ColumnMeaning) => void;
  /** Reads it again with routes and points reaching this far where the file does not say. */
  setImportReach: (reach: ReachDefaults) => void;
  /** Reads it again placing each row by its finest location (a recipient's postcode before a beneficiary district), or not. */
  setImportPreferFinest: (preferFinest: boolean) => void;
  /** Adds the previewed file's schemes as a dataset. */
  confirmImport: () => Promise<void>;
  /** Drops the previewed file; nothing changes. */
  cancelImport: () => void;
  setDatasetVisible: (id: string, visible: boolean) => void;
  deleteDataset: (id: string) => void;
  undoDeleteDataset: () => void;
  /** Loads the saved workspace (at start). */
  loadWorkspace: () => Promise<void>;
  /** The workspace as one file (GeoJSON with a versioned `gapmap` member, UTF-8); null when it could not be made (said in importErrors). */
  exportWorkspace: () => Promise<ArrayBuffer | null>;
  /** Replaces the datasets with a workspace file's (the ones replaced can be brought back). */
  openWorkspaceFile: (file: File) => Promise<void>;
  /** Brings back the datasets a workspace file replaced. */
  undoOpenWorkspace: () => void;
  setCoverageRule: (rule: CoverageRule) => void;
  setGapDecile: (decile: number) => void;
  setGapDefinition: (definition: GapDefinition) => void;
  /** Counts area-wide schemes as reaching every LSOA of their area (an assumption), or leaves them apart. */
  setAreaWide: (mode: AreaWideMode) => void;
  /** Runs coverage for the current schemes and rule (again, after a cancel or failure). */
  runCoverage: () => void;
  /** Stops the run or distance measuring in progress. */
  cancelCoverage: () => void;
  /** Measures the distances not measured yet (after a cancel). */
  measureGapDistances: () => void;
  setShowGaps: (show: boolean) => void;
  setShowSchemes: (show: boolean) => void;
  setColourBy: (colouring: LsoaColouring) => void;
  /** Counts the proposed schemes in the figures and the map (the what-if), or not. */
  setIncludeProposed: (include: boolean) => void;
  /** Replaces the council's own list of themes (saved). */
  setThemes: (themes: readonly string[]) => void;
  /** Marks a dataset's schemes as proposed (kept out of the current figures) or not. */
  setDatasetProposed: (id: string, proposed: boolean) => void;
  /** Counts only the schemes that pass the filter (coverage runs again). */
  setSchemeFilter: (filter: SchemeFilter) => void;
  /** Re-summarises for the current scope, indicator and gap decile (no new coverage run). */
  refreshCoverageSummary: () => void;
  /** Summarises a target area instead of the scope (null: back to the scope). */
  setAreaScope: (area: SummaryArea | null) => void;
  /** The map's tile z/x/y of the schemes of the run with this key (null: none). */
  /** `colours`: the run's datasets' colours in order, written into the tile (the map draws each scheme in its dataset's). */
  schemeTile: (key: string, z: number, x: number, y: number, colours: readonly string[]) => Promise<ArrayBuffer | null>;
  /** Opens the popup for scheme `index` of the run shown, at a place on the map. */
  openSchemeAt: (index: number, at: [number, number]) => Promise<void>;
  closeScheme: () => void;
  /** Lets the map take clicks for a new point or route scheme (null stops). */
  startDrawing: (shape: DrawShape | null) => void;
  /** The map's drawing is done: the form opens for the new scheme. */
  finishDrawing: (drawn: DrawnShape) => void;
  /** Opens the form for the scheme whose popup is open. */
  editOpenScheme: () => void;
  /** Opens the form for a new scheme made elsewhere (a target area turned into a scheme). */
  startSchemeForm: (scheme: Scheme) => void;
  /** Saves the form's scheme (added to the drawn dataset, or changed in its own). */
  saveScheme: (scheme: Scheme) => Promise<void>;
  /** Removes the scheme whose form is open from its dataset. */
  removeScheme: () => Promise<void>;
  closeSchemeForm: () => void;
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
  shownHashes: [],
  schemesHash: null,
  schemeCount: 0,
  rule: { kind: 'intersects' },
  gapDecile: DEFAULT_GAP_DECILE,
  gapDefinition: DEFAULT_GAP_DEFINITION,
  areaWide: DEFAULT_AREA_WIDE,
  showGaps: true,
  showSchemes: true,
  filter: NO_FILTER,
  colourBy: 'deprivation',
  status: { kind: 'idle', note: null },
  result: null,
  summary: null,
  includeProposed: false,
  areaScope: null,
  themes: [],
  nearestKm: new Map(),
  measuring: null,
  measureNote: null,
  openScheme: null,
  editing: { kind: 'none' },
};

export function coverageView(state: Pick<AppState, 'scope' | 'indicator' | 'coverage'>): SummaryView {
  return { scope: state.scope, indicator: state.indicator, gapDecile: state.coverage.gapDecile, gaps: state.coverage.gapDefinition, area: state.coverage.areaScope };
}

export function sameView(a: SummaryView, b: SummaryView): boolean {
  return (
    sameScope(a.scope, b.scope) &&
    a.indicator === b.indicator &&
    a.gapDecile === b.gapDecile &&
    a.gaps === b.gaps &&
    (a.area?.key ?? null) === (b.area?.key ?? null)
  );
}

/** A target area as the dashboard's scope. */
export function summaryArea(id: string, name: string, lsoas: ArrayLike<number>): SummaryArea {
  const list = Array.from(lsoas);
  return { id, name, lsoas: list, key: `${id}|${hashText(`${name}|${list.join(',')}`)}` };
}

/** The gaps whose distance is still to be measured, most deprived first. */
export function gapsToMeasure(summary: CoverageSummary, measured: ReadonlyMap<number, number>): number[] {
  return summary.gaps
    .slice(0, GAP_DISTANCES_MEASURED)
    .filter((gap) => Number.isNaN(gap.nearestKm) && !measured.has(gap.index))
    .map((gap) => gap.index);
}

/** Km to the nearest scheme for a gap: measured with the summary or since; undefined if not yet. */
export function gapNearestKm(gap: { index: number; nearestKm: number }, measured: ReadonlyMap<number, number>): number | undefined {
  return Number.isNaN(gap.nearestKm) ? measured.get(gap.index) : gap.nearestKm;
}

/** The datasets, key, name and count the visible datasets give the coverage run. */
export function visibleSchemes(datasets: readonly Dataset[], filter: SchemeFilter = NO_FILTER): Pick<CoverageState, 'shownHashes' | 'schemesHash' | 'datasetName' | 'schemeCount'> {
  const shown = datasets.filter((d) => d.visible && d.stats.count > 0);
  if (shown.length === 0) return { shownHashes: [], schemesHash: null, datasetName: null, schemeCount: 0 };
  const filtered = filterKey(filter);
  // A dataset marked proposed counts apart: part of the key too.
  const keyOf = (d: Dataset) => (d.proposed ? `${d.hash}+proposed` : d.hash);
  const hash = shown.length === 1 && !shown[0]!.proposed ? shown[0]!.hash : hashText(shown.map(keyOf).join('|'));
  return {
    shownHashes: shown.map((d) => d.hash),
    // The filter is part of the key: a run of the same datasets under another filter is another run.
    schemesHash: filtered ? `${hash}|${hashText(filtered)}` : hash,
    datasetName: shown.length === 1 ? shown[0]!.name : `${shown.length} datasets (${shown.map((d) => d.name).join(', ')})`,
    schemeCount: shown.reduce((sum, d) => sum + d.stats.count, 0),
  };
}

/** A new scheme drawn on the map, before the user names it; `unique` makes its id unique in the workspace. */
export function newDrawnScheme(drawn: DrawnShape, unique: string): Scheme {
  const id = `drawn-${unique}`;
  return drawn.shape === 'line'
    ? { id, name: 'New route', kind: 'transport', footprint: { type: 'line', lines: [drawn.line], bufferM: DRAWN_REACH_M } }
    : { id, name: 'New scheme', kind: 'community', footprint: { type: 'point', point: drawn.point, radiusM: DRAWN_REACH_M } };
}

const saveFailure = (error: string) =>
  `Your datasets could not be saved in this browser (${error}). They stay open until you close the page; export the workspace to keep a copy.`;

const newDatasetId = () => `d${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const nextColour = (datasets: readonly Dataset[]) => DATASET_COLOURS[datasets.length % DATASET_COLOURS.length]!;

type Deps = {
  coverage?: CoverageClient | undefined;
  workspace?: WorkspaceStorage | undefined;
  mappings?: MappingMemory | undefined;
  themes?: ThemeStorage | undefined;
};

export const coverageSlice =
  (deps: Deps): StateCreator<AppState, [], [], CoverageSlice> =>
  (set, get) => {
    let seq = 0;
    /** The box around the schemes just imported, fitted once the run that draws them is done. */
    let fitAfterRun: Bounds | null = null;
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
    /** Whether the saved workspace has been read: before that, the worker must not drop stored schemes. */
    let workspaceRead = !deps.workspace;

    /** Why the datasets' fields (saved by the page) or their schemes (stored by the worker) were last not saved. */
    const unsaved: { fields: string | null; schemes: string | null } = { fields: null, schemes: null };
    /** One save succeeding does not hide the other failing: the user is told until both succeed. */
    const reportSaved = (part: keyof typeof unsaved, error: string | null) => {
      unsaved[part] = error;
      const reason = unsaved.fields ?? unsaved.schemes;
      patch({ saveError: reason === null ? null : saveFailure(reason) });
    };

    /** Requests in flight that make a new set of schemes (its hash not yet in any dataset). */
    let creating = 0;
    /** A retain held back while a set was being made (true: from storage too). */
    let retainHeld: boolean | null = null;

    /** Tells the worker which sets of schemes may still be needed: the datasets', and those undo could bring back. */
    const retainSchemes = (fromStorage: boolean) => {
      if (!workspaceRead) return;
      if (creating > 0) {
        // The new set's hash is not in a dataset yet: dropping "the rest" now would drop it.
        retainHeld = (retainHeld ?? false) || fromStorage;
        return;
      }
      const { datasets, lastDeleted, lastReplaced } = get().coverage;
      const hashes = [...datasets, ...(lastDeleted ? [lastDeleted.dataset] : []), ...(lastReplaced?.datasets ?? [])].map((d) => d.hash);
      deps.coverage?.retain([...new Set(hashes)], fromStorage);
    };

    /** Runs a worker request that makes a new set; a retain asked for meanwhile waits until it settles. */
    const makingSet = async <T>(request: () => Promise<T>): Promise<T> => {
      creating++;
      try {
        return await request();
      } finally {
        creating--;
        if (creating === 0 && retainHeld !== null) {
          const fromStorage = retainHeld;
          retainHeld = null;
          // After the caller has added the dataset (it continues in this same turn of the event loop).
          queueMicrotask(() => retainSchemes(fromStorage));
        }
      }
    };

    /** New datasets: the schemes coverage runs on follow, the workspace is saved, coverage runs again. */
    const setDatasets = (datasets: Dataset[], save = true) => {
      const before = get().coverage.schemesHash;
      patch({ datasets, ...visibleSchemes(datasets, get().coverage.filter) });
      if (save && deps.workspace) {
        deps.workspace.save(datasets).then(
          () => reportSaved('fields', null),
          (error: unknown) => reportSaved('fields', error instanceof Error ? error.message : String(error)),
        );
      }
      retainSchemes(false);
      const after = get().coverage;
      if (after.schemesHash === before) return;
      // The popup's scheme may have changed or gone; a scheme index means something else now.
      patch({ openScheme: null });
      if (after.schemesHash === null) {
        if (runId !== null) deps.coverage?.cancel(runId);
        runId = null;
        stopMeasuring();
        patch({ status: { kind: 'idle', note: null }, result: null, summary: null, nearestKm: new Map(), measuring: null, measureNote: null });
        return;
      }
      startRun();
    };

    const preview = async (request: ImportRequest): Promise<void> => {
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
        await preview({ ...request, bytes: undefined, meanings: recalled });
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
      const { schemesHash, shownHashes, rule, datasetName, filter, datasets, areaWide } = coverage;
      const proposedDatasets = datasets.filter((d) => d.visible && d.proposed).map((d) => d.hash);
      if (schemesHash === null || shownHashes.length === 0 || datasetName === null) return;
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
        .run({ id, schemesHash, datasets: [...shownHashes], filter, proposedDatasets, rule, areaWide, view }, (progress) => {
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
              const fit = fitAfterRun;
              fitAfterRun = null;
              patch({
                status: { kind: 'ready' },
                result: { run: outcome.run, datasetName },
                summary: summaryState(outcome.view, outcome.summary, outcome.withProposed, get().coverage.includeProposed),
                nearestKm: previous?.run.key === outcome.run.key ? get().coverage.nearestKm : new Map(),
              });
              if (fit) get().moveCamera({ kind: 'bounds', bounds: fit, maxZoom: 14 }, true);
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

    let schemeToken = 0;

    /**
     * Applies a change to one dataset's schemes in the worker (a new set under a new hash), then
     * the dataset takes the new hash: saved, and coverage runs again. Null `datasetId` makes the
     * drawn dataset. The form stays open with the reason if the worker refuses.
     */
    const changeSchemes = async (datasetId: string | null, change: SchemeChange) => {
      const editing = get().coverage.editing;
      const client = deps.coverage;
      if (editing.kind !== 'form') return;
      const refuse = (error: string) => {
        const now = get().coverage.editing;
        if (now.kind === 'form') patch({ editing: { ...now, saving: false, error } });
      };
      if (!client) return refuse(unavailable);
      const dataset = datasetId === null ? undefined : get().coverage.datasets.find((d) => d.id === datasetId);
      if (datasetId !== null && !dataset) return refuse('Its dataset was deleted meanwhile; nothing was changed.');
      patch({ editing: { ...editing, saving: true, error: null } });
      let outcome: Awaited<ReturnType<CoverageClient['editSchemes']>>;
      try {
        outcome = await makingSet(() => client.editSchemes({ hash: dataset?.hash ?? null, change }));
      } catch (error) {
        return refuse(workerFailure(error));
      }
      if (outcome.kind === 'failed') return refuse(outcome.message);
      const { datasets } = get().coverage;
      // As it is now (it may have been hidden or deleted while the worker was busy).
      const current = datasetId === null ? undefined : datasets.find((d) => d.id === datasetId);
      if (datasetId !== null && !current) return refuse('Its dataset was deleted meanwhile; nothing was changed.');
      const updated: Dataset = current
        ? { ...current, hash: outcome.hash, stats: outcome.stats, visible: change.kind === 'add' || current.visible }
        : {
            id: newDatasetId(),
            name: DRAWN_DATASET_NAME,
            format: 'drawn',
            colour: nextColour(datasets),
            visible: true,
            problems: [],
            hash: outcome.hash,
            importedAt: new Date().toISOString(),
            locatedBy: [],
            stats: outcome.stats,
          };
      patch({ editing: { kind: 'none' } });
      setDatasets(current ? datasets.map((d) => (d.id === current.id ? updated : d)) : [...datasets, updated]);
      reportSaved('schemes', outcome.saveError);
    };

    const measure = () => {
      const client = deps.coverage;
      const { coverage } = get();
      if (!client || !coverage.result || !coverage.summary) return;
      // The current gaps: with proposed schemes there are only fewer.
      const lsoas = gapsToMeasure(coverage.summary.current, coverage.nearestKm);
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
        const { token, name, reach, preferFinest } = importing.preview;
        void preview({ token, name, meanings, reach, preferFinest });
      },

      setImportReach: (reach) => {
        const { importing } = get().coverage;
        if (importing.kind !== 'preview') return;
        const { token, name, table, preferFinest } = importing.preview;
        void preview({ token, name, reach, preferFinest, ...(table ? { meanings: table.meanings } : {}) });
      },

      setImportPreferFinest: (preferFinest) => {
        const { importing } = get().coverage;
        if (importing.kind !== 'preview' || importing.preview.preferFinest === preferFinest) return;
        const { token, name, table, reach } = importing.preview;
        void preview({ token, name, reach, preferFinest, ...(table ? { meanings: table.meanings } : {}) });
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
          taken = await makingSet(() => client.takeImport({ token, name, existing: get().coverage.datasets.map((d) => d.hash) }));
        } catch (error) {
          taken = null;
          failure = workerFailure(error);
        }
        if (taken) {
          const { datasets } = get().coverage;
          const dataset: Dataset = {
            id: newDatasetId(),
            name,
            format: taken.format,
            colour: nextColour(datasets),
            visible: true,
            problems: taken.problems,
            hash: taken.hash,
            importedAt: new Date().toISOString(),
            locatedBy: taken.locatedBy,
            stats: taken.stats,
          };
          if (table) deps.mappings?.remember(table.headers, table.meanings);
          setDatasets([...datasets, dataset]);
          reportSaved('schemes', taken.saveError);
          // Show what was just added (a file from another part of England would otherwise be off screen),
          // once its run is drawn: the map's scheme tiles change source while it moves otherwise, and
          // MapLibre can keep the empty tiles it loaded during the move.
          fitAfterRun = taken.bounds;
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

      exportWorkspace: async () => {
        const fail = (message: string) => {
          patch({ importErrors: [{ name: 'Workspace', message }] });
          return null;
        };
        if (!deps.coverage) return fail(unavailable);
        try {
          const exported = await deps.coverage.exportWorkspace([...get().coverage.datasets], new Date().toISOString(), [...get().coverage.themes], [...get().areas.list]);
          return exported.kind === 'done' ? exported.bytes : fail(exported.message);
        } catch (error) {
          return fail(workerFailure(error));
        }
      },

      openWorkspaceFile: async (file) => {
        const fail = (message: string) => patch({ importErrors: [{ name: file.name, message }] });
        if (!deps.coverage) return fail(unavailable);
        let bytes: ArrayBuffer;
        try {
          bytes = await file.arrayBuffer();
        } catch (error) {
          return fail(`${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).`);
        }
        let opened: Awaited<ReturnType<CoverageClient['openWorkspace']>>;
        try {
          const client = deps.coverage;
          opened = await makingSet(() => client.openWorkspace(bytes, file.name));
        } catch (error) {
          return fail(workerFailure(error));
        }
        if (opened.kind === 'failed') return fail(opened.message);
        const areasReplaced = opened.areas === null ? null : get().areas.list;
        patch({ importErrors: [], lastReplaced: { datasets: get().coverage.datasets, areas: areasReplaced, name: file.name }, lastDeleted: null });
        setDatasets(opened.datasets);
        // A file with areas replaces them too (one undo step of the areas); an older file leaves them.
        if (opened.areas !== null) get().replaceAreas(opened.areas);
        if (opened.themes.length > 0) get().setThemes(opened.themes);
        reportSaved('schemes', opened.saveError);
      },

      undoOpenWorkspace: () => {
        const { lastReplaced } = get().coverage;
        if (!lastReplaced) return;
        patch({ lastReplaced: null });
        setDatasets([...lastReplaced.datasets]);
        if (lastReplaced.areas) get().replaceAreas(lastReplaced.areas);
      },

      loadWorkspace: async () => {
        const themes = deps.themes?.load() ?? [];
        if (themes.length > 0) patch({ themes });
        if (!deps.workspace) return;
        let saved: Dataset[];
        try {
          saved = await deps.workspace.load();
        } catch (error) {
          patch({ saveError: `The saved workspace could not be read (${error instanceof Error ? error.message : String(error)}); imports will start a new one.` });
          return;
        }
        // Datasets imported while the workspace was loading come after the saved ones.
        workspaceRead = true;
        if (saved.length > 0) setDatasets([...saved, ...get().coverage.datasets], false);
        // Sets of schemes no dataset names (deleted before the last reload) leave storage.
        retainSchemes(true);
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

      setGapDefinition: (definition) => {
        if (definition === get().coverage.gapDefinition) return;
        patch({ gapDefinition: definition });
        get().refreshCoverageSummary();
      },

      setAreaWide: (mode) => {
        if (mode === get().coverage.areaWide) return;
        patch({ areaWide: mode });
        startRun();
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
      setColourBy: (colouring) => patch({ colourBy: colouring }),
      setIncludeProposed: (include) => {
        const { summary } = get().coverage;
        patch({ includeProposed: include, summary: summary && summaryState(summary.view, summary.current, summary.withProposed, include) });
      },
      setThemes: (themes) => {
        patch({ themes: [...themes] });
        deps.themes?.save(themes);
      },
      setDatasetProposed: (id, proposed) => {
        setDatasets(get().coverage.datasets.map((d) => (d.id === id ? { ...d, proposed } : d)));
      },
      setSchemeFilter: (filter) => {
        if (filterKey(filter) === filterKey(get().coverage.filter)) return;
        patch({ filter });
        setDatasets([...get().coverage.datasets], false);
      },

      schemeTile: (key, z, x, y, colours) => deps.coverage?.schemeTile(key, z, x, y, [...colours]) ?? Promise.resolve(null),

      openSchemeAt: async (index, at) => {
        const client = deps.coverage;
        const result = get().coverage.result;
        if (!client || !result) return;
        const token = ++seq;
        schemeToken = token;
        let found: Awaited<ReturnType<CoverageClient['schemeAt']>>;
        try {
          found = await client.schemeAt(result.run.key, index);
        } catch {
          found = null;
        }
        if (schemeToken !== token || !found) return;
        const dataset = get().coverage.datasets.find((d) => d.hash === found.datasetHash);
        patch({ openScheme: { scheme: found.scheme, datasetId: dataset?.id ?? null, at } });
      },

      closeScheme: () => {
        schemeToken = ++seq;
        if (get().coverage.openScheme) patch({ openScheme: null });
      },

      startDrawing: (shape) => {
        const { editing } = get().coverage;
        if (editing.kind === 'form') return;
        // One drawing tool on the map at a time: an area tool stops.
        if (shape && get().areas.tool.kind !== 'none') get().startAreaTool({ kind: 'none' });
        patch({ editing: shape ? { kind: 'drawing', shape } : { kind: 'none' }, openScheme: null });
      },

      finishDrawing: (drawn) => {
        if (get().coverage.editing.kind !== 'drawing') return;
        const scheme = newDrawnScheme(drawn, `${Date.now().toString(36)}${(++seq).toString(36)}`);
        patch({ editing: { kind: 'form', scheme, datasetId: null, isNew: true, saving: false, error: null } });
      },

      startSchemeForm: (scheme) => {
        if (get().coverage.editing.kind === 'drawing') get().startDrawing(null);
        patch({ editing: { kind: 'form', scheme, datasetId: null, isNew: true, saving: false, error: null } });
      },

      editOpenScheme: () => {
        const open = get().coverage.openScheme;
        if (!open || open.datasetId === null) return;
        patch({ editing: { kind: 'form', scheme: open.scheme, datasetId: open.datasetId, isNew: false, saving: false, error: null }, openScheme: null });
      },

      saveScheme: async (scheme) => {
        const { editing } = get().coverage;
        if (editing.kind !== 'form' || editing.saving) return;
        const drawn = get().coverage.datasets.find((d) => d.format === 'drawn');
        const datasetId = editing.isNew ? (drawn?.id ?? null) : editing.datasetId;
        await changeSchemes(datasetId, editing.isNew ? { kind: 'add', scheme } : { kind: 'update', scheme });
      },

      removeScheme: async () => {
        const { editing } = get().coverage;
        if (editing.kind !== 'form' || editing.isNew || editing.saving) return;
        await changeSchemes(editing.datasetId, { kind: 'remove', id: editing.scheme.id });
      },

      closeSchemeForm: () => {
        if (get().coverage.editing.kind === 'form') patch({ editing: { kind: 'none' } });
      },

      setAreaScope: (area) => {
        if ((area?.key ?? null) === (get().coverage.areaScope?.key ?? null)) return;
        patch({ areaScope: area });
        get().refreshCoverageSummary();
      },

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
                patch({ summary: summaryState(outcome.view, outcome.summary, outcome.withProposed, get().coverage.includeProposed), measuring: null, measureNote: null });
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
