// The areas slices (src/state/slices/areas.ts, area-report.ts) through the store, with a fake coverage worker and a memory store for areas: drawing, lassoing and
// clicking areas together, undo and redo, saving and loading, importing a file, the selected area's
// live report (and its answers arriving out of order), turning an area into a scheme, exporting.
// The fake worker's report is worked out from the fixture: an area of LSOAs is exactly its codes;
// drawn shapes take in the LSOAs the test says.

import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { areaStats } from '../../src/core/area-stats';
import type { LonLat } from '../../src/core/scheme';
import type { AreaDefinition, TargetArea } from '../../src/core/target-area';
import type { AreaGeoJson } from '../../src/data/area-export';
import { readAreasFile } from '../../src/data/area-file';
import { decodeDeciles } from '../../src/data/schema';
import {
  CalculatorStopped,
  FILE_READ_BUDGET_MS,
  fileStoppedMessage,
  type AreaOutcome,
  type AreaReport,
  type AreaRequest,
  type CoverageClient,
} from '../../src/contract';
import type { AreaStorage } from '../../src/state/slices/area-list-state';
import { createAppStore } from '../../src/state/store';
import { EMPTY_URL_VIEW } from '../../src/state/url';
import { attributes, details, manifest } from './app-fixture';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A closed square ring round a point in Trafford, `d` degrees a side. */
function square(lon: number, lat: number, d = 0.01): LonLat[] {
  return [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];
}

const polygonGeometry = (ring: LonLat[]) => ({ type: 'Polygon', coordinates: [ring] });

const OLD_TRAFFORD = square(-2.3, 53.45);
const STRETFORD = square(-2.33, 53.44);

/** The fixture's LSOA indices for these codes. */
const indicesOf = (codes: readonly string[]) => codes.map((code) => attributes.codes.indexOf(code)).filter((k) => k >= 0);

/** A report as the worker would give it for these LSOAs (people and deciles from the fixture). */
function reportOf(lsoas: readonly number[], request: AreaRequest): AreaReport {
  const sorted = [...lsoas].sort((a, b) => a - b);
  return {
    lsoas: Uint32Array.from(sorted),
    stats: areaStats(sorted, attributes.population, decodeDeciles(attributes.deciles[request.indicator]!)),
    schemes: [],
    gaps: null,
    areaWide: null,
    // Tells reports apart in the out-of-order test.
    notes: [`rule ${request.rule.kind}`],
    millis: 1,
  };
}

interface PendingReport {
  request: AreaRequest;
  resolve: (outcome: AreaOutcome) => void;
}

/** A coverage worker that answers only the area questions (the rest are not asked here). */
function fakeClient() {
  const notHere = () => Promise.reject(new Error('not in the areas tests'));
  /** When set, reports wait for the test to answer them (in `pending`). */
  let manual = false;
  const pending: PendingReport[] = [];
  /** The LSOAs drawn shapes take in (the fake does no geometry). */
  let shapeLsoas: number[] = [3, 4];
  /** What the lasso takes in. */
  let lassoed: Uint32Array | null = Uint32Array.of(1, 2);
  const lsoasOf = (definition: AreaDefinition) => (definition.kind === 'lsoas' ? indicesOf(definition.codes) : shapeLsoas);
  const client = {
    previewImport: vi.fn(notHere),
    takeImport: vi.fn(notHere),
    discardImport: vi.fn((_token: number) => undefined),
    run: vi.fn(notHere),
    summarize: vi.fn(notHere),
    measureNearest: vi.fn(notHere),
    cancel: vi.fn((_id: number) => undefined),
    schemeTile: vi.fn(() => Promise.resolve(null)),
    schemeAt: vi.fn(() => Promise.resolve(null)),
    editSchemes: vi.fn(notHere),
    exportWorkspace: vi.fn(notHere),
    openWorkspace: vi.fn(notHere),
    retain: vi.fn((_hashes: string[], _fromStorage: boolean) => undefined),
    areaReport: vi.fn((request: AreaRequest): Promise<AreaOutcome> => {
      if (manual) return new Promise((resolve) => pending.push({ request, resolve }));
      return Promise.resolve({ kind: 'done', report: reportOf(lsoasOf(request.definition), request) });
    }),
    areaLsoas: vi.fn((_definition: AreaDefinition, _rule: unknown) => Promise.resolve(lassoed)),
    // Files of areas are read as the worker reads them.
    readAreasFile: vi.fn(async (bytes: ArrayBuffer, name: string) => readAreasFile(new Uint8Array(bytes), name)),
    // Shapes as drawn; an LSOA's outline as its box from the details file.
    areaPolygons: vi.fn(async (definition: AreaDefinition): Promise<LonLat[][][] | null> => {
      if (definition.kind === 'shapes') return definition.polygons;
      return indicesOf(definition.codes).map((lsoa) => {
        const [w, s, e, n] = details.bbox.slice(lsoa * 4, lsoa * 4 + 4);
        return [
          [
            [w!, s!],
            [e!, s!],
            [e!, n!],
            [w!, n!],
            [w!, s!],
          ],
        ];
      });
    }),
    evidencePack: vi.fn(() => Promise.resolve({ kind: 'missing' as const })),
  } satisfies CoverageClient;
  /** Answers pending report `k` as the worker would. */
  const answer = (k: number) => {
    const { request, resolve } = pending[k]!;
    resolve({ kind: 'done', report: reportOf(lsoasOf(request.definition), request) });
  };
  return {
    client,
    pending,
    answer,
    answerByHand: () => (manual = true),
    shapesTakeIn: (lsoas: number[]) => (shapeLsoas = lsoas),
    lassoTakesIn: (lsoas: Uint32Array | null) => (lassoed = lsoas),
  };
}

