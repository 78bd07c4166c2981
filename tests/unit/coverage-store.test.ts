// The coverage slices (src/state/slices: datasets, imports, coverage-run, scheme-editing, themes)
// through the store, with a fake worker: what runs when, what is kept when a file fails, how
// cancelling and the panel's tabs behave, how schemes are drawn and edited. The fake worker holds
// the schemes by hash as the real one does (a SchemeStore, and the worker's own edit, export and
// open calls, createCoverageApi); runs and measurements answer when the test says so.

import { describe, expect, it, vi } from 'vitest';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { DEFAULT_REACH, type Scheme } from '../../src/core/scheme';
import { DRAWN_DATASET_NAME, schemeStats } from '../../src/data/dataset';
import type { ColumnMeaning } from '../../src/data/import/columns';
import { readWorkspaceFile } from '../../src/data/workspace-file';
import type {
  CoverageClient,
  EditRequest,
  ImportOutcome,
  ImportRequest,
  ImportTaken,
  NearestOutcome,
  NearestProgress,
  NearestRequest,
  RunOutcome,
  RunProgress,
  RunRequest,
  SchemeFound,
  SummaryRequest,
  TakeRequest,
} from '../../src/contract';
import type { Dataset } from '../../src/data/dataset';
import type { WorkspaceStorage } from '../../src/state/slices/datasets';
import type { MappingMemory } from '../../src/state/slices/imports';
import { DRAWN_REACH_M, type DrawnShape } from '../../src/state/slices/scheme-editing';
import { gapNearestKm, gapsToMeasure, GAP_DISTANCES_MEASURED, withMeasured } from '../../src/state/slices/summary-view';
import { HISTORY_LIMIT, undoableDeletion, undoableOpen } from '../../src/state/history';
import { schemeCard, selectAreaListLsoas } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import type { TargetArea } from '../../src/core/target-area';
import { EMPTY_URL_VIEW } from '../../src/state/url';
import { CalculatorStopped, callStoppedMessage } from '../../src/contract';
import { createCoverageApi } from '../../src/worker/coverage-api';
import { SchemeStore } from '../../src/worker/scheme-store';
import { withUniqueIds } from '../../src/data/unique-scheme-ids';
import { attributes, details, manifest } from './app-fixture';
import { route } from './small-schemes';

function summaryWith(gaps: number[]): CoverageSummary {
  return {
    deciles: [],
    headline: {
      definition: 'unreached',
      gapDecile: 2,
      lsoas: 10,
      people: 100,
      peopleUncovered: 40,
      shareUncovered: 0.4,
      gapLsoas: gaps.length,
      gapPeople: 40,
      shareInGaps: 0.4,
      reachCut: null,
      allEqual: false,
    },
    gaps: gaps.map((index, k) => ({ index, rank: k + 1, decile: 1, people: 10, count: 0, services: 0, stops: 0, allocatedGbp: 0, nearestKm: NaN })),
    fairness: { allocatedGbp: 0, mostDeprivedDeciles: 2, shareOfGbp: null, shareOfPeople: null, concentrationIndex: null, concentrationCurve: null },
    areaWide: null,
  };
}

interface Pending<T, P> {
  request: T;
  onProgress: (progress: P) => void;
  resolve: (outcome: RunOutcome | NearestOutcome) => void;
}

/** What the fake worker makes of any file: these schemes, or a refusal. */
type FakeRead = { ok: true; schemes: Scheme[]; table?: { headers: string[]; meanings: ColumnMeaning[] } } | { ok: false; message: string };

