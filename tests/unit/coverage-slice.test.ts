// The coverage slice with a fake worker: what runs when, what is kept when a file fails, how
// cancelling and the panel's tabs behave.

import { describe, expect, it, vi } from 'vitest';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { DEFAULT_REACH, type Scheme } from '../../src/core/scheme';
import type { ColumnMeaning } from '../../src/data/import/columns';
import type {
  CoverageClient,
  ImportOutcome,
  ImportRequest,
  NearestOutcome,
  NearestProgress,
  NearestRequest,
  RunOutcome,
  RunProgress,
  RunRequest,
  SummaryRequest,
} from '../../src/state/coverage-protocol';
import {
  gapNearestKm,
  gapsToMeasure,
  GAP_ROWS_SHOWN,
  withMeasured,
  type Dataset,
  type MappingMemory,
  type WorkspaceStorage,
} from '../../src/state/coverage-slice';
import { selectAreaListLsoas } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import { EMPTY_URL_VIEW } from '../../src/state/url';
import { attributes, details, manifest } from './app-fixture';

const route: Scheme = { id: 'r1', name: 'Route 1', kind: 'transport', footprint: { type: 'line', lines: [[[-2.3, 53.4], [-2.31, 53.41]]], bufferM: 400 } };

function summaryWith(gaps: number[]): CoverageSummary {
  return {
    deciles: [],
    headline: { gapDecile: 2, people: 100, peopleUncovered: 40, shareUncovered: 0.4 },
    gaps: gaps.map((index, k) => ({ index, rank: k + 1, decile: 1, people: 10, nearestKm: NaN })),
    fairness: { allocatedGbp: 0, mostDeprivedDeciles: 2, shareOfGbp: null, shareOfPeople: null, concentrationIndex: null },
  };
}

interface Pending<T, P> {
  request: T;
  onProgress: (progress: P) => void;
  resolve: (outcome: RunOutcome | NearestOutcome) => void;
}

/** What the fake worker makes of any file: these schemes, or a refusal. */
type FakeRead = { ok: true; schemes: Scheme[]; hash: string; table?: { headers: string[]; meanings: ColumnMeaning[] } } | { ok: false; message: string };

/** A worker that answers when the test says so. */
function fakeClient(read: FakeRead = { ok: true, schemes: [route], hash: 'h1' }) {
  const previews: ImportRequest[] = [];
  let current = read;
  const runs: Pending<RunRequest, RunProgress>[] = [];
  const measures: Pending<NearestRequest, NearestProgress>[] = [];
  const summaries: SummaryRequest[] = [];
  const client = {
    previewImport: vi.fn(async (request: ImportRequest): Promise<ImportOutcome> => {
      previews.push(request);
      if (!current.ok) return { kind: 'refused', message: current.message };
      const table = current.table ? { ...current.table, meanings: request.meanings ?? current.table.meanings, sample: [] } : null;
      return {
        kind: 'ready',
        preview: {
          token: request.token,
          name: request.name,
          format: table ? 'CSV' : 'GeoJSON',
          schemes: current.schemes.length,
          rows: table ? current.schemes.length : null,
          table,
          sample: current.schemes.slice(0, 5),
          errors: 0,
          warnings: 0,
          reasons: [],
          problems: [],
          locatedBy: [],
          reach: request.reach ?? DEFAULT_REACH,
          shapes: { point: 0, line: current.schemes.length, polygon: 0, areas: 0 },
        },
      };
    }),
    takeImport: vi.fn(async (_token: number) => (current.ok ? { format: 'GeoJSON' as const, schemes: current.schemes, problems: [], hash: current.hash, locatedBy: [] } : null)),
    discardImport: vi.fn((_token: number) => undefined),
    run: vi.fn(
      (request: RunRequest, onProgress: (p: RunProgress) => void) =>
        new Promise<RunOutcome>((resolve) => runs.push({ request, onProgress, resolve: resolve as Pending<RunRequest, RunProgress>['resolve'] })),
    ),
    summarize: vi.fn(async (request: SummaryRequest) => {
      summaries.push(request);
      return { kind: 'done' as const, view: request.view, summary: summaryWith([3]) };
    }),
    measureNearest: vi.fn(
      (request: NearestRequest, onProgress: (p: NearestProgress) => void) =>
        new Promise<NearestOutcome>((resolve) =>
          measures.push({ request, onProgress, resolve: resolve as Pending<NearestRequest, NearestProgress>['resolve'] }),
        ),
    ),
    cancel: vi.fn((_id: number) => undefined),
  } satisfies CoverageClient;
  const finishRun = (k: number, gaps: number[] = [0, 3], reached?: { lsoaStart: Uint32Array; lsoaSchemes: Uint32Array }) => {
    const { request } = runs[k]!;
    runs[k]!.resolve({
      kind: 'done',
      view: request.view,
      summary: summaryWith(gaps),
      run: {
        key: `${request.schemesHash}|${request.rule.kind}`,
        schemesHash: request.schemesHash,
        rule: request.rule,
        count: new Uint32Array(6),
        allocatedGbp: new Float64Array(6),
        lsoaStart: reached?.lsoaStart ?? new Uint32Array(7),
        lsoaSchemes: reached?.lsoaSchemes ?? new Uint32Array(0),
        problems: [],
        schemesRead: 1,
        schemesUsed: 1,
        amountGbp: 0,
        millis: 5,
        mapFeatures: { points: new ArrayBuffer(0), shapes: new ArrayBuffer(0) },
      },
    });
  };
  const answerWith = (next: FakeRead) => (current = next);
  return { client, runs, measures, summaries, previews, finishRun, answerWith };
}