/** Areas kept in memory; `load` may be held back until the test releases it. */
function memoryAreas(saved: TargetArea[] = []) {
  const saves: TargetArea[][] = [];
  let fail: string | null = null;
  let release: (() => void) | null = null;
  let holding = false;
  const storage: AreaStorage = {
    load: vi.fn(async () => {
      if (holding) await new Promise<void>((resolve) => (release = resolve));
      return saved.map((area) => ({ ...area }));
    }),
    save: vi.fn(async (areas: readonly TargetArea[]) => {
      if (fail) throw new Error(fail);
      saves.push([...areas]);
    }),
  };
  return {
    storage,
    saves,
    failWith: (message: string | null) => (fail = message),
    holdLoad: () => (holding = true),
    releaseLoad: () => release?.(),
  };
}

async function setup(options: { saved?: TargetArea[]; load?: boolean; holdLoad?: boolean } = {}) {
  const fake = fakeClient();
  const memory = memoryAreas(options.saved);
  if (options.holdLoad) memory.holdLoad();
  const store = createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    {
      fetchDetails: async () => ({ ok: true, value: details }),
      saveBasemapUrl: () => undefined,
      coverage: fake.client,
      areaStorage: memory.storage,
    },
  );
  // As the app does at start: areas are saved only once the saved ones are read.
  if (options.load !== false) await store.getState().loadAreas();
  return { store, ...fake, ...memory };
}

type Store = Awaited<ReturnType<typeof setup>>['store'];

/** Draws a polygon with the draw tool, as the map hands it over. */
async function draw(store: Store, ring: LonLat[]) {
  store.getState().startAreaTool({ kind: 'draw', shape: 'polygon' });
  await store.getState().finishAreaShape(polygonGeometry(ring));
}

const areas = (store: Store) => store.getState().areas;
const names = (store: Store) => areas(store).list.map((area) => area.name);
const codesOf = (area: TargetArea | undefined) => (area?.definition.kind === 'lsoas' ? area.definition.codes : null);
const selected = (store: Store) => areas(store).list.find((area) => area.id === areas(store).selectedId);

const savedArea = (id: string, name: string, definition: AreaDefinition): TargetArea => ({
  id,
  name,
  description: '',
  colour: '#4c2c92',
  visible: true,
  definition,
});

describe('drawing areas', () => {
  it('a drawn polygon becomes "Area 1", selected and saved, the tool put away; the next is "Area 2"', async () => {
    const { store, saves } = await setup();
    await draw(store, OLD_TRAFFORD);
    const first = areas(store).list[0]!;
    expect(first).toMatchObject({ name: 'Area 1', visible: true, definition: { kind: 'shapes', polygons: [[OLD_TRAFFORD]] } });
    expect(areas(store).selectedId).toBe(first.id);
    expect(areas(store).tool).toEqual({ kind: 'none' });
    expect(areas(store).message).toBeNull();
    await flush();
    expect(saves.at(-1)).toEqual([first]);

    await draw(store, STRETFORD);
    expect(names(store)).toEqual(['Area 1', 'Area 2']);
    const second = areas(store).list[1]!;
    expect(second.id).not.toBe(first.id);
    expect(second.colour).not.toBe(first.colour);
    expect(areas(store).selectedId).toBe(second.id);
    await flush();
    expect(saves.at(-1)).toEqual([first, second]);
  });

  it('a shape finished with no tool on makes nothing', async () => {
    const { store } = await setup();
    await store.getState().finishAreaShape(polygonGeometry(OLD_TRAFFORD));
    expect(areas(store).list).toEqual([]);
  });

  it('refuses a shape with its corners on one line, or only 2 corners, saying why; adds nothing', async () => {
    const { store, saves } = await setup();
    store.getState().startAreaTool({ kind: 'draw', shape: 'polygon' });
    await store.getState().finishAreaShape(
      polygonGeometry([
        [-2.3, 53.44],
        [-2.3, 53.45],
        [-2.3, 53.46],
        [-2.3, 53.44],
      ]),
    );
    expect(areas(store).list).toEqual([]);
    expect(areas(store).message).toEqual({
      tone: 'error',
      text: expect.stringMatching(/could not be used as an area\. .*all its corners lie on one line\. Draw it again/),
    });

    await store.getState().finishAreaShape(
      polygonGeometry([
        [-2.3, 53.44],
        [-2.29, 53.45],
        [-2.3, 53.44],
      ]),
    );
    expect(areas(store).list).toEqual([]);
    expect(areas(store).message).toMatchObject({ tone: 'error', text: expect.stringMatching(/only 2 distinct corners/) });
    expect(store.getState().history.past).toEqual([]);
    await flush();
    expect(saves).toEqual([]);
  });

  it('repairs a self-crossing bowtie into 2 parts, and says so', async () => {
    const { store } = await setup();
    const bowtie: LonLat[] = [
      [-2.32, 53.44],
      [-2.3, 53.46],
      [-2.3, 53.44],
      [-2.32, 53.46],
      [-2.32, 53.44],
    ];
    await draw(store, bowtie);
    expect(areas(store).list).toHaveLength(1);
    const area = areas(store).list[0]!;
    expect(area.definition.kind === 'shapes' && area.definition.polygons).toHaveLength(2);
    expect(areas(store).message).toEqual({ tone: 'info', text: expect.stringMatching(/crossed itself \(1 crossing\).*now 2 parts/) });
  });
});