/** A worker that holds schemes by hash and answers runs and measurements when the test says so. */
function fakeClient(read: FakeRead = { ok: true, schemes: [route] }) {
  const previews: ImportRequest[] = [];
  let current = read;
  const runs: Pending<RunRequest, RunProgress>[] = [];
  const measures: Pending<NearestRequest, NearestProgress>[] = [];
  const summaries: SummaryRequest[] = [];
  // The worker's store, and the worker's own calls over it for edits, export and open (none of
  // them needs the built data, so the loader is never called).
  const store = new SchemeStore();
  const engine = createCoverageApi(async () => ({ ok: false, message: 'no built data in the slice tests' }), { store });
  /** The datasets (hashes) each run key was asked for, for schemeAt. */
  const runDatasets = new Map<string, string[]>();
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
          stops: 0,
          placements: [['exact', current.schemes.length]],
          areaWide: 0,
          preferFinest: request.preferFinest === true,
          finer: null,
        },
      };
    }),
    // As the worker does: ids made unique against the datasets named, the set kept under its hash.
    takeImport: vi.fn(async (request: TakeRequest): Promise<ImportTaken | null> => {
      if (!current.ok) return null;
      const existing = (await Promise.all(request.existing.map((hash) => store.get(hash)))).flatMap((set) => set ?? []);
      const unique = withUniqueIds(current.schemes, existing, request.name);
      const { hash, saveError } = await store.add(unique.schemes);
      return {
        format: current.table ? 'CSV' : 'GeoJSON',
        problems: unique.notes,
        hash,
        locatedBy: [],
        stats: schemeStats(unique.schemes),
        bounds: null,
        saveError,
      };
    }),
    discardImport: vi.fn((_token: number) => undefined),
    run: vi.fn((request: RunRequest, onProgress: (p: RunProgress) => void) => {
      runDatasets.set(`${request.schemesHash}|${request.rule.kind}`, [...request.datasets]);
      return new Promise<RunOutcome>((resolve) => runs.push({ request, onProgress, resolve: resolve as Pending<RunRequest, RunProgress>['resolve'] }));
    }),
    summarize: vi.fn(async (request: SummaryRequest) => {
      summaries.push(request);
      return { kind: 'done' as const, view: request.view, summary: summaryWith([3]), withProposed: null };
    }),
    measureNearest: vi.fn(
      (request: NearestRequest, onProgress: (p: NearestProgress) => void) =>
        new Promise<NearestOutcome>((resolve) =>
          measures.push({ request, onProgress, resolve: resolve as Pending<NearestRequest, NearestProgress>['resolve'] }),
        ),
    ),
    cancel: vi.fn((_id: number) => undefined),
    // Scheme `index` of a run: the run's datasets' schemes one after another, as the engine has them.
    schemeAt: vi.fn(async (key: string, index: number): Promise<SchemeFound | null> => {
      let k = index;
      for (const hash of runDatasets.get(key) ?? []) {
        const set = (await store.get(hash)) ?? [];
        if (k < set.length) return { scheme: set[k]!, datasetHash: hash };
        k -= set.length;
      }
      return null;
    }),
    editSchemes: vi.fn((request: EditRequest) => engine.editSchemes(request)),
    exportWorkspace: vi.fn((datasets: Dataset[], exportedAt: string, themes: string[], areas: TargetArea[]) =>
      engine.exportWorkspace(datasets, exportedAt, themes, areas),
    ),
    openWorkspace: vi.fn((bytes: ArrayBuffer, name: string) => engine.openWorkspace(bytes, name)),
    retain: vi.fn((hashes: string[], fromStorage: boolean) => void engine.retain(hashes, fromStorage)),
    schemeTile: vi.fn(() => Promise.resolve(null)),
    areaReport: vi.fn(() => Promise.resolve({ kind: 'failed' as const, message: 'not in these tests' })),
    areaLsoas: vi.fn(() => Promise.resolve(null)),
    areaPolygons: vi.fn(() => Promise.resolve(null)),
    readAreasFile: vi.fn(() => Promise.resolve({ ok: false as const, message: 'not in these tests' })),
    evidencePack: vi.fn(() => Promise.resolve({ kind: 'missing' as const })),
  } satisfies CoverageClient;
  const finishRun = (k: number, gaps: number[] = [0, 3], reached?: { lsoaStart: Uint32Array; lsoaSchemes: Uint32Array; areaDatasets?: Uint16Array }) => {
    const { request } = runs[k]!;
    runs[k]!.resolve({
      kind: 'done',
      view: request.view,
      summary: summaryWith(gaps),
      withProposed: null,
      run: {
        key: `${request.schemesHash}|${request.rule.kind}`,
        schemesHash: request.schemesHash,
        datasets: [...request.datasets],
        rule: request.rule,
        areaWide: request.areaWide,
        count: new Uint32Array(6),
        allocatedGbp: new Float64Array(6),
        services: new Uint32Array(6),
        stops: new Uint32Array(6),
        byKind: {},
        byPlacement: {},
        lsoaStart: reached?.lsoaStart ?? new Uint32Array(7),
        lsoaSchemes: reached?.lsoaSchemes ?? new Uint32Array(0),
        areaDatasets: reached?.areaDatasets ?? new Uint16Array(6),
        withProposed: null,
        proposedSchemes: 0,
        proposedAmountGbp: 0,
        problems: [],
        schemesRead: 1,
        schemesUsed: 1,
        amountGbp: 0,
        millis: 5,
      },
    });
  };
  const answerWith = (next: FakeRead) => (current = next);
  /** The schemes the worker holds under `hash`. */
  const held = (hash: string) => store.get(hash);
  return { client, runs, measures, summaries, previews, finishRun, answerWith, held };
}

function memoryWorkspace(saved: Dataset[] = [], load?: () => Promise<Dataset[]>) {
  const saves: Dataset[][] = [];
  let fail: string | null = null;
  const workspace: WorkspaceStorage = {
    load: load ?? (async () => saved),
    save: async (datasets) => {
      if (fail) throw new Error(fail);
      saves.push([...datasets]);
    },
  };
  return { workspace, saves, failWith: (message: string | null) => (fail = message) };
}