function memoryWorkspace(saved: Dataset[] = []) {
  const saves: Dataset[][] = [];
  let fail: string | null = null;
  const workspace: WorkspaceStorage = {
    load: async () => saved,
    save: async (datasets) => {
      if (fail) throw new Error(fail);
      saves.push([...datasets]);
    },
  };
  return { workspace, saves, failWith: (message: string | null) => (fail = message) };
}

function setup(read?: FakeRead, options: { saved?: Dataset[]; mappings?: MappingMemory } = {}) {
  const fake = fakeClient(read);
  const memory = memoryWorkspace(options.saved);
  const store = createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    {
      fetchDetails: async () => ({ ok: true, value: details }),
      saveBasemapUrl: () => undefined,
      coverage: fake.client,
      workspace: memory.workspace,
      ...(options.mappings ? { mappings: options.mappings } : {}),
    },
  );
  return { store, ...fake, ...memory };
}

const file = (name = 'routes.geojson') => new File(['{}'], name);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Chooses a file and waits for its preview (without confirming). */
async function preview(store: ReturnType<typeof setup>['store'], name = 'routes.geojson'): Promise<void> {
  store.getState().importFiles([file(name)]);
  await flush();
  await flush();
}

/** Chooses a file and confirms its import. */
async function importFile(store: ReturnType<typeof setup>['store'], name = 'routes.geojson'): Promise<void> {
  await preview(store, name);
  await store.getState().confirmImport();
}