describe('areas of LSOAs, undo and redo', () => {
  it('the first click starts an area of LSOAs, further clicks add, a second click takes out; undo and redo step exactly', async () => {
    const { store, saves } = await setup();
    store.getState().toggleAreaLsoa(0);
    expect(names(store)).toEqual(['Area 1']);
    expect(codesOf(selected(store))).toEqual(['E01000001']);
    store.getState().toggleAreaLsoa(2);
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000003']);
    store.getState().toggleAreaLsoa(0);
    expect(codesOf(selected(store))).toEqual(['E01000003']);
    expect(areas(store).list).toHaveLength(1);

    store.getState().undo();
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000003']);
    store.getState().undo();
    expect(codesOf(selected(store))).toEqual(['E01000001']);
    store.getState().redo();
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000003']);
    await flush();
    // What undo and redo show is what is saved.
    expect(codesOf(saves.at(-1)?.[0])).toEqual(['E01000001', 'E01000003']);

    // A new change after an undo: nothing left to redo.
    store.getState().undo();
    store.getState().toggleAreaLsoa(4);
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000005']);
    expect(store.getState().history.future).toEqual([]);
    store.getState().redo();
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000005']);

    // Back to before the first click: no area.
    store.getState().undo();
    store.getState().undo();
    expect(areas(store).list).toEqual([]);
    expect(areas(store).selectedId).toBeNull();
    store.getState().undo();
    expect(areas(store).list).toEqual([]);
  });

  it('a click with a drawn area selected starts a new area of LSOAs, leaving the drawn one alone', async () => {
    const { store } = await setup();
    await draw(store, OLD_TRAFFORD);
    store.getState().toggleAreaLsoa(3);
    expect(names(store)).toEqual(['Area 1', 'Area 2']);
    expect(areas(store).list[0]!.definition.kind).toBe('shapes');
    expect(codesOf(selected(store))).toEqual(['E01000004']);
  });

  it('a deleted area comes back with undo, at the same place with the same id; deleting clears the selection', async () => {
    const { store, saves } = await setup();
    await draw(store, OLD_TRAFFORD);
    await draw(store, STRETFORD);
    store.getState().toggleAreaLsoa(5);
    const before = areas(store).list;
    const middle = before[1]!;
    store.getState().selectArea(middle.id);
    store.getState().deleteArea(middle.id);
    expect(names(store)).toEqual(['Area 1', 'Area 3']);
    expect(areas(store).selectedId).toBeNull();
    expect(areas(store).message).toMatchObject({ tone: 'info', text: expect.stringMatching(/^Deleted Area 2\. Undo/) });
    await flush();
    expect(saves.at(-1)!.map((area) => area.id)).toEqual([before[0]!.id, before[2]!.id]);

    store.getState().undo();
    expect(areas(store).list).toEqual(before);
    expect(areas(store).list[1]!.id).toBe(middle.id);
    await flush();
    expect(saves.at(-1)).toEqual(before);
  });

  it('duplicating gives a new area with a new id, a "copy" name and the same definition', async () => {
    const { store } = await setup();
    store.getState().toggleAreaLsoa(0);
    store.getState().toggleAreaLsoa(1);
    const original = areas(store).list[0]!;
    store.getState().duplicateArea(original.id);
    expect(areas(store).list).toHaveLength(2);
    const copy = areas(store).list[1]!;
    expect(copy.id).not.toBe(original.id);
    expect(copy.name).toBe('Area 1 copy');
    expect(copy.definition).toEqual(original.definition);
    expect(areas(store).selectedId).toBe(copy.id);
    // The copy is its own area: changing it leaves the original alone.
    store.getState().toggleAreaLsoa(2);
    expect(codesOf(copy)).toEqual(['E01000001', 'E01000002']);
    expect(codesOf(areas(store).list[1])).toEqual(['E01000001', 'E01000002', 'E01000003']);
    expect(codesOf(areas(store).list[0])).toEqual(['E01000001', 'E01000002']);
    // A second copy, and a copy of the copy, count up from the original's name.
    store.getState().duplicateArea(original.id);
    store.getState().duplicateArea(copy.id);
    expect(names(store)).toEqual(['Area 1', 'Area 1 copy', 'Area 1 copy 2', 'Area 1 copy 3']);
  });

  it('undo after a delete selects the area it brings back', async () => {
    const { store } = await setup();
    await draw(store, OLD_TRAFFORD);
    await draw(store, STRETFORD);
    const first = areas(store).list[0]!;
    store.getState().selectArea(first.id);
    store.getState().deleteArea(first.id);
    expect(areas(store).selectedId).toBeNull();
    store.getState().undo();
    expect(areas(store).selectedId).toBe(first.id);
  });
});