function setup(
  read?: FakeRead,
  options: { saved?: Dataset[]; load?: () => Promise<Dataset[]>; mappings?: MappingMemory; otherTabsOpen?: () => Promise<boolean> } = {},
) {
  const fake = fakeClient(read);
  const memory = memoryWorkspace(options.saved, options.load);
  const store = createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    {
      fetchDetails: async () => ({ ok: true, value: details }),
      saveBasemapUrl: () => undefined,
      coverage: fake.client,
      workspace: memory.workspace,
      ...(options.mappings ? { mappings: options.mappings } : {}),
      ...(options.otherTabsOpen ? { otherTabsOpen: options.otherTabsOpen } : {}),
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
    const { store, finishRun } = setup({ ok: true, schemes: [route, areaList] });
    await importFile(store);
    expect(selectAreaListLsoas(store.getState()).size).toBe(0);
    // LSOA 1: the route only; LSOA 2: the area list only; LSOA 4: both. The worker says which
    // dataset's area list first reaches each LSOA (its position + 1); the map tints it in that dataset's colour.
    finishRun(0, [0], {
      lsoaStart: Uint32Array.of(0, 0, 1, 2, 2, 4, 4),
      lsoaSchemes: Uint32Array.of(0, 1, 0, 1),
      areaDatasets: Uint16Array.of(0, 0, 1, 0, 1, 0),
    });
    await flush();
    const colour = store.getState().coverage.datasets[0]!.colour;
    expect([...selectAreaListLsoas(store.getState())]).toEqual([
      [2, colour],
      [4, colour],
    ]);
    // Hidden, the run no longer is of the schemes shown: nothing to tint.
    store.getState().setDatasetVisible(store.getState().coverage.datasets[0]!.id, false);
    expect(selectAreaListLsoas(store.getState()).size).toBe(0);
  });

  it('an import the browser cannot store (quota) is still added and run, and says to export', async () => {
    const { store, client } = setup();
    const take = client.takeImport.getMockImplementation()!;
    client.takeImport.mockImplementationOnce(async (request) => {
      const taken = await take(request);
      return taken && { ...taken, saveError: 'the browser has no room left for GapMap’s data (storage quota reached)' };
    });
    await importFile(store);
    const { coverage } = store.getState();
    expect(coverage.datasets).toHaveLength(1);
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(coverage.saveError).toMatch(
      /could not be saved in this browser \(the browser has no room left .*\(storage quota reached\)\)\. .*export the workspace/,
    );
    // The datasets' fields saving later does not hide that their schemes were not stored.
    await flush();
    expect(store.getState().coverage.saveError).not.toBeNull();
  });

  it('reads a file, runs coverage for the current scope, indicator and gap decile, then measures the gaps shown', async () => {
    const { store, client, runs, measures, finishRun, held } = setup();
    await importFile(store);
    const { coverage } = store.getState();
    expect(coverage.datasetName).toBe('routes.geojson');
    const [dataset] = coverage.datasets;
    expect(dataset).toMatchObject({ name: 'routes.geojson', format: 'GeoJSON', visible: true, stats: schemeStats([route]) });
    expect(coverage.schemeCount).toBe(1);
    // The page holds the hash; the worker holds the schemes under it.
    expect(await held(dataset!.hash)).toEqual([route]);
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(runs[0]!.request).toMatchObject({
      schemesHash: dataset!.hash,
      datasets: [dataset!.hash],
      rule: { kind: 'intersects' },
      view: { scope: { kind: 'england' }, indicator: 'imd', gapDecile: 2, gaps: 'unreached', area: null },
    });

    runs[0]!.onProgress({ phase: 'preparing', done: 0.5 });
    expect(store.getState().coverage.status).toMatchObject({ kind: 'preparing', done: 0.5 });
    runs[0]!.onProgress({ phase: 'coverage', done: 0.25 });
    expect(store.getState().coverage.status).toMatchObject({ kind: 'running', phase: 'coverage', done: 0.25 });

    finishRun(0);
    await flush();
    expect(store.getState().coverage.status).toEqual({ kind: 'ready' });
    // The worker's last progress may arrive after its answer: it changes nothing.
    runs[0]!.onProgress({ phase: 'summary', done: 1 });
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
      { scope: { kind: 'england' }, indicator: 'imd', gapDecile: 3, gaps: 'unreached', area: null },
      { scope: { kind: 'england' }, indicator: 'income', gapDecile: 3, gaps: 'unreached', area: null },
      { scope: { kind: 'lad', index: 2 }, indicator: 'income', gapDecile: 3, gaps: 'unreached', area: null },
    ]);
    expect(store.getState().coverage.summary?.view).toEqual({
      scope: { kind: 'lad', index: 2 },
      indicator: 'income',
      gapDecile: 3,
      gaps: 'unreached',
      area: null,
    });
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
    expect(store.getState().coverage).toMatchObject({ importing: { kind: 'none' }, datasets: [], shownHashes: [], schemeCount: 0 });
    expect(client.takeImport).not.toHaveBeenCalled();
    expect(client.run).not.toHaveBeenCalled();
    expect(saves).toEqual([]);
  });

  it('reads several files one after another, each confirmed on its own; ids stay unique across datasets', async () => {
    const { store, client, runs, held } = setup();
    store.getState().importFiles([file('a.geojson'), file('b.geojson')]);
    await flush();
    await flush();
    expect(store.getState().coverage.importQueue.map((f) => f.name)).toEqual(['b.geojson']);
    await store.getState().confirmImport();
    await flush();
    await flush();
    expect(store.getState().coverage.importing).toMatchObject({ kind: 'preview', preview: { name: 'b.geojson' } });
    await store.getState().confirmImport();
    const { datasets, schemeCount, shownHashes } = store.getState().coverage;
    expect(datasets.map((d) => d.name)).toEqual(['a.geojson', 'b.geojson']);
    // The second import was checked against the first dataset's schemes.
    expect(client.takeImport).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'b.geojson', existing: [datasets[0]!.hash] }));
    expect((await held(datasets[0]!.hash))?.map((s) => s.id)).toEqual(['r1']);
    expect((await held(datasets[1]!.hash))?.map((s) => s.id)).toEqual(['r1#2']);
    expect(datasets[1]!.hash).not.toBe(datasets[0]!.hash);
    expect(schemeCount).toBe(2);
    expect(shownHashes).toEqual([datasets[0]!.hash, datasets[1]!.hash]);
    expect(runs[1]!.request.datasets).toEqual([datasets[0]!.hash, datasets[1]!.hash]);
    expect(datasets[1]!.problems.map((p) => p.message)).toEqual(["The id 'r1' is already used by another dataset; in b.geojson it was renamed 'r1#2'."]);
    expect(datasets[0]!.colour).not.toBe(datasets[1]!.colour);
    expect(client.run).toHaveBeenCalledTimes(2);
  });

  it('hides, deletes and brings back datasets; coverage follows the datasets shown', async () => {
    const { store, client, saves } = setup();
    await importFile(store);
    const id = store.getState().coverage.datasets[0]!.id;
    const hash = store.getState().coverage.datasets[0]!.hash;
    store.getState().setDatasetVisible(id, false);
    expect(store.getState().coverage).toMatchObject({ shownHashes: [], schemeCount: 0, schemesHash: null, result: null, summary: null });
    store.getState().setDatasetVisible(id, true);
    expect(store.getState().coverage).toMatchObject({ shownHashes: [hash], schemeCount: 1 });
    expect(client.run).toHaveBeenCalledTimes(2);
    expect(client.run.mock.calls[1]![0].datasets).toEqual([hash]);
    store.getState().deleteDataset(id);
    expect(store.getState().coverage).toMatchObject({ datasets: [], shownHashes: [], schemeCount: 0 });
    expect(undoableDeletion(store.getState())).toMatchObject({ index: 0, dataset: { id } });
    store.getState().undo();
    expect(store.getState().coverage.datasets.map((d) => d.id)).toEqual([id]);
    expect(undoableDeletion(store.getState())).toBeNull();
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
      problems: [],
      hash: 'h9',
      importedAt: '2026-11-26T00:00:00.000Z',
      locatedBy: [],
      stats: schemeStats([route]),
    };
    const { store, client, failWith } = setup(undefined, { saved: [saved] });
    await store.getState().loadWorkspace();
    expect(store.getState().coverage).toMatchObject({
      datasets: [saved],
      schemesHash: 'h9',
      shownHashes: ['h9'],
      schemeCount: 1,
      datasetName: 'saved.geojson',
    });
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(client.run.mock.calls[0]![0].datasets).toEqual(['h9']);
    failWith('storage quota reached');
    store.getState().setDatasetVisible('d1', false);
    await flush();
    expect(store.getState().coverage.saveError).toMatch(/could not be saved in this browser \(storage quota reached\).*export the workspace/);
  });

  it('exports the workspace and opens it again exactly; opening another file replaces the datasets, with undo', async () => {
    const { store, client, held } = setup();
    await importFile(store, 'a.geojson');
    const exported = await store.getState().exportWorkspace();
    if (!exported) throw new Error(store.getState().coverage.importErrors[0]?.message);
    const before = store.getState().coverage.datasets;
    // The file holds the datasets and their schemes.
    const file = readWorkspaceFile(new TextDecoder().decode(exported), 'workspace.geojson');
    if (!file.ok) throw new Error(file.message);
    expect(file.datasets).toEqual([{ ...before[0]!, schemes: [route] }]);
    store.getState().deleteDataset(before[0]!.id);
    await store.getState().openWorkspaceFile(new File([exported], 'workspace.geojson'));
    expect(store.getState().coverage.datasets).toEqual(before);
    expect(store.getState().coverage.shownHashes).toEqual([before[0]!.hash]);
    expect(await held(before[0]!.hash)).toEqual([route]);
    expect(undoableOpen(store.getState())).toEqual({ name: 'workspace.geojson' });
    expect(store.getState().history.past.at(-1)!.steps[0]).toMatchObject({ subject: 'datasets', change: { kind: 'replace', before: [] } });
    store.getState().undo();
    expect(store.getState().coverage.datasets).toEqual([]);
    // The target areas travel in the file: opening it brings them back; its undo takes them away again.
    store.getState().toggleAreaLsoa(0);
    const area = store.getState().areas.list[0]!;
    const withAreas = await store.getState().exportWorkspace();
    store.getState().deleteArea(area.id);
    await store.getState().openWorkspaceFile(new File([withAreas!], 'workspace.geojson'));
    expect(store.getState().areas.list).toEqual([area]);
    store.getState().undo();
    expect(store.getState().areas.list).toEqual([]);
    // A file that is not a workspace changes nothing and says why.
    await store.getState().openWorkspaceFile(new File(['{"type":"FeatureCollection","features":[]}'], 'routes.geojson'));
    expect(store.getState().coverage.datasets).toEqual([]);
    expect(store.getState().coverage.importErrors[0]?.message).toMatch(/routes.geojson is not a GapMap workspace file/);
    // A workspace the worker cannot export whole gives no file, and says why.
    client.exportWorkspace.mockResolvedValueOnce({ kind: 'failed', message: 'The schemes of a.geojson are no longer held in this browser.' });
    expect(await store.getState().exportWorkspace()).toBeNull();
    expect(store.getState().coverage.importErrors).toEqual([{ name: 'Workspace', message: 'The schemes of a.geojson are no longer held in this browser.' }]);
  });

  it('reads a file again with a changed column meaning, and remembers the mapping for the same headers', async () => {
    const remembered = new Map<string, ColumnMeaning[]>();
    const mappings: MappingMemory = {
      recall: (headers) => remembered.get(headers.join('|')) ?? null,
      remember: (headers, meanings) => void remembered.set(headers.join('|'), [...meanings]),
    };
    const table = { headers: ['Name', 'Where'], meanings: [{ kind: 'field', field: 'name' }, { kind: 'ignore' }] as ColumnMeaning[] };
    const { store, previews } = setup({ ok: true, schemes: [route], table }, { mappings });
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

describe('drawing and editing schemes', () => {
  const point: DrawnShape = { shape: 'point', point: [-2.33, 53.44] };
  const line: DrawnShape = {
    shape: 'line',
    line: [
      [-2.3, 53.45],
      [-2.32, 53.46],
    ],
  };

  /** Draws a shape and returns the form's new scheme: a point with a catchment, or a route with a buffer. */
  function draw(store: ReturnType<typeof setup>['store'], drawn: DrawnShape): Scheme {
    store.getState().startDrawing(drawn.shape);
    expect(store.getState().coverage.editing).toEqual({ kind: 'drawing', shape: drawn.shape });
    store.getState().finishDrawing(drawn);
    const editing = store.getState().coverage.editing;
    if (editing.kind !== 'form') throw new Error(`editing is ${editing.kind}`);
    expect(editing).toMatchObject({ isNew: true, datasetId: null, saving: false, error: null });
    expect(editing.scheme.footprint).toEqual(
      drawn.shape === 'point' ? { type: 'point', point: drawn.point, radiusM: DRAWN_REACH_M } : { type: 'line', lines: [drawn.line], bufferM: DRAWN_REACH_M },
    );
    return editing.scheme;
  }

  it('adds drawn schemes to one dataset of their own, created on the first save, and runs coverage on it', async () => {
    const { store, client, runs, held } = setup();
    await importFile(store, 'routes.geojson');
    const imported = store.getState().coverage.datasets[0]!;
    const hall = { ...draw(store, point), name: 'Church hall' };
    await store.getState().saveScheme(hall);
    expect(client.editSchemes).toHaveBeenLastCalledWith({ hash: null, change: { kind: 'add', scheme: hall } });
    let { coverage } = store.getState();
    expect(coverage.editing).toEqual({ kind: 'none' });
    expect(coverage.datasets).toHaveLength(2);
    const drawn = coverage.datasets[1]!;
    expect(drawn).toMatchObject({ name: DRAWN_DATASET_NAME, format: 'drawn', visible: true, stats: { count: 1, shapes: { point: 1, line: 0 } } });
    expect(drawn.colour).not.toBe(imported.colour);
    expect(await held(drawn.hash)).toEqual([hall]);
    expect(coverage.schemeCount).toBe(2);
    expect(runs[runs.length - 1]!.request.datasets).toEqual([imported.hash, drawn.hash]);

    const bus = { ...draw(store, line), name: 'Shuttle' };
    expect(bus.id).not.toBe(hall.id);
    await store.getState().saveScheme(bus);
    expect(client.editSchemes).toHaveBeenLastCalledWith({ hash: drawn.hash, change: { kind: 'add', scheme: bus } });
    coverage = store.getState().coverage;
    expect(coverage.datasets.filter((d) => d.format === 'drawn')).toHaveLength(1);
    const after = coverage.datasets[1]!;
    expect(after).toMatchObject({ id: drawn.id, stats: { count: 2, shapes: { point: 1, line: 1 } } });
    expect(after.hash).not.toBe(drawn.hash);
    expect(await held(after.hash)).toEqual([hall, bus]);
    expect(runs[runs.length - 1]!.request.datasets).toEqual([imported.hash, after.hash]);
    expect(coverage.editing).toEqual({ kind: 'none' });
  });

  it('undoes and redoes drawn schemes, one moment each, keeping the sets undo or redo could bring back', async () => {
    const { store, client, runs } = setup();
    await store.getState().loadWorkspace();
    await importFile(store, 'routes.geojson');
    const imported = store.getState().coverage.datasets[0]!;
    await store.getState().saveScheme({ ...draw(store, point), name: 'Church hall' });
    const first = store.getState().coverage.datasets[1]!;
    await store.getState().saveScheme({ ...draw(store, line), name: 'Shuttle' });
    const second = store.getState().coverage.datasets[1]!;
    expect(second.hash).not.toBe(first.hash);
    // Undo the second scheme: the drawn dataset takes its former set back, and coverage runs on it.
    store.getState().undo();
    expect(store.getState().coverage.datasets.map((d) => d.hash)).toEqual([imported.hash, first.hash]);
    expect(runs[runs.length - 1]!.request.datasets).toEqual([imported.hash, first.hash]);
    expect(client.retain.mock.lastCall![0]).toEqual(expect.arrayContaining([imported.hash, first.hash, second.hash]));
    // Undo the first: the drawn dataset, made by it, goes.
    store.getState().undo();
    expect(store.getState().coverage.datasets.map((d) => d.id)).toEqual([imported.id]);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().coverage.datasets.map((d) => [d.id, d.hash])).toEqual([
      [imported.id, imported.hash],
      [first.id, second.hash],
    ]);
  });

  it('stops drawing without a scheme, and closes a new scheme’s form without saving', async () => {
    const { store, client } = setup();
    store.getState().startDrawing('line');
    store.getState().startDrawing(null);
    expect(store.getState().coverage.editing).toEqual({ kind: 'none' });
    store.getState().finishDrawing(line); // Not drawing: ignored.
    expect(store.getState().coverage.editing).toEqual({ kind: 'none' });
    draw(store, point);
    store.getState().closeSchemeForm();
    expect(store.getState().coverage).toMatchObject({ editing: { kind: 'none' }, datasets: [] });
    expect(client.editSchemes).not.toHaveBeenCalled();
  });

  it('opens a scheme of the run, and saves changes to it in its own dataset', async () => {
    const { store, client, runs, finishRun, held } = setup();
    await importFile(store);
    finishRun(0);
    await flush();
    const dataset = store.getState().coverage.datasets[0]!;
    await store.getState().openSchemeAt(0, [-2.3, 53.4]);
    expect(client.schemeAt).toHaveBeenCalledWith(`${runs[0]!.request.schemesHash}|intersects`, 0);
    expect(store.getState().coverage.openScheme).toEqual({ scheme: route, datasetId: dataset.id, at: [-2.3, 53.4] });
    expect(schemeCard(store.getState())).toMatchObject({ title: 'Route 1', editable: true, lines: expect.arrayContaining([`Dataset: ${dataset.name}`]) });

    store.getState().editOpenScheme();
    expect(store.getState().coverage).toMatchObject({
      openScheme: null,
      editing: { kind: 'form', scheme: route, datasetId: dataset.id, isNew: false, saving: false, error: null },
    });
    const renamed: Scheme = { ...route, name: 'Route 1A', amountGbp: 2500 };
    await store.getState().saveScheme(renamed);
    expect(client.editSchemes).toHaveBeenLastCalledWith({ hash: dataset.hash, change: { kind: 'update', scheme: renamed } });
    const { coverage } = store.getState();
    expect(coverage.editing).toEqual({ kind: 'none' });
    expect(coverage.datasets).toHaveLength(1);
    const changed = coverage.datasets[0]!;
    expect(changed).toMatchObject({ id: dataset.id, name: dataset.name, format: 'GeoJSON', stats: dataset.stats });
    expect(changed.hash).not.toBe(dataset.hash);
    expect(await held(changed.hash)).toEqual([renamed]);
    expect(runs[runs.length - 1]!.request.datasets).toEqual([changed.hash]);
  });

  it('removes the scheme whose form is open from its dataset', async () => {
    const other: Scheme = { ...route, id: 'r2', name: 'Route 2' };
    const { store, client, runs, finishRun, held } = setup({ ok: true, schemes: [route, other] });
    await importFile(store);
    finishRun(0);
    await flush();
    const dataset = store.getState().coverage.datasets[0]!;
    await store.getState().openSchemeAt(1, [-2.3, 53.4]);
    store.getState().editOpenScheme();
    await store.getState().removeScheme();
    expect(client.editSchemes).toHaveBeenLastCalledWith({ hash: dataset.hash, change: { kind: 'remove', id: 'r2' } });
    const changed = store.getState().coverage.datasets[0]!;
    expect(changed.stats.count).toBe(1);
    expect(await held(changed.hash)).toEqual([route]);
    expect(store.getState().coverage.schemeCount).toBe(1);
    expect(runs[runs.length - 1]!.request.datasets).toEqual([changed.hash]);
  });

  it('keeps the form open with the reason when the worker refuses or fails; nothing changes', async () => {
    const { store, client } = setup();
    await importFile(store);
    const before = store.getState().coverage.datasets;
    const runsBefore = client.run.mock.calls.length;
    const hall = { ...draw(store, point), name: 'Church hall' };
    client.editSchemes.mockResolvedValueOnce({
      kind: 'failed',
      message: 'The dataset’s schemes are no longer held in this browser; reload the page and try again.',
    });
    await store.getState().saveScheme(hall);
    expect(store.getState().coverage.editing).toEqual({
      kind: 'form',
      scheme: expect.objectContaining({ footprint: hall.footprint }),
      datasetId: null,
      isNew: true,
      saving: false,
      error: 'The dataset’s schemes are no longer held in this browser; reload the page and try again.',
    });
    expect(store.getState().coverage.datasets).toBe(before);
    expect(client.run).toHaveBeenCalledTimes(runsBefore);
    // The worker crashing is said too, and the form can be saved again afterwards.
    client.editSchemes.mockRejectedValueOnce(new Error('worker gone'));
    await store.getState().saveScheme(hall);
    const editing = store.getState().coverage.editing;
    expect(editing.kind === 'form' && editing.error).toMatch(/stopped unexpectedly \(worker gone\)/);
    expect(store.getState().coverage.datasets).toBe(before);
    await store.getState().saveScheme(hall);
    expect(store.getState().coverage.editing).toEqual({ kind: 'none' });
    expect(store.getState().coverage.datasets.map((d) => d.format)).toEqual(['GeoJSON', 'drawn']);
  });

  it('refuses to change a scheme whose dataset was deleted meanwhile', async () => {
    const { store, client, finishRun } = setup();
    await importFile(store);
    finishRun(0);
    await flush();
    await store.getState().openSchemeAt(0, [-2.3, 53.4]);
    store.getState().editOpenScheme();
    store.getState().deleteDataset(store.getState().coverage.datasets[0]!.id);
    await store.getState().saveScheme({ ...route, name: 'Route 1A' });
    expect(client.editSchemes).not.toHaveBeenCalled();
    const editing = store.getState().coverage.editing;
    expect(editing.kind === 'form' && editing.error).toMatch(/deleted meanwhile/);
  });
});

describe('which sets of schemes the worker keeps', () => {
  it('with another tab open, nothing leaves storage at start (that tab’s undo may still need a set)', async () => {
    const { store, client } = setup(undefined, { otherTabsOpen: async () => true });
    await store.getState().loadWorkspace();
    await flush();
    expect(client.retain).toHaveBeenCalled();
    expect(client.retain.mock.calls.filter(([, fromStorage]) => fromStorage)).toHaveLength(0);
  });

  it('waits for the saved workspace before letting the worker drop anything, then keeps datasets and what undo can bring back', async () => {
    const saved: Dataset = {
      id: 'd0',
      name: 'saved.geojson',
      format: 'GeoJSON',
      colour: '#d4351c',
      visible: true,
      problems: [],
      hash: 'saved-hash',
      importedAt: '2026-11-26T00:00:00.000Z',
      locatedBy: [],
      stats: schemeStats([route]),
    };
    let release: (datasets: Dataset[]) => void = () => undefined;
    const load = () => new Promise<Dataset[]>((resolve) => (release = resolve));
    const { store, client, answerWith } = setup(undefined, { load });
    const loading = store.getState().loadWorkspace();
    // An import while the saved workspace is still being read: the worker must not drop the saved sets.
    await importFile(store, 'a.geojson');
    await flush();
    expect(client.retain).not.toHaveBeenCalled();
    release([saved]);
    await loading;
    const a = store.getState().coverage.datasets.find((d) => d.name === 'a.geojson')!;
    expect(store.getState().coverage.datasets.map((d) => d.id)).toEqual(['d0', a.id]);
    // Once read, sets no dataset names leave storage too (once).
    expect(client.retain).toHaveBeenLastCalledWith(expect.arrayContaining(['saved-hash', a.hash]), true);
    expect(client.retain.mock.calls.filter(([, fromStorage]) => fromStorage)).toHaveLength(1);
    expect(client.retain.mock.lastCall![0]).toHaveLength(2);

    // A deleted dataset's set is kept while undo can bring it back, after other deletions too…
    answerWith({ ok: true, schemes: [{ ...route, id: 'b1' }] });
    await importFile(store, 'b.geojson');
    const b = store.getState().coverage.datasets.find((d) => d.name === 'b.geojson')!;
    store.getState().deleteDataset(a.id);
    expect(client.retain).toHaveBeenLastCalledWith(expect.arrayContaining(['saved-hash', a.hash, b.hash]), false);
    expect(client.retain.mock.lastCall![0]).toHaveLength(3);
    store.getState().deleteDataset(b.id);
    expect(client.retain).toHaveBeenLastCalledWith(expect.arrayContaining(['saved-hash', a.hash, b.hash]), false);
    expect(client.retain.mock.lastCall![0]).toHaveLength(3);
    // …and let go once the history no longer holds the deletions (the oldest moments leave it).
    for (let k = 0; k < HISTORY_LIMIT; k++) store.getState().toggleAreaLsoa(0);
    expect(client.retain).toHaveBeenLastCalledWith(['saved-hash'], false);
    expect(client.retain.mock.calls.filter(([, fromStorage]) => fromStorage)).toHaveLength(1);
  });

  it('keeps the datasets a workspace file replaced, for undo', async () => {
    const { store, client, answerWith } = setup();
    await store.getState().loadWorkspace();
    await importFile(store, 'a.geojson');
    const exported = await store.getState().exportWorkspace();
    const a = store.getState().coverage.datasets[0]!;
    store.getState().deleteDataset(a.id);
    answerWith({ ok: true, schemes: [{ ...route, id: 'b1' }] });
    await importFile(store, 'b.geojson');
    const b = store.getState().coverage.datasets[0]!;
    expect(b.hash).not.toBe(a.hash);
    await store.getState().openWorkspaceFile(new File([exported!], 'workspace.geojson'));
    expect(store.getState().coverage.datasets.map((d) => d.hash)).toEqual([a.hash]);
    expect(undoableOpen(store.getState())).toEqual({ name: 'workspace.geojson' });
    expect(client.retain).toHaveBeenLastCalledWith(expect.arrayContaining([a.hash, b.hash]), false);
    expect(client.retain.mock.lastCall![0]).toHaveLength(2);
    // Undone, b's set is named again and the file's is kept for redo.
    store.getState().undo();
    expect(store.getState().coverage.datasets.map((d) => d.hash)).toEqual([b.hash]);
    expect(client.retain).toHaveBeenLastCalledWith(expect.arrayContaining([a.hash, b.hash]), false);
    expect(client.retain.mock.lastCall![0]).toHaveLength(2);
  });

  it('never tells the worker to drop stored sets when the saved workspace cannot be read', async () => {
    const { store, client } = setup(undefined, { load: () => Promise.reject(new Error('IndexedDB is broken')) });
    await store.getState().loadWorkspace();
    expect(store.getState().coverage.saveError).toMatch(/could not be read \(IndexedDB is broken\)/);
    await importFile(store);
    store.getState().deleteDataset(store.getState().coverage.datasets[0]!.id);
    // The saved sets may still be named by the workspace once it can be read again.
    expect(client.retain.mock.calls.filter(([, fromStorage]) => fromStorage)).toEqual([]);
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
  it('measures the gaps (up to the limit) that have no distance yet', () => {
    const summary = summaryWith(Array.from({ length: GAP_DISTANCES_MEASURED + 5 }, (_, i) => i));
    summary.gaps[1]!.nearestKm = 2;
    const todo = gapsToMeasure(summary, new Map([[2, 0.5]]));
    expect(todo).toHaveLength(GAP_DISTANCES_MEASURED - 2);
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

describe('after the coverage worker was restarted', () => {
  it('asks again for the run shown, so the map and figures come back, and closes an import preview the old worker held, saying so', async () => {
    const { store, client, finishRun } = setup();
    await importFile(store);
    finishRun(0);
    await flush();
    expect(store.getState().coverage.status.kind).toBe('ready');
    await preview(store, 'grants.geojson');
    expect(store.getState().coverage.importing.kind).toBe('preview');

    store.getState().calculatorRestarted({ file: 'knot.geojson', during: ['readAreasFile'] });
    expect(client.run).toHaveBeenCalledTimes(2);
    finishRun(1);
    await flush();
    expect(store.getState().coverage.status.kind).toBe('ready');
    expect(store.getState().coverage.importing.kind).toBe('none');
    expect(store.getState().coverage.importErrors).toEqual([
      {
        name: 'grants.geojson',
        message:
          'GapMap restarted its calculator, which was holding grants.geojson for you to check, so nothing was added from it. Choose the file again to import it.',
      },
    ]);
  });

  it('leaves a run that was going when the worker crashed as failed, in the client’s words, rather than running it into another crash', async () => {
    const { store, client } = setup();
    let fail: (error: unknown) => void = () => undefined;
    client.run.mockImplementationOnce(() => new Promise<RunOutcome>((_, reject) => (fail = reject)));
    await importFile(store);
    expect(store.getState().coverage.status.kind).toBe('running');
    const message = callStoppedMessage('the coverage run', { detail: 'out of memory' }, true);
    // As the client does: the calls waiting fail, then the store hears of the restart.
    fail(new CalculatorStopped(message));
    store.getState().calculatorRestarted({ file: null, during: ['run'] });
    await flush();
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(store.getState().coverage.status).toEqual({ kind: 'failed', message });
    expect(message).toMatch(/^GapMap’s calculator stopped during the coverage run \(out of memory\); GapMap restarted it, so try again\./);
  });
});