describe('coverage slice', () => {
  it('knows which LSOAs schemes naming areas reach, for the map to draw, once their run is done', async () => {
    const areaList: Scheme = { id: 'a1', name: 'Ward fund', kind: 'community', footprint: { type: 'areas', areas: [{ kind: 'ward', code: 'E05000001' }] } };
    const { store, finishRun } = setup({ ok: true, schemes: [route, areaList], hash: 'h2' });
    await importFile(store);
    expect(selectAreaListLsoas(store.getState()).size).toBe(0);
    // LSOA 1: the route only; LSOA 2: the area list only; LSOA 4: both.
    finishRun(0, [0], { lsoaStart: Uint32Array.of(0, 0, 1, 2, 2, 4, 4), lsoaSchemes: Uint32Array.of(0, 1, 0, 1) });
    await flush();
    expect([...selectAreaListLsoas(store.getState())]).toEqual([
      [2, 'community'],
      [4, 'community'],
    ]);
  });

  it('reads a file, runs coverage for the current scope, indicator and gap decile, then measures the gaps shown', async () => {
    const { store, client, runs, measures, finishRun } = setup();
    await importFile(store);
    const { coverage } = store.getState();
    expect(coverage.datasetName).toBe('routes.geojson');
    expect(coverage.schemes).toEqual([route]);
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(runs[0]!.request).toMatchObject({ schemesHash: 'h1', rule: { kind: 'intersects' }, view: { scope: { kind: 'england' }, indicator: 'imd', gapDecile: 2 } });

    runs[0]!.onProgress({ phase: 'preparing', done: 0.5 });
    expect(store.getState().coverage.status).toMatchObject({ kind: 'preparing', done: 0.5 });
    runs[0]!.onProgress({ phase: 'coverage', done: 0.25 });
    expect(store.getState().coverage.status).toMatchObject({ kind: 'running', phase: 'coverage', done: 0.25 });

    finishRun(0);
    await flush();
    expect(store.getState().coverage.status).toEqual({ kind: 'ready' });
    expect(store.getState().coverage.summary?.summary.gaps.map((g) => g.index)).toEqual([0, 3]);
    expect(measures[0]!.request.lsoas).toEqual([0, 3]);
    measures[0]!.onProgress({ done: 1, total: 2, measured: Float64Array.of(0, 1.25) });
    expect(store.getState().coverage.measuring).toMatchObject({ done: 1, total: 2 });
    expect(store.getState().coverage.nearestKm.get(0)).toBe(1.25);
    // The outcome repeats every distance: progress may arrive after it.
    measures[0]!.resolve({ kind: 'done', measured: Float64Array.of(0, 1.25, 3, Infinity) });
    await flush();
    expect(store.getState().coverage.measuring).toBeNull();
    expect(store.getState().coverage.nearestKm.get(3)).toBe(Infinity);
  });

  it('re-summarises, without a new run, when the scope, indicator or gap decile changes', async () => {
    const { store, client, summaries, finishRun } = setup();
    await importFile(store);
    finishRun(0);
    await flush();
    store.getState().setGapDecile(3);
    store.getState().setIndicator('income');
    store.getState().setScope({ kind: 'lad', index: 2 }, { fit: false });
    await flush();
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(summaries.map((s) => s.view)).toEqual([
      { scope: { kind: 'england' }, indicator: 'imd', gapDecile: 3 },
      { scope: { kind: 'england' }, indicator: 'income', gapDecile: 3 },
      { scope: { kind: 'lad', index: 2 }, indicator: 'income', gapDecile: 3 },
    ]);
    expect(store.getState().coverage.summary?.view).toEqual({ scope: { kind: 'lad', index: 2 }, indicator: 'income', gapDecile: 3 });
  });

  it('runs again for a new rule, cancelling the run still going', async () => {
    const { store, client, runs } = setup();
    await importFile(store);
    store.getState().setCoverageRule({ kind: 'share', share: 0.5 });
    expect(client.cancel).toHaveBeenCalledWith(runs[0]!.request.id);
    expect(runs[1]!.request.rule).toEqual({ kind: 'share', share: 0.5 });
    expect(runs[1]!.request.id).toBeGreaterThan(runs[0]!.request.id);
    store.getState().setCoverageRule({ kind: 'share', share: 0.5 });
    expect(client.run).toHaveBeenCalledTimes(2);
  });

  it('keeps the datasets and results it had when a file cannot be used', async () => {
    const { store, client, finishRun, answerWith } = setup();
    await importFile(store);
    finishRun(0);
    await flush();
    const before = store.getState().coverage;
    answerWith({ ok: false, message: 'grants.xlsx is not a text file (it holds binary data).' });
    await preview(store, 'grants.xlsx');
    const after = store.getState().coverage;
    expect(after.importErrors).toEqual([{ name: 'grants.xlsx', message: 'grants.xlsx is not a text file (it holds binary data).' }]);
    expect(after.importing).toEqual({ kind: 'none' });
    expect(after.datasets).toBe(before.datasets);
    expect(after.result).toBe(before.result);
    expect(after.summary).toBe(before.summary);
    expect(client.run).toHaveBeenCalledTimes(1);
  });

  it('adds nothing until the import is confirmed; cancelling leaves everything as it was', async () => {
    const { store, client, saves } = setup();
    await preview(store);
    expect(store.getState().coverage.importing).toMatchObject({ kind: 'preview', preview: { name: 'routes.geojson', schemes: 1 } });
    expect(store.getState().coverage.datasets).toEqual([]);
    store.getState().cancelImport();
    expect(client.discardImport).toHaveBeenCalledTimes(1);
    expect(store.getState().coverage).toMatchObject({ importing: { kind: 'none' }, datasets: [], schemes: [] });
    expect(client.run).not.toHaveBeenCalled();
    expect(saves).toEqual([]);
  });

  it('reads several files one after another, each confirmed on its own; ids stay unique across datasets', async () => {
    const { store, client } = setup();
    store.getState().importFiles([file('a.geojson'), file('b.geojson')]);
    await flush();
    await flush();
    expect(store.getState().coverage.importQueue.map((f) => f.name)).toEqual(['b.geojson']);
    await store.getState().confirmImport();
    await flush();
    await flush();
    expect(store.getState().coverage.importing).toMatchObject({ kind: 'preview', preview: { name: 'b.geojson' } });
    await store.getState().confirmImport();
    const { datasets, schemes } = store.getState().coverage;
    expect(datasets.map((d) => d.name)).toEqual(['a.geojson', 'b.geojson']);
    expect(schemes.map((s) => s.id)).toEqual(['r1', 'r1#2']);
    expect(datasets[1]!.problems.map((p) => p.message)).toEqual(["The id 'r1' is already used by another dataset; in b.geojson it was renamed 'r1#2'."]);
    expect(datasets[0]!.colour).not.toBe(datasets[1]!.colour);
    expect(client.run).toHaveBeenCalledTimes(2);
  });

  it('hides, deletes and brings back datasets; coverage follows the datasets shown', async () => {
    const { store, client, saves } = setup();
    await importFile(store);
    const id = store.getState().coverage.datasets[0]!.id;
    store.getState().setDatasetVisible(id, false);
    expect(store.getState().coverage).toMatchObject({ schemes: [], schemesHash: null, result: null, summary: null });
    store.getState().setDatasetVisible(id, true);
    expect(store.getState().coverage.schemes).toEqual([route]);
    expect(client.run).toHaveBeenCalledTimes(2);
    store.getState().deleteDataset(id);
    expect(store.getState().coverage).toMatchObject({ datasets: [], schemes: [], lastDeleted: { index: 0 } });
    store.getState().undoDeleteDataset();
    expect(store.getState().coverage.datasets.map((d) => d.id)).toEqual([id]);
    expect(store.getState().coverage.lastDeleted).toBeNull();
    // Every change was saved, in order.
    expect(saves.map((datasets) => datasets.map((d) => `${d.name}:${d.visible}`))).toEqual([
      ['routes.geojson:true'],
      ['routes.geojson:false'],
      ['routes.geojson:true'],
      [],
      ['routes.geojson:true'],
    ]);
  });

  it('restores the saved workspace at start and runs coverage on it; says so when saving fails', async () => {
    const saved: Dataset = {
      id: 'd1',
      name: 'saved.geojson',
      format: 'GeoJSON',
      colour: '#d4351c',
      visible: true,
      schemes: [route],
      problems: [],
      hash: 'h9',
      importedAt: '2026-11-26T00:00:00.000Z',
      locatedBy: [],
    };
    const { store, client, failWith } = setup(undefined, { saved: [saved] });
    await store.getState().loadWorkspace();
    expect(store.getState().coverage).toMatchObject({ datasets: [saved], schemesHash: 'h9', datasetName: 'saved.geojson' });
    expect(client.run).toHaveBeenCalledTimes(1);
    failWith('storage quota reached');
    store.getState().setDatasetVisible('d1', false);
    await flush();
    expect(store.getState().coverage.saveError).toMatch(/could not be saved in this browser \(storage quota reached\).*export the workspace/);
  });

  it('exports the workspace and opens it again exactly; opening another file replaces the datasets, with undo', async () => {
    const { store } = setup();
    await importFile(store, 'a.geojson');
    const exported = store.getState().exportWorkspace();
    const before = store.getState().coverage.datasets;
    store.getState().deleteDataset(before[0]!.id);
    await store.getState().openWorkspaceFile(new File([exported], 'workspace.geojson'));
    expect(store.getState().coverage.datasets).toEqual(before);
    expect(store.getState().coverage.lastReplaced).toMatchObject({ datasets: [], name: 'workspace.geojson' });
    store.getState().undoOpenWorkspace();
    expect(store.getState().coverage.datasets).toEqual([]);
    // A file that is not a workspace changes nothing and says why.
    await store.getState().openWorkspaceFile(new File(['{"type":"FeatureCollection","features":[]}'], 'routes.geojson'));
    expect(store.getState().coverage.datasets).toEqual([]);
    expect(store.getState().coverage.importErrors[0]?.message).toMatch(/routes.geojson is not a GapMap workspace file/);
  });

  it('reads a file again with a changed column meaning, and remembers the mapping for the same headers', async () => {
    const remembered = new Map<string, ColumnMeaning[]>();
    const mappings: MappingMemory = {
      recall: (headers) => remembered.get(headers.join('|')) ?? null,
      remember: (headers, meanings) => void remembered.set(headers.join('|'), [...meanings]),
    };
    const table = { headers: ['Name', 'Where'], meanings: [{ kind: 'field', field: 'name' }, { kind: 'ignore' }] as ColumnMeaning[] };
    const { store, previews } = setup({ ok: true, schemes: [route], hash: 'h1', table }, { mappings });
    await preview(store, 'a.csv');
    const postcode: ColumnMeaning = { kind: 'location', place: 'scheme', part: 'postcode' };
    store.getState().setImportMeaning(1, postcode);
    await flush();
    expect(previews[1]).toMatchObject({ name: 'a.csv', meanings: [table.meanings[0], postcode] });
    expect(previews[1]!.bytes).toBeUndefined(); // The worker still holds the file.
    await store.getState().confirmImport();
    // The next file with these headers is read with the mapping chosen here.
    await preview(store, 'b.csv');
    expect(previews[3]).toMatchObject({ name: 'b.csv', meanings: [table.meanings[0], postcode] });
    const importing = store.getState().coverage.importing;
    expect(importing.kind === 'preview' && importing.preview.table?.meanings[1]).toEqual(postcode);
  });

  it('cancels a run: the worker is told, late answers are ignored, and it can run again', async () => {
    const { store, client, runs, finishRun } = setup();
    await importFile(store);
    store.getState().cancelCoverage();
    expect(client.cancel).toHaveBeenCalledWith(runs[0]!.request.id);
    expect(store.getState().coverage.status).toEqual({ kind: 'idle', note: 'The coverage run was stopped.' });
    finishRun(0);
    await flush();
    expect(store.getState().coverage.result).toBeNull();
    store.getState().runCoverage();
    expect(client.run).toHaveBeenCalledTimes(2);
  });

  it('says what failed when a run fails', async () => {
    const { store, runs } = setup();
    await importFile(store);
    runs[0]!.resolve({ kind: 'failed', message: 'The LSOA boundaries could not be downloaded.' });
    await flush();
    expect(store.getState().coverage.status).toEqual({ kind: 'failed', message: 'The LSOA boundaries could not be downloaded.' });
  });
});