describe('choosing LSOAs without a mouse', () => {
  it('adds the LSOA at the map’s centre, found by the worker, and takes it out again; nowhere says so', async () => {
    const { store, client, lassoTakesIn } = await setup();
    lassoTakesIn(Uint32Array.of(2));
    await store.getState().toggleAreaLsoaAt([-2.3, 53.45]);
    expect(codesOf(selected(store))).toEqual([attributes.codes[2]]);
    const [definition, rule] = client.areaLsoas.mock.calls[0]!;
    expect(rule).toEqual({ kind: 'intersects' });
    expect(definition.kind === 'shapes' && definition.polygons[0]![0]!.length).toBe(5);
    await store.getState().toggleAreaLsoaAt([-2.3, 53.45]);
    expect(codesOf(selected(store))).toEqual([]);
    lassoTakesIn(new Uint32Array(0));
    await store.getState().toggleAreaLsoaAt([-10, 40]);
    expect(areas(store).message?.text).toMatch(/no LSOA at the map’s centre/);
  });
});

describe('the lasso', () => {
  it('adds the LSOAs whose centres are inside the loop to the selected area of LSOAs', async () => {
    const { store, client, lassoTakesIn } = await setup();
    store.getState().toggleAreaLsoa(0);
    store.getState().startAreaTool({ kind: 'lasso' });
    lassoTakesIn(Uint32Array.of(1, 2));
    await store.getState().finishAreaShape(polygonGeometry(OLD_TRAFFORD));
    expect(client.areaLsoas).toHaveBeenCalledWith({ kind: 'shapes', polygons: [[OLD_TRAFFORD]] }, { kind: 'centroid' });
    expect(names(store)).toEqual(['Area 1']);
    expect(codesOf(selected(store))).toEqual(['E01000001', 'E01000002', 'E01000003']);
    // One lasso, one undo step.
    store.getState().undo();
    expect(codesOf(selected(store))).toEqual(['E01000001']);
  });

  it('with no area of LSOAs selected, makes a new one', async () => {
    const { store, lassoTakesIn } = await setup();
    store.getState().startAreaTool({ kind: 'lasso' });
    lassoTakesIn(Uint32Array.of(4, 3));
    await store.getState().finishAreaShape(polygonGeometry(OLD_TRAFFORD));
    expect(names(store)).toEqual(['Area 1']);
    expect(codesOf(selected(store))).toEqual(['E01000004', 'E01000005']);
  });

  it('a loop round no LSOA says so and adds nothing; one round LSOAs already in says that', async () => {
    const { store, lassoTakesIn } = await setup();
    store.getState().startAreaTool({ kind: 'lasso' });
    lassoTakesIn(new Uint32Array(0));
    await store.getState().finishAreaShape(polygonGeometry(OLD_TRAFFORD));
    expect(areas(store).list).toEqual([]);
    expect(areas(store).message).toMatchObject({ tone: 'info', text: expect.stringMatching(/took in no LSOA/) });

    store.getState().toggleAreaLsoa(1);
    lassoTakesIn(Uint32Array.of(1));
    await store.getState().finishAreaShape(polygonGeometry(OLD_TRAFFORD));
    expect(codesOf(selected(store))).toEqual(['E01000002']);
    expect(areas(store).message).toMatchObject({ tone: 'info', text: expect.stringMatching(/added no LSOA: they are all in Area 1 already/) });
    expect(store.getState().history.past).toHaveLength(1);
  });
});

