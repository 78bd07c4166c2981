// The coverage slice with a fake worker: what runs when, what is kept when a file fails, how
// cancelling and the panel's tabs behave.

import { describe, expect, it, vi } from 'vitest';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import type { Scheme } from '../../src/core/scheme';
import type {
  CoverageClient,
  NearestOutcome,
  NearestProgress,
  NearestRequest,
  RunOutcome,
  RunProgress,
  RunRequest,
  SchemesFileRead,
  SummaryRequest,
} from '../../src/state/coverage-protocol';
import { fileFailureMessage, gapNearestKm, gapsToMeasure, GAP_ROWS_SHOWN, withMeasured } from '../../src/state/coverage-slice';
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

/** A worker that answers when the test says so. */
function fakeClient(read: SchemesFileRead = { ok: true, schemes: [route], problems: [], hash: 'h1' }) {
  const runs: Pending<RunRequest, RunProgress>[] = [];
  const measures: Pending<NearestRequest, NearestProgress>[] = [];
  const summaries: SummaryRequest[] = [];
  const client = {
    readSchemes: vi.fn(async (_file: Blob): Promise<SchemesFileRead> => read),
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
      },
    });
  };
  return { client, runs, measures, summaries, finishRun };
}

function setup(read?: SchemesFileRead) {
  const fake = fakeClient(read);
  const store = createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    { fetchDetails: async () => ({ ok: true, value: details }), saveBasemapUrl: () => undefined, coverage: fake.client },
  );
  return { store, ...fake };
}

const file = (name = 'routes.geojson') => new File(['{}'], name);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coverage slice', () => {
  it('knows which LSOAs schemes naming areas reach, for the map to draw, once their run is done', async () => {
    const areaList: Scheme = { id: 'a1', name: 'Ward fund', kind: 'community', footprint: { type: 'areas', areas: [{ kind: 'ward', code: 'E05000001' }] } };
    const { store, finishRun } = setup({ ok: true, schemes: [route, areaList], problems: [], hash: 'h2' });
    await store.getState().openSchemesFile(file());
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
    await store.getState().openSchemesFile(file());
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
    await store.getState().openSchemesFile(file());
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
    await store.getState().openSchemesFile(file());
    store.getState().setCoverageRule({ kind: 'share', share: 0.5 });
    expect(client.cancel).toHaveBeenCalledWith(runs[0]!.request.id);
    expect(runs[1]!.request.rule).toEqual({ kind: 'share', share: 0.5 });
    expect(runs[1]!.request.id).toBeGreaterThan(runs[0]!.request.id);
    store.getState().setCoverageRule({ kind: 'share', share: 0.5 });
    expect(client.run).toHaveBeenCalledTimes(2);
  });

  it('keeps the schemes and results it had when a file cannot be used', async () => {
    const { store, client, finishRun } = setup();
    await store.getState().openSchemesFile(file());
    finishRun(0);
    await flush();
    const before = store.getState().coverage;
    client.readSchemes.mockResolvedValueOnce({ ok: false, problems: [{ severity: 'error', message: 'The file is not valid JSON (Unexpected token), so it cannot be read as GeoJSON.' }] });
    await store.getState().openSchemesFile(file('grants.csv'));
    const after = store.getState().coverage;
    expect(after.file).toMatchObject({ kind: 'failed', name: 'grants.csv' });
    expect(after.file.kind === 'failed' && after.file.message).toMatch(/grants.csv is not a GeoJSON file.*The schemes from routes.geojson are still loaded\./);
    expect(after.schemes).toBe(before.schemes);
    expect(after.result).toBe(before.result);
    expect(after.summary).toBe(before.summary);
    expect(client.run).toHaveBeenCalledTimes(1);
  });

  it('cancels a run: the worker is told, late answers are ignored, and it can run again', async () => {
    const { store, client, runs, finishRun } = setup();
    await store.getState().openSchemesFile(file());
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
    await store.getState().openSchemesFile(file());
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

  it('explains a refused file: what happened, what to do, and what is still loaded', () => {
    expect(fileFailureMessage('a.geojson', [{ severity: 'error', message: 'The file holds no features.' }], null)).toBe(
      'a.geojson could not be used. The file holds no features. Fix the file and open it again.',
    );
    expect(
      fileFailureMessage(
        'b.geojson',
        [
          { feature: 1, severity: 'error', message: 'No geometry. The feature was skipped.' },
          { severity: 'error', message: 'No feature in the file could be used as a scheme (see the reasons above).' },
        ],
        'a.geojson',
      ),
    ).toBe('b.geojson could not be used. None of its features could be used (see the list below). Fix the file and open it again. The schemes from a.geojson are still loaded.');
  });
});