describe('side panel tabs', () => {
  it('opens coverage beside the details; Esc closes the tab in front, then the other', () => {
    const { store } = setup();
    store.getState().selectLsoa(3, { fly: false });
    store.getState().openCoverage();
    expect(store.getState()).toMatchObject({ panelTab: 'coverage', coverageOpen: true, panel: { mode: 'lsoa', index: 3 } });
    store.getState().closePanel();
    expect(store.getState()).toMatchObject({ panelTab: 'details', coverageOpen: false, panel: { mode: 'lsoa', index: 3 } });
    store.getState().openCoverage();
    store.getState().showPanelTab('details');
    store.getState().closePanel();
    expect(store.getState()).toMatchObject({ panelTab: 'coverage', coverageOpen: true, panel: { mode: 'closed' } });
  });

  it('selects an LSOA from the gap list without leaving the coverage tab; a map click shows details', () => {
    const { store } = setup();
    store.getState().openCoverage();
    store.getState().selectLsoa(2, { fly: false, keepTab: true });
    expect(store.getState()).toMatchObject({ panelTab: 'coverage', panel: { mode: 'lsoa', index: 2 } });
    store.getState().selectLsoa(4, { fly: false });
    expect(store.getState()).toMatchObject({ panelTab: 'details', panel: { mode: 'lsoa', index: 4 } });
  });

  it('fits the map to the scope when the coverage panel opens and narrows it', () => {
    const { store } = setup();
    const before = store.getState().cameraRequest?.seq ?? 0;
    store.getState().openCoverage();
    expect(store.getState().cameraRequest?.seq).toBe(before + 1);
    store.getState().openCoverage();
    expect(store.getState().cameraRequest?.seq).toBe(before + 1);
  });
});

describe('coverage helpers', () => {
  it('measures only the gaps shown that have no distance yet', () => {
    const summary = summaryWith(Array.from({ length: GAP_ROWS_SHOWN + 5 }, (_, i) => i));
    summary.gaps[1]!.nearestKm = 2;
    const todo = gapsToMeasure(summary, new Map([[2, 0.5]]));
    expect(todo).toHaveLength(GAP_ROWS_SHOWN - 2);
    expect(todo.slice(0, 2)).toEqual([0, 3]);
    expect(gapNearestKm(summary.gaps[1]!, new Map())).toBe(2);
    expect(gapNearestKm(summary.gaps[2]!, new Map([[2, 0.5]]))).toBe(0.5);
    expect(gapNearestKm(summary.gaps[0]!, new Map())).toBeUndefined();
  });

  it('adds measured pairs without changing the map it was given', () => {
    const known = new Map([[1, 1]]);
    const next = withMeasured(known, [2, 0.5]);
    expect([...next]).toEqual([
      [1, 1],
      [2, 0.5],
    ]);
    expect(known.size).toBe(1);
    expect(withMeasured(known, [])).toBe(known);
  });
});