describe('the selected area’s report', () => {
  const lsoaArea = savedArea('a-lsoas', 'Trafford pilot', { kind: 'lsoas', codes: ['E01000004', 'E01000005'] });
  const drawnArea = savedArea('a-drawn', 'Old Trafford', { kind: 'shapes', polygons: [[OLD_TRAFFORD]] });

  it('selecting an area asks the worker once (computing, then ready); a new coverage rule asks again', async () => {
    const { store, client, pending, answer, answerByHand } = await setup({ saved: [lsoaArea, drawnArea] });
    answerByHand();
    expect(client.areaReport).not.toHaveBeenCalled();
    store.getState().selectArea(lsoaArea.id);
    expect(client.areaReport).toHaveBeenCalledTimes(1);
    expect(pending[0]!.request).toMatchObject({ definition: lsoaArea.definition, rule: { kind: 'intersects' }, runKey: null, indicator: 'imd', gapDecile: 2 });
    expect(areas(store).report).toMatchObject({ status: 'computing', areaId: lsoaArea.id });

    answer(0);
    await flush();
    const report = areas(store).report;
    expect(report.status).toBe('ready');
    if (report.status !== 'ready') return;
    expect(report.areaId).toBe(lsoaArea.id);
    expect([...report.report.lsoas]).toEqual([3, 4]);
    expect(report.report.stats.people).toBe(1200 + 1800);
    // Nothing changed: asking again asks nothing.
    store.getState().refreshAreaReport();
    expect(client.areaReport).toHaveBeenCalledTimes(1);

    store.getState().setCoverageRule({ kind: 'centroid' });
    expect(client.areaReport).toHaveBeenCalledTimes(2);
    expect(pending[1]!.request.rule).toEqual({ kind: 'centroid' });
    expect(areas(store).report.status).toBe('computing');
    answer(1);
    await flush();
    expect(areas(store).report).toMatchObject({ status: 'ready', report: { notes: ['rule centroid'] } });

    // Another area, another report; none selected, no report.
    store.getState().selectArea(drawnArea.id);
    expect(client.areaReport).toHaveBeenCalledTimes(3);
    expect(pending[2]!.request.definition).toEqual(drawnArea.definition);
    store.getState().selectArea(null);
    expect(areas(store).report).toEqual({ status: 'none' });
  });

  it('an answer to an older request is never shown, whichever order the answers come in', async () => {
    const { store, pending, answer, answerByHand } = await setup({ saved: [lsoaArea] });
    answerByHand();
    store.getState().selectArea(lsoaArea.id);
    store.getState().setCoverageRule({ kind: 'centroid' });
    store.getState().setCoverageRule({ kind: 'share', share: 0.5 });
    expect(pending.map((p) => p.request.rule.kind)).toEqual(['intersects', 'centroid', 'share']);
    expect(new Set(pending.map((p) => p.request.id)).size).toBe(3);

    // The oldest answers while the newest is still being worked out: still computing.
    answer(0);
    await flush();
    expect(areas(store).report.status).toBe('computing');
    // The newest, then a late middle one: the newest stays.
    answer(2);
    await flush();
    expect(areas(store).report).toMatchObject({ status: 'ready', report: { notes: ['rule share'] } });
    answer(1);
    await flush();
    expect(areas(store).report).toMatchObject({ status: 'ready', report: { notes: ['rule share'] } });
  });

  it('a change to the selected area asks again for the changed area', async () => {
    const { store, client, pending, answerByHand } = await setup({ saved: [lsoaArea] });
    answerByHand();
    store.getState().selectArea(lsoaArea.id);
    store.getState().toggleAreaLsoa(5);
    expect(client.areaReport).toHaveBeenCalledTimes(2);
    expect(pending[1]!.request.definition).toEqual({ kind: 'lsoas', codes: ['E01000004', 'E01000005', 'E01000006'] });
  });
});

describe('saving and loading areas', () => {
  const a = savedArea('a1', 'Priority wards', { kind: 'lsoas', codes: ['E01000001'] });
  const b = savedArea('b2', 'Old Trafford', { kind: 'shapes', polygons: [[OLD_TRAFFORD]] });

  it('brings back the saved areas in order, nothing selected and nothing to undo', async () => {
    const { store } = await setup({ saved: [b, a] });
    expect(areas(store).list).toEqual([b, a]);
    expect(areas(store).selectedId).toBeNull();
    expect(store.getState().history.past).toEqual([]);
  });

  it('keeps areas made before the saved ones were read, after them, and saves only once they are read', async () => {
    const { store, saves, releaseLoad } = await setup({ saved: [a, b], load: false, holdLoad: true });
    const loading = store.getState().loadAreas();
    store.getState().toggleAreaLsoa(5);
    const made = areas(store).list[0]!;
    await flush();
    // Saving now would overwrite the saved areas with this one.
    expect(saves).toEqual([]);
    releaseLoad();
    await loading;
    expect(areas(store).list).toEqual([a, b, made]);
    await flush();
    expect(saves.at(-1)).toEqual([a, b, made]);
  });

  it('a save that fails says the areas stay open and to export them; the next save that works clears it', async () => {
    const { store, failWith } = await setup();
    failWith('the browser has no room left for GapMap’s data (storage quota reached)');
    store.getState().toggleAreaLsoa(0);
    await flush();
    expect(areas(store).saveError).toMatch(/could not be saved in this browser \(the browser has no room left .*\)\. .*export each to keep a copy/);
    expect(areas(store).list).toHaveLength(1);
    failWith(null);
    store.getState().toggleAreaLsoa(1);
    await flush();
    expect(areas(store).saveError).toBeNull();
  });

  it('saved areas that cannot be read say so, and are not overwritten by areas made afterwards', async () => {
    const { store, storage, saves } = await setup({ saved: [a], load: false });
    vi.mocked(storage.load).mockRejectedValueOnce(new Error('database is closing'));
    await store.getState().loadAreas();
    expect(areas(store).saveError).toMatch(/saved areas could not be read \(database is closing\)\. Areas you make now are not saved/);
    store.getState().toggleAreaLsoa(0);
    await flush();
    expect(saves).toEqual([]);
    // Trying again later reads them.
    await store.getState().loadAreas();
    expect(names(store)).toEqual(['Priority wards', 'Area 1']);
  });

  it('undoing an area made before the saved ones arrived keeps the saved ones', async () => {
    const { store, saves, releaseLoad } = await setup({ saved: [a, b], load: false, holdLoad: true });
    const loading = store.getState().loadAreas();
    store.getState().toggleAreaLsoa(5);
    releaseLoad();
    await loading;
    store.getState().undo();
    expect(areas(store).list).toEqual([a, b]);
    await flush();
    expect(saves.at(-1)).toEqual([a, b]);
  });

  it('renaming, recolouring or hiding the selected area keeps its figures (no new report)', async () => {
    const { store, client } = await setup();
    await draw(store, OLD_TRAFFORD);
    await flush();
    const asked = client.areaReport.mock.calls.length;
    const id = areas(store).selectedId!;
    store.getState().updateArea(id, { name: 'Old Trafford', colour: '#d4351c' });
    store.getState().setAreaVisible(id, false);
    await flush();
    expect(client.areaReport.mock.calls.length).toBe(asked);
    expect(areas(store).report.status).toBe('ready');
  });
});

describe('importing areas from a file', () => {
  const wards = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'Longford', colour: '#005A30' }, geometry: polygonGeometry(OLD_TRAFFORD) },
      { type: 'Feature', properties: { WD24NM: 'Gorse Hill', description: 'Phase 2' }, geometry: polygonGeometry(STRETFORD) },
    ],
  });
  const wardsFile = () => new File([wards], 'wards.geojson');

  it('shows what the file holds and adds nothing until confirmed; then adds all its areas in one undo step', async () => {
    const { store, saves } = await setup();
    store.getState().toggleAreaLsoa(0);
    const before = areas(store).list;
    await store.getState().readAreasFile(wardsFile());
    const importing = areas(store).importing;
    expect(importing.kind).toBe('preview');
    if (importing.kind !== 'preview') return;
    expect(importing.fileName).toBe('wards.geojson');
    expect(importing.areas.map((area) => area.name)).toEqual(['Longford', 'Gorse Hill']);
    expect(areas(store).list).toBe(before);

    store.getState().confirmAreasImport();
    expect(areas(store).importing).toEqual({ kind: 'none' });
    expect(names(store)).toEqual(['Area 1', 'Longford', 'Gorse Hill']);
    const [, longford, gorseHill] = areas(store).list;
    expect(longford).toMatchObject({ colour: '#005a30', definition: { kind: 'shapes', polygons: [[OLD_TRAFFORD]] } });
    expect(gorseHill).toMatchObject({ description: 'Phase 2', definition: { kind: 'shapes', polygons: [[STRETFORD]] } });
    expect(areas(store).selectedId).toBe(longford!.id);
    expect(areas(store).message).toEqual({ tone: 'info', text: 'Added 2 areas from wards.geojson.' });
    await flush();
    expect(saves.at(-1)).toHaveLength(3);

    store.getState().undo();
    expect(areas(store).list).toEqual(before);
    // Confirming again does nothing: the preview is gone.
    store.getState().confirmAreasImport();
    expect(areas(store).list).toEqual(before);
  });

  it('cancelling adds nothing, whether the file is still being read or shown', async () => {
    const { store } = await setup();
    await store.getState().readAreasFile(wardsFile());
    store.getState().cancelAreasImport();
    store.getState().confirmAreasImport();
    expect(areas(store).list).toEqual([]);
    expect(areas(store).importing).toEqual({ kind: 'none' });

    const reading = store.getState().readAreasFile(wardsFile());
    expect(areas(store).importing).toEqual({ kind: 'reading', fileName: 'wards.geojson' });
    store.getState().cancelAreasImport();
    await reading;
    expect(areas(store).importing).toEqual({ kind: 'none' });
    store.getState().confirmAreasImport();
    expect(areas(store).list).toEqual([]);
  });

  it('a file chosen while another is read shows its own areas, not the first file’s', async () => {
    const { store } = await setup();
    const first = store
      .getState()
      .readAreasFile(new File([JSON.stringify({ type: 'Feature', properties: { name: 'From A' }, geometry: polygonGeometry(OLD_TRAFFORD) })], 'a.geojson'));
    const second = store
      .getState()
      .readAreasFile(new File([JSON.stringify({ type: 'Feature', properties: { name: 'From B' }, geometry: polygonGeometry(STRETFORD) })], 'b.geojson'));
    await Promise.all([first, second]);
    const importing = areas(store).importing;
    expect(importing.kind === 'preview' && importing.fileName).toBe('b.geojson');
    expect(importing.kind === 'preview' && importing.areas.map((area) => area.name)).toEqual(['From B']);
  });

  it('a file that is not GeoJSON says why and adds nothing', async () => {
    const { store } = await setup();
    await store.getState().readAreasFile(new File(['{"type": "FeatureCollection", "features": ['], 'wards.geojson'));
    expect(areas(store).importing).toEqual({ kind: 'none' });
    expect(areas(store).message).toEqual({ tone: 'error', text: expect.stringMatching(/^wards\.geojson is not valid JSON/) });
    expect(areas(store).list).toEqual([]);

    const points = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Hub' }, geometry: { type: 'Point', coordinates: [-2.3, 53.45] } }],
    };
    await store.getState().readAreasFile(new File([JSON.stringify(points)], 'hubs.geojson'));
    expect(areas(store).message).toEqual({ tone: 'error', text: expect.stringMatching(/hubs\.geojson has no polygons .*Feature 1 \('Hub'\) is a Point/) });
    expect(areas(store).list).toEqual([]);
  });

  it('asks again for the selected area’s report lost when the worker was restarted, unless asking for it is what crashed the worker', async () => {
    const { store, client, answerByHand, pending, answer } = await setup();
    answerByHand();
    store.getState().toggleAreaLsoa(0);
    await flush();
    expect(areas(store).report.status).toBe('computing');
    const asked = client.areaReport.mock.calls.length;
    store.getState().calculatorRestarted({ file: null, during: ['areaReport'] });
    expect(client.areaReport).toHaveBeenCalledTimes(asked);
    store.getState().calculatorRestarted({ file: 'knot.geojson', during: ['readAreasFile', 'areaReport'] });
    expect(client.areaReport).toHaveBeenCalledTimes(asked + 1);
    answer(pending.length - 1);
    await flush();
    expect(areas(store).report.status).toBe('ready');
  });

  it('a file whose reader the worker had to stop says which file and what to do, not “reload”, and adds nothing', async () => {
    const { store, client } = await setup();
    const message = fileStoppedMessage('knot.geojson', { kind: 'stuck', budgetMs: FILE_READ_BUDGET_MS });
    client.readAreasFile.mockRejectedValueOnce(new CalculatorStopped(message));
    await store.getState().readAreasFile(new File(['{}'], 'knot.geojson'));
    expect(areas(store).importing).toEqual({ kind: 'none' });
    expect(areas(store).message).toEqual({ tone: 'error', text: message });
    expect(message).toBe(
      'GapMap stopped reading knot.geojson: the reader was stuck on it for longer than 60 s — the file may hold a shape too complex to read. Nothing was added; simplify it (e.g. mapshaper -simplify) or split it, and try again.',
    );
    expect(areas(store).list).toEqual([]);
    // The next file is read as before.
    await store.getState().readAreasFile(wardsFile());
    expect(areas(store).importing.kind).toBe('preview');
  });
});

describe('the coverage dashboard for an area', () => {
  it('shows the area’s LSOAs in place of the scope, follows its edits, and ends with a new scope or its deletion', async () => {
    const { store } = await setup();
    store.getState().toggleAreaLsoa(0);
    store.getState().toggleAreaLsoa(1);
    const id = areas(store).selectedId!;
    await store.getState().showAreaDashboard(id);
    expect(store.getState().coverage.areaScope).toMatchObject({ id, name: 'Area 1', lsoas: [0, 1] });
    expect(store.getState().panelTab).toBe('coverage');
    store.getState().toggleAreaLsoa(2);
    await flush();
    await flush();
    expect(store.getState().coverage.areaScope?.lsoas).toEqual([0, 1, 2]);
    store.getState().setScope({ kind: 'lad', index: 0 }, { fit: false });
    expect(store.getState().coverage.areaScope).toBeNull();
    await store.getState().showAreaDashboard(id);
    expect(store.getState().coverage.areaScope?.id).toBe(id);
    store.getState().deleteArea(id);
    expect(store.getState().coverage.areaScope).toBeNull();
  });
});

describe('from an area to a scheme', () => {
  it('opens the scheme form with the drawn area’s shapes as the footprint', async () => {
    const { store } = await setup();
    await draw(store, OLD_TRAFFORD);
    const area = areas(store).list[0]!;
    store.getState().areaToScheme(area.id);
    const editing = store.getState().coverage.editing;
    expect(editing.kind).toBe('form');
    if (editing.kind !== 'form') return;
    expect(editing.isNew).toBe(true);
    expect(editing.scheme).toMatchObject({ name: 'Area 1', kind: 'grant', footprint: { type: 'polygon', polygons: [[OLD_TRAFFORD]], bufferM: 0 } });
  });

  it('opens the scheme form with exactly an area of LSOAs’ LSOAs as the footprint', async () => {
    const { store } = await setup();
    store.getState().toggleAreaLsoa(4);
    store.getState().toggleAreaLsoa(3);
    store.getState().areaToScheme(areas(store).list[0]!.id);
    const editing = store.getState().coverage.editing;
    expect(editing.kind === 'form' && editing.scheme.footprint).toEqual({
      type: 'areas',
      areas: [
        { kind: 'lsoa21', code: 'E01000004' },
        { kind: 'lsoa21', code: 'E01000005' },
      ],
    });
  });
});

describe('exporting an area', () => {
  it('as GeoJSON: its shapes with the report’s figures', async () => {
    const { store, client, shapesTakeIn } = await setup();
    shapesTakeIn([3, 5]);
    await draw(store, OLD_TRAFFORD);
    const area = areas(store).list[0]!;
    const download = await store.getState().exportArea(area.id, 'geojson');
    expect(download).toMatchObject({ ok: true, fileName: 'Area-1.geojson', type: 'application/geo+json' });
    if (!download.ok) return;
    expect(client.areaPolygons).toHaveBeenCalledWith(area.definition);
    const geojson = JSON.parse(download.text) as AreaGeoJson;
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(1);
    const [feature] = geojson.features;
    expect(feature!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[OLD_TRAFFORD]] });
    expect(feature!.properties).toMatchObject({
      name: 'Area 1',
      lsoas: 2,
      people: 1200 + 1300,
      lsoa_codes: ['E01000004', 'E01000006'],
      indicator: 'imd',
      gap_decile: 2,
    });
  });

  it('as GeoJSON, an area of LSOAs: their outlines, its rule "chosen LSOAs"; exporting selects it', async () => {
    const { store } = await setup();
    store.getState().toggleAreaLsoa(0);
    store.getState().toggleAreaLsoa(1);
    const area = areas(store).list[0]!;
    store.getState().selectArea(null);
    const download = await store.getState().exportArea(area.id, 'geojson');
    expect(areas(store).selectedId).toBe(area.id);
    if (!download.ok) throw new Error(download.message);
    const feature = (JSON.parse(download.text) as AreaGeoJson).features[0]!;
    expect(feature.geometry.coordinates).toHaveLength(2);
    expect(feature.properties).toMatchObject({ coverage_rule: 'chosen LSOAs', lsoas: 2, people: 2500, lsoa_codes: ['E01000001', 'E01000002'] });
  });

  it('as CSV: one row per LSOA with its name, ward, district, people and decile', async () => {
    const { store } = await setup();
    store.getState().toggleAreaLsoa(4);
    store.getState().toggleAreaLsoa(3);
    const area = areas(store).list[0]!;
    const download = await store.getState().exportArea(area.id, 'csv');
    expect(download).toMatchObject({ ok: true, fileName: 'Area-1-lsoas.csv', type: 'text/csv' });
    if (!download.ok) return;
    const rows = Papa.parse<Record<string, string>>(download.text.trim(), { header: true }).data;
    expect(rows).toEqual([
      {
        lsoa21cd: 'E01000004',
        name: 'Trafford 001A',
        ward: 'Stretford and Humphrey Park',
        district: 'Trafford',
        people: '1200',
        decile: '3',
        schemes_reaching: '0',
        allocated_gbp: '0.00',
        gap: 'no',
      },
      {
        lsoa21cd: 'E01000005',
        name: 'Trafford 001B',
        ward: 'Stretford and Humphrey Park',
        district: 'Trafford',
        people: '1800',
        decile: '3',
        schemes_reaching: '0',
        allocated_gbp: '0.00',
        gap: 'no',
      },
    ]);
  });

  it('a deleted area, or a report that fails, is said rather than exported', async () => {
    const { store, client } = await setup();
    expect(await store.getState().exportArea('gone', 'csv')).toEqual({ ok: false, message: 'That area was deleted.' });
    client.areaReport.mockResolvedValueOnce({ kind: 'failed', message: 'The LSOA boundaries could not be read.' });
    store.getState().toggleAreaLsoa(0);
    const download = await store.getState().exportArea(areas(store).list[0]!.id, 'geojson');
    expect(download).toEqual({ ok: false, message: 'The LSOA boundaries could not be read.' });
  });
});
