// The coverage worker's calls (src/worker/coverage-api.ts) on the real build and the real
// Trafford bus routes: the same figures as `gapmap coverage` (run in-process here), runs cached by
// schemes + rule, summaries for other scopes without a new run, cancellation, and distances
// measured on request. The worker holds the datasets' schemes by hash: imports taken with ids unique across the workspace, edits
// as new sets, the workspace file exported and opened again, a run's scheme found by its index.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../scripts/cli/coverage-command';
import { parseCoverageArgs } from '../../scripts/cli/coverage-args';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { NO_FILTER } from '../../src/core/scheme-filter';
import { whatIfFigures } from '../../src/core/what-if';
import { areaNameOfCode, ENGLAND, resolveScopeRef, scopeName, type Scope } from '../../src/core/scope';
import type { AreaWideMode } from '../../src/core/placement';
import { summaryJson, type SummaryJson } from '../../src/data/summary-json';
import { AREA_SCHEMES_LISTED, type ImportTaken, type NearestProgress, type RunProgress, type RunRequest, type SummaryView } from '../../src/contract';
import { lsoasInScope } from '../../src/core/scope-lsoas';
import { invertCovered } from '../../src/core/coverage';
import { SCHEME_KINDS, type Scheme } from '../../src/core/scheme';
import { hashSchemes } from '../../src/core/scheme-hash';
import { schemeStats, type Dataset } from '../../src/data/dataset';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { readWorkspaceFile } from '../../src/data/workspace-file';
import { createCoverageApi, type CoverageApi } from '../../src/worker/coverage-api';
import { runKey, type EngineDataLoader } from '../../src/worker/engine';
import { handedOver } from '../../src/worker/transfer';
import { SchemeStore } from '../../src/worker/scheme-store';
import { builtData, builtDataDir, hasBuiltData, TRAFFORD, trafford } from './built-data';

describe('engine helpers', () => {
  it('hashes equal schemes equally and different ones differently', () => {
    const a = readSchemesGeoJson(JSON.stringify({ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-2.3, 53.4] } }));
    const b = readSchemesGeoJson(JSON.stringify({ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-2.3, 53.41] } }));
    if (!a.ok || !b.ok) throw new Error('fixtures should read');
    const hash = hashSchemes(a.schemes);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hashSchemes(JSON.parse(JSON.stringify(a.schemes)) as typeof a.schemes)).toBe(hash);
    expect(hashSchemes(b.schemes)).not.toBe(hash);
    expect(runKey(hash, { kind: 'share', share: 0.5 })).toBe(`${hash}|share:0.5`);
  });

  it('inverts per-scheme LSOA lists into per-LSOA scheme lists', () => {
    const { lsoaStart, lsoaSchemes } = invertCovered([Uint32Array.of(0, 2), Uint32Array.of(2), new Uint32Array(0)], 4);
    expect([...lsoaStart]).toEqual([0, 1, 1, 3, 3]);
    expect([...lsoaSchemes]).toEqual([0, 0, 1]);
  });
});

describe('The worker reads files of target areas', () => {
  // Reading areas needs none of the built data: a loader that has none shows it is not asked for.
  const api = createCoverageApi(async () => ({ ok: false, message: 'no data in this test' }));
  const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
  const ring = [
    [-2.3, 53.45],
    [-2.29, 53.45],
    [-2.29, 53.46],
    [-2.3, 53.45],
  ];

  it('gives the areas for the preview, named from the file, and refuses a file without polygons, naming it', async () => {
    const wards = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Longford' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
    };
    const read = await api.readAreasFile(bytesOf(wards), 'wards.geojson');
    expect(read.ok && read.areas.map((area) => [area.name, area.polygons])).toEqual([['Longford', [[ring]]]]);
    const stops = { type: 'Feature', properties: { name: 'Hub' }, geometry: { type: 'Point', coordinates: [-2.3, 53.45] } };
    const refused = await api.readAreasFile(bytesOf(stops), 'hubs.geojson');
    expect(!refused.ok && refused.message).toMatch(/^hubs\.geojson has no polygons/);
  });
});

describe.skipIf(!hasBuiltData)('The worker’s calls on the Trafford bus routes', () => {
  let engine: CoverageApi;
  let loads = 0;
  let trafford_: Scope;
  let request: Omit<RunRequest, 'id' | 'view'>;
  let tmp: string;
  /** Request ids increase, as the app's do (a newer run cancels an older one). */
  let nextId = 1;
  const id = () => nextId++;

  beforeAll(async () => {
    const data = await builtData();
    // The routes are held by the engine's store, as an import would leave them; runs name them by hash.
    const store = new SchemeStore();
    engine = createCoverageApi(
      async (onProgress) => {
        loads++;
        onProgress(1);
        return { ok: true, data };
      },
      { store },
    );
    trafford_ = resolveScopeRef(data.attributes, { kind: 'lad', code: TRAFFORD })!;
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('routes should read');
    const { hash } = await store.add(read.schemes);
    request = { schemesHash: hash, datasets: [hash], filter: NO_FILTER, proposedDatasets: [], rule: { kind: 'centroid' }, areaWide: 'separate' };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-engine-'));
  });

  async function cli(args: string[]): Promise<SummaryJson> {
    const file = path.join(tmp, `${args.join('_').replace(/[^\w.-]/g, '')}.json`);
    const parsed = parseCoverageArgs([trafford.routes, '--out', path.join(tmp, 'c.csv'), '--summary', file, ...args], builtDataDir);
    if (parsed.ok !== true) throw new Error('bad args');
    await runCoverage(
      parsed.options,
      () => undefined,
      () => undefined,
    );
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryJson;
  }

  async function asJson(summary: CoverageSummary, view: SummaryView, key: string): Promise<SummaryJson> {
    const data = await builtData();
    const outcome = await engine.run({ ...request, id: id(), view }, () => undefined);
    if (outcome.kind !== 'done') throw new Error('run should finish');
    const { run } = outcome;
    expect(run.key).toBe(key);
    return summaryJson({
      rule: run.rule,
      scope: { code: view.scope.kind === 'england' ? 'E92000001' : TRAFFORD, name: scopeName(data.attributes, view.scope) },
      indicator: view.indicator,
      codes: data.attributes.codes,
      schemes: { read: run.schemesRead, usable: run.schemesUsed, amountGbp: run.amountGbp, byKind: run.byKind, byPlacement: run.byPlacement },
      summary,
      problems: [],
      areaName: (code) => areaNameOfCode(data.attributes, code),
    });
  }

  it('gives the CLI’s figures: deciles, headline, gaps and distances', async () => {
    const view: SummaryView = { scope: trafford_, indicator: 'imd', gapDecile: 10, gaps: 'unreached', area: null };
    const progress: RunProgress[] = [];
    const outcome = await engine.run({ ...request, id: id(), view }, (p) => progress.push(p));
    if (outcome.kind !== 'done') throw new Error(`run ended ${outcome.kind}`);
    expect(progress[0]).toEqual({ phase: 'preparing', done: null });
    expect(progress.some((p) => p.phase === 'coverage')).toBe(true);
    expect(progress[progress.length - 1]!.phase).toBe('summary');
    // Per-LSOA arrays go to the caller as transferable buffers of their own.
    const { run, summary } = outcome;
    const buffers = [
      run.count.buffer,
      run.allocatedGbp.buffer,
      run.services.buffer,
      run.stops.buffer,
      run.lsoaStart.buffer,
      run.lsoaSchemes.buffer,
      run.areaDatasets.buffer,
    ];
    for (const buffer of buffers) expect(handedOver(outcome)).toContain(buffer);
    expect(new Set(handedOver(outcome)).size).toBe(buffers.length);
    expect(run.schemesUsed).toBe(407);
    // Routes name no areas: nothing for the map's area-list tint.
    expect(run.areaDatasets).toHaveLength(run.count.length);
    expect(run.areaDatasets.every((dataset) => dataset === 0)).toBe(true);
    // The routes as the map draws them: the z10 tiles around Trafford hold every route, id =
    // position + 1, with its reach; no points.
    const ids = new Set<number>();
    for (let x = 500; x <= 510; x++) {
      for (let y = 326; y <= 336; y++) {
        const bytes = engine.schemeTile(run.key, 10, x, y, []);
        if (!bytes) continue;
        const tile = new VectorTile(new Pbf(new Uint8Array(bytes)));
        expect(tile.layers.points).toBeUndefined();
        const shapes = tile.layers.shapes!;
        for (let k = 0; k < shapes.length; k++) ids.add(Number(shapes.feature(k).id));
        if (x === 505 && y === 331) expect(shapes.feature(0).properties).toMatchObject({ kind: 'transport', reachM: 400, footprint: 'line' });
      }
    }
    expect(ids.size).toBe(407);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(407);
    // Far from Trafford (a tile over Kent), nothing; nor for a run not held.
    expect(engine.schemeTile(run.key, 6, 32, 21, [])).toBeNull();
    expect(engine.schemeTile('no-such-run', 10, 505, 331, [])).toBeNull();

    // Distances are not measured with the summary; measured on request, then summarised in.
    expect(summary.gaps.length).toBeGreaterThan(0);
    expect(summary.gaps.every((gap) => Number.isNaN(gap.nearestKm))).toBe(true);
    const measured: NearestProgress[] = [];
    const lsoas = summary.gaps.map((gap) => gap.index);
    const nearest = await engine.measureNearest({ id: id(), key: run.key, lsoas }, (p) => measured.push(p));
    expect(nearest.kind).toBe('done');
    if (nearest.kind === 'done') expect(nearest.measured.length).toBe(lsoas.length * 2);
    expect(measured[measured.length - 1]).toMatchObject({ done: lsoas.length, total: lsoas.length });
    const again = engine.summarize({ id: id(), key: run.key, view });
    if (again.kind !== 'done') throw new Error('summary should be there');
    expect(again.summary.gaps.every((gap) => Number.isFinite(gap.nearestKm))).toBe(true);

    const expected = await cli(['--scope', TRAFFORD, '--rule', 'centroid', '--gap-decile', '10']);
    const actual = await asJson(again.summary, view, run.key);
    expect({ ...actual, problems: expected.problems }).toEqual(expected);
  });

  it('loads the data once, and summarises another scope, indicator and decile without a new run', async () => {
    const view: SummaryView = { scope: ENGLAND, indicator: 'income', gapDecile: 1, gaps: 'unreached', area: null };
    const started = Date.now();
    const outcome = await engine.run({ ...request, id: id(), view }, () => undefined);
    if (outcome.kind !== 'done') throw new Error('run should finish');
    expect(Date.now() - started).toBeLessThan(1500); // Cached: no coverage run.
    expect(loads).toBe(1);
    const key = outcome.run.key;
    const summary = engine.summarize({ id: id(), key, view: { scope: trafford_, indicator: 'imd', gapDecile: 2, gaps: 'unreached', area: null } });
    expect(summary.kind).toBe('done');
    expect(engine.summarize({ id: id(), key: 'nope|intersects', view })).toEqual({ kind: 'missing' });
  });

  it('stops a run when cancelled, or when a newer run starts', async () => {
    const view: SummaryView = { scope: trafford_, indicator: 'imd', gapDecile: 2, gaps: 'unreached', area: null };
    const older = engine.run({ ...request, rule: { kind: 'share', share: 0.3 }, id: id(), view }, () => undefined);
    const newerId = id();
    const newer = engine.run({ ...request, rule: { kind: 'share', share: 0.31 }, id: newerId, view }, () => undefined);
    engine.cancel(newerId);
    expect((await older).kind).toBe('cancelled');
    expect((await newer).kind).toBe('cancelled');
    // Nothing half-done was cached: the same rule runs in full afterwards.
    const full = await engine.run({ ...request, rule: { kind: 'share', share: 0.3 }, id: id(), view }, () => undefined);
    expect(full.kind).toBe('done');
  });
  it('reports a target area: Trafford’s LSOAs give its people, its gaps and the routes reaching it; an older request gives way', async () => {
    const data = await builtData();
    const view: SummaryView = { scope: trafford_, indicator: 'imd', gapDecile: 2, gaps: 'unreached', area: null };
    const outcome = await engine.run({ ...request, id: id(), view }, () => undefined);
    if (outcome.kind !== 'done') throw new Error('run should finish');
    const { run, summary } = outcome;
    const inTrafford = lsoasInScope(data.attributes, data.attributes.lad, trafford_);
    const definition = { kind: 'lsoas' as const, codes: inTrafford.map((lsoa) => data.attributes.codes[lsoa]!) };
    const base = {
      definition,
      rule: { kind: 'centroid' as const },
      runKey: run.key,
      indicator: 'imd' as const,
      gapDecile: 2,
      gaps: 'unreached' as const,
      includeProposed: false,
    };
    const older = engine.areaReport({ ...base, id: id() });
    const newer = engine.areaReport({ ...base, id: id() });
    expect((await older).kind).toBe('cancelled');
    const answered = await newer;
    if (answered.kind !== 'done') throw new Error('the newer report should be done');
    const { report } = answered;
    expect([...report.lsoas]).toEqual(inTrafford);
    expect(report.stats.people).toBe(inTrafford.reduce((sum, lsoa) => sum + data.attributes.population[lsoa]!, 0));
    // The area's gaps are the district's gaps (same LSOAs, same run, same decile).
    expect([...report.gaps!].sort((a, b) => a - b)).toEqual(summary.gaps.map((gap) => gap.index).sort((a, b) => a - b));
    // Every route listed reaches one of its LSOAs, and every route reaching one is counted.
    const reaching = new Set<number>();
    for (const lsoa of inTrafford) for (let k = run.lsoaStart[lsoa]!; k < run.lsoaStart[lsoa + 1]!; k++) reaching.add(run.lsoaSchemes[k]!);
    expect(report.stats.schemesReaching).toEqual([...reaching].sort((a, b) => a - b));
    expect(report.schemes.length).toBe(Math.min(reaching.size, AREA_SCHEMES_LISTED));
    expect(report.schemes.every((scheme) => reaching.has(scheme.index) && scheme.kind === 'transport')).toBe(true);

    // The dashboard for the area (its LSOAs in place of a scope) is the district's, figure for figure.
    const asArea = engine.summarize({
      id: id(),
      key: run.key,
      view: { ...view, area: { id: 'a', name: 'Trafford as drawn', key: 'a|1', lsoas: [...report.lsoas] } },
    });
    if (asArea.kind !== 'done') throw new Error('summary should be there');
    expect(asArea.summary).toEqual(summary);

    // Without a run: who lives there, but no schemes and no gaps claimed.
    const alone = await engine.areaReport({ ...base, runKey: null, id: id() });
    if (alone.kind !== 'done') throw new Error('report should be done');
    expect(alone.report.stats.people).toBe(report.stats.people);
    expect(alone.report.schemes).toEqual([]);
    expect(alone.report.gaps).toBeNull();

    // A drawn box around Old Trafford: its LSOAs follow the rule (a centroid is inside → intersects too).
    const box = {
      kind: 'shapes' as const,
      polygons: [
        [
          [
            [-2.3, 53.45],
            [-2.26, 53.45],
            [-2.26, 53.47],
            [-2.3, 53.47],
            [-2.3, 53.45],
          ],
        ] as [number, number][][],
      ],
    };
    const byCentroid = await engine.areaLsoas(box, { kind: 'centroid' });
    const byTouch = await engine.areaLsoas(box, { kind: 'intersects' });
    expect(byCentroid!.length).toBeGreaterThan(5);
    expect([...byCentroid!].every((lsoa) => byTouch!.includes(lsoa))).toBe(true);
    expect(byTouch!.length).toBeGreaterThan(byCentroid!.length);
    for (const lsoa of byCentroid!) {
      const [lon, lat] = [data.geometry.points[lsoa * 2]! / 1e6, data.geometry.points[lsoa * 2 + 1]! / 1e6];
      expect(lon > -2.3 && lon < -2.26 && lat > 53.45 && lat < 53.47).toBe(true);
    }
    // Exported, chosen LSOAs are their outlines: one polygon or more each, closed rings.
    const outlines = await engine.areaPolygons({ kind: 'lsoas', codes: definition.codes.slice(0, 3) });
    expect(outlines!.length).toBeGreaterThanOrEqual(3);
    for (const polygon of outlines!) expect(polygon[0]![0]).toEqual(polygon[0]![polygon[0]!.length - 1]);
  });
});

describe.skipIf(!hasBuiltData)('The worker’s import calls', () => {
  let engine: CoverageApi;
  let store: SchemeStore;
  beforeAll(async () => {
    const data = await builtData();
    store = new SchemeStore();
    engine = createCoverageApi(async () => ({ ok: true, data }), { store });
  });
  const held = async (hash: string): Promise<readonly Scheme[]> => {
    const schemes = await store.get(hash);
    if (!schemes) throw new Error(`the store should hold ${hash}`);
    return schemes;
  };
  const grantsCsv = () => {
    const bytes = fs.readFileSync(path.join(path.dirname(trafford.routes), '..', 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv'));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };

  it('previews a file, reads it again with another column meaning, and hands over exactly what was previewed', async () => {
    const first = await engine.previewImport({ token: 1, name: 'grants.csv', bytes: grantsCsv() }, () => undefined);
    if (first.kind !== 'ready') throw new Error(first.message);
    expect(first.preview).toMatchObject({ format: 'CSV', rows: 555, schemes: 555, errors: 0 });
    expect(first.preview.sample).toHaveLength(5);
    expect(first.preview.table!.sample[0]![0]).toBe('360G-traffordmbc-VSG1342');
    // Say the beneficiary code column means nothing: only the 11 grants with a recipient postcode
    // (the data's README) keep a place, by that postcode.
    const column = first.preview.table!.headers.indexOf('Beneficiary Location:Geographic Code');
    const meanings = first.preview.table!.meanings.map((m, c) => (c === column ? ({ kind: 'ignore' } as const) : m));
    const second = await engine.previewImport({ token: 1, name: 'grants.csv', meanings }, () => undefined);
    if (second.kind !== 'ready') throw new Error(second.message);
    expect(second.preview.schemes).toBe(11);
    expect(second.preview.errors).toBe(544);
    expect(second.preview.locatedBy).toEqual([['Recipient: postcode', 11]]);
    expect(second.preview.reasons).toEqual([{ reason: expect.stringMatching(/^No location/), count: 544 }]);
    const back = await engine.previewImport({ token: 1, name: 'grants.csv', meanings: first.preview.table!.meanings }, () => undefined);
    expect(back.kind === 'ready' && back.preview.schemes).toBe(555);
    const taken = await engine.takeImport({ token: 1, name: 'grants.csv', existing: [] });
    if (!taken) throw new Error('the import should be held');
    expect(taken).toMatchObject({ format: 'CSV', saveError: null, locatedBy: first.preview.locatedBy });
    const schemes = await held(taken.hash);
    expect(schemes).toHaveLength(555);
    expect(schemes.slice(0, 5)).toEqual(first.preview.sample);
    expect(taken.hash).toBe(hashSchemes(schemes));
    expect(taken.stats).toEqual(schemeStats(schemes));
    expect(taken.stats.count).toBe(first.preview.schemes);
    expect(await engine.takeImport({ token: 1, name: 'grants.csv', existing: [] })).toBeNull();
  });

  it('reads routes with the reach the user chose where the file gives none', async () => {
    const bytes = fs.readFileSync(trafford.routes);
    const routes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const standard = await engine.previewImport({ token: 4, name: 'routes.geojson', bytes: routes }, () => undefined);
    if (standard.kind !== 'ready') throw new Error(standard.message);
    expect(standard.preview.reach).toEqual({ lineBufferM: 400, pointRadiusM: 0, stopRadiusM: 400 });
    expect(standard.preview.shapes).toEqual({ point: 0, line: 407, polygon: 0, areas: 0 });
    const wider = await engine.previewImport(
      { token: 4, name: 'routes.geojson', reach: { lineBufferM: 800, pointRadiusM: 0, stopRadiusM: 400 } },
      () => undefined,
    );
    if (wider.kind !== 'ready') throw new Error(wider.message);
    expect(wider.preview.reach.lineBufferM).toBe(800);
    const taken = await engine.takeImport({ token: 4, name: 'routes.geojson', existing: [] });
    if (!taken) throw new Error('the import should be held');
    expect(taken.stats.shapes).toEqual(standard.preview.shapes);
    const schemes = await held(taken.hash);
    expect(schemes.every((s) => s.footprint.type === 'line' && s.footprint.bufferM === 800)).toBe(true);
  });

  it('refuses a binary file, and a discarded import cannot be taken', async () => {
    const refused = await engine.previewImport({ token: 2, name: 'photo.png', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0).buffer }, () => undefined);
    expect(refused).toEqual({ kind: 'refused', message: expect.stringContaining('photo.png is not a text file') });
    await engine.previewImport({ token: 3, name: 'grants.csv', bytes: grantsCsv() }, () => undefined);
    engine.discardImport(3);
    expect(await engine.takeImport({ token: 3, name: 'grants.csv', existing: [] })).toBeNull();
  });
});

describe.skipIf(!hasBuiltData)('The worker holds the datasets’ schemes', () => {
  let loader: EngineDataLoader;
  let engine: CoverageApi;
  let store: SchemeStore;
  let england: SummaryView;
  let nextToken = 1;
  let nextId = 1;
  const id = () => nextId++;
  const bytesOf = (file: string) => {
    const bytes = fs.readFileSync(file);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  const grantsFile = () => path.join(path.dirname(trafford.routes), '..', 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');

  beforeAll(async () => {
    const data = await builtData();
    loader = async () => ({ ok: true, data });
    store = new SchemeStore();
    engine = createCoverageApi(loader, { store });
    england = { scope: ENGLAND, indicator: 'imd', gapDecile: 2, gaps: 'unreached', area: null };
  });

  /** Reads a file and confirms it, as the app does, against the datasets already there. */
  async function importFile(on: CoverageApi, file: string, name: string, existing: string[]): Promise<ImportTaken> {
    const token = nextToken++;
    const preview = await on.previewImport({ token, name, bytes: bytesOf(file) }, () => undefined);
    if (preview.kind !== 'ready') throw new Error(preview.message);
    const taken = await on.takeImport({ token, name, existing });
    if (!taken) throw new Error('the import should be held');
    return taken;
  }

  const datasetOf = (id: string, name: string, taken: Pick<ImportTaken, 'format' | 'problems' | 'hash' | 'locatedBy' | 'stats'>): Dataset => ({
    id,
    name,
    format: taken.format,
    colour: '#d4351c',
    visible: true,
    problems: taken.problems,
    hash: taken.hash,
    importedAt: '2026-11-26T05:00:00.000Z',
    locatedBy: taken.locatedBy,
    stats: taken.stats,
  });

  async function runOf(on: CoverageApi, datasets: string[], areaWide: AreaWideMode = 'separate') {
    const schemesHash = datasets.join('+');
    const outcome = await on.run(
      { id: id(), schemesHash, datasets, filter: NO_FILTER, proposedDatasets: [], rule: { kind: 'centroid' }, areaWide, view: england },
      () => undefined,
    );
    return outcome;
  }

  it('keeps proposed schemes out of the current figures and counts them in the what-if', async () => {
    const taken = await importFile(engine, grantsFile(), 'grants.csv', []);
    const routes = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!routes.ok) throw new Error('routes should read');
    const route = await store.add(routes.schemes);
    const inTrafford = { ...england, scope: resolveScopeRef((await builtData()).attributes, { kind: 'lad', code: TRAFFORD })! };
    const run = async (proposedDatasets: string[]) => {
      const outcome = await engine.run(
        {
          id: id(),
          schemesHash: `${taken.hash}+${route.hash}|${proposedDatasets.join(',')}`,
          datasets: [taken.hash, route.hash],
          filter: NO_FILTER,
          proposedDatasets,
          rule: { kind: 'centroid' },
          areaWide: 'count',
          view: inTrafford,
        },
        () => undefined,
      );
      if (outcome.kind !== 'done') throw new Error('run should finish');
      return outcome;
    };
    const both = await run([]);
    const grantsProposed = await run([taken.hash]);
    // Nothing proposed: no what-if. The grants proposed: the current figures are the routes' alone, the what-if both.
    expect(both.withProposed).toBeNull();
    expect(both.run.withProposed).toBeNull();
    expect(grantsProposed.run.proposedSchemes).toBe(taken.stats.count);
    expect([...grantsProposed.run.withProposed!.count]).toEqual([...both.run.count]);
    expect(grantsProposed.withProposed!.deciles).toEqual(both.summary.deciles);
    expect(grantsProposed.run.amountGbp).toBe(0); // The routes give no amounts.
    expect(grantsProposed.run.proposedAmountGbp).toBeCloseTo(both.run.amountGbp, 6);
    const routesAlone = await engine.run(
      {
        id: id(),
        schemesHash: route.hash,
        datasets: [route.hash],
        filter: NO_FILTER,
        proposedDatasets: [],
        rule: { kind: 'centroid' },
        areaWide: 'separate',
        view: inTrafford,
      },
      () => undefined,
    );
    if (routesAlone.kind !== 'done') throw new Error('run should finish');
    expect([...grantsProposed.run.count]).toEqual([...routesAlone.run.count]);
    expect(grantsProposed.summary.deciles).toEqual(routesAlone.summary.deciles);
    // A summary for another view keeps both.
    const again = engine.summarize({ id: id(), key: grantsProposed.run.key, view: { ...inTrafford, gapDecile: 10 } });
    expect(again.kind === 'done' && again.withProposed !== null).toBe(true);

    // The what-if's figures (Trafford, deciles 1–10 so there are gaps to close): the gaps the grants
    // would close are those of the routes alone that the routes and grants together reach.
    const wide = { ...inTrafford, gapDecile: 10 };
    const proposedWide = engine.summarize({ id: id(), key: grantsProposed.run.key, view: wide });
    const routesWide = engine.summarize({ id: id(), key: routesAlone.run.key, view: wide });
    const bothWide = engine.summarize({ id: id(), key: both.run.key, view: wide });
    if (proposedWide.kind !== 'done' || routesWide.kind !== 'done' || bothWide.kind !== 'done') throw new Error('summaries should be held');
    const figures = whatIfFigures(proposedWide.summary, proposedWide.withProposed!, 10);
    const reached = new Set(bothWide.summary.gaps.map((gap) => gap.index));
    const expectedClosed = routesWide.summary.gaps.filter((gap) => !reached.has(gap.index));
    expect(expectedClosed.length).toBeGreaterThan(0);
    expect(figures.closed.map((gap) => gap.index)).toEqual(expectedClosed.map((gap) => gap.index));
    expect(figures.closedPeople).toBe(expectedClosed.reduce((sum, gap) => sum + gap.people, 0));
    expect(figures.gapsNow).toBe(routesWide.summary.gaps.length);
    // Money: none now (routes give no amounts); with the grants, their Trafford £ over Trafford's people.
    expect(figures.perHeadNow).toBe(0);
    const people = bothWide.summary.deciles.reduce((sum, row) => sum + row.people, 0);
    expect(figures.perHeadWith).toBeCloseTo(bothWide.summary.fairness.allocatedGbp / people, 9);
    expect(figures.peopleReached.map((row) => row.with)).toEqual(bothWide.summary.deciles.map((row) => row.coveredPeople));
  });

  it('counts only the schemes that pass the filter: a run of its own, the same datasets', async () => {
    const taken = await importFile(engine, grantsFile(), 'grants.csv', []);
    const all = (await store.get(taken.hash))!;
    const big = all.filter((scheme) => (scheme.amountGbp ?? -1) >= 5000);
    expect(big.length).toBeGreaterThan(0);
    expect(big.length).toBeLessThan(all.length);
    const filter = { ...NO_FILTER, minAmountGbp: 5000 };
    const filtered = await engine.run(
      {
        id: id(),
        schemesHash: `${taken.hash}|min`,
        datasets: [taken.hash],
        filter,
        proposedDatasets: [],
        rule: { kind: 'centroid' },
        areaWide: 'separate',
        view: england,
      },
      () => undefined,
    );
    const whole = await engine.run(
      {
        id: id(),
        schemesHash: taken.hash,
        datasets: [taken.hash],
        filter: NO_FILTER,
        proposedDatasets: [],
        rule: { kind: 'centroid' },
        areaWide: 'separate',
        view: england,
      },
      () => undefined,
    );
    if (filtered.kind !== 'done' || whole.kind !== 'done') throw new Error('runs should finish');
    expect(filtered.run.schemesRead).toBe(big.length);
    expect(whole.run.schemesRead).toBe(all.length);
    expect(filtered.run.amountGbp).toBeCloseTo(
      big.reduce((sum, s) => sum + s.amountGbp!, 0),
      6,
    );
    // Indices are of the schemes counted: the first is the first big grant.
    expect(engine.schemeAt(filtered.run.key, 0)?.scheme).toEqual(big[0]);
  });

  async function schemesHeld(hash: string): Promise<readonly Scheme[]> {
    const schemes = await store.get(hash);
    if (!schemes) throw new Error(`the store should hold ${hash}`);
    return schemes;
  }

  it('makes ids unique against the datasets there: the same file twice gets “#2” ids, a note each, and a hash of its own', async () => {
    const first = await importFile(engine, grantsFile(), 'grants.csv', []);
    const second = await importFile(engine, grantsFile(), 'grants again.csv', [first.hash]);
    const a = await schemesHeld(first.hash);
    const b = await schemesHeld(second.hash);
    expect(second.hash).not.toBe(first.hash);
    expect(second.stats).toEqual(first.stats);
    expect(b.map((s) => s.id)).toEqual(a.map((s) => `${s.id}#2`));
    expect(b.map(({ id: _id, name: _name, ...rest }) => rest)).toEqual(a.map(({ id: _id, name: _name, ...rest }) => rest));
    const notes = second.problems.filter((p) => p.message.includes('is already used by another dataset'));
    expect(notes).toHaveLength(a.length);
    expect(notes[0]).toEqual({
      id: a[0]!.id,
      severity: 'warning',
      message: `The id '${a[0]!.id}' is already used by another dataset; in grants again.csv it was renamed '${a[0]!.id}#2'.`,
    });
    expect(first.problems.some((p) => p.message.includes('is already used by another dataset'))).toBe(false);
    // A third time, against both: "#3".
    const third = await importFile(engine, grantsFile(), 'grants.csv', [first.hash, second.hash]);
    expect((await schemesHeld(third.hash))[0]!.id).toBe(`${a[0]!.id}#3`);
  });

  it('runs on the sets it holds, named by hash; a set it does not hold makes the run fail with a reason', async () => {
    const grants = await importFile(engine, grantsFile(), 'grants.csv', []);
    const outcome = await runOf(engine, [grants.hash]);
    if (outcome.kind !== 'done') throw new Error(`run ended ${outcome.kind}`);
    const { run } = outcome;
    expect(run.schemesRead).toBe(grants.stats.count);
    // Every grant is recorded only for the whole district: apart by default, so nothing is
    // counted as reaching any LSOA and the map tints none of Trafford.
    expect(grants.stats.shapes.areas).toBe(grants.stats.count);
    expect(run.byPlacement).toEqual({ district: grants.stats.count });
    expect(run.count.every((n) => n === 0)).toBe(true);
    expect(run.areaDatasets.every((dataset) => dataset === 0)).toBe(true);
    // Counted (the user's assumption): every LSOA reached is tinted in the dataset's colour (dataset 1 of 1).
    const counted = await runOf(engine, [grants.hash], 'count');
    if (counted.kind !== 'done') throw new Error(`run ended ${counted.kind}`);
    let reached = 0;
    for (let lsoa = 0; lsoa < counted.run.count.length; lsoa++) {
      const reaches = counted.run.count[lsoa]! > 0;
      if (reaches) reached++;
      expect(counted.run.areaDatasets[lsoa]).toBe(reaches ? 1 : 0);
    }
    expect(reached).toBe(139);

    const missing = await runOf(engine, [grants.hash, hashSchemes([])]);
    expect(missing).toEqual({ kind: 'failed', message: expect.stringMatching(/schemes of a dataset are missing/) });
  });

  it('edits a set by making a new one: add, update and remove give new hashes and counts; the old set stays for undo', async () => {
    const grants = await importFile(engine, grantsFile(), 'grants.csv', []);
    const original = await schemesHeld(grants.hash);
    const drawn: Scheme = { id: 'drawn-1', name: 'Hall', kind: 'community', footprint: { type: 'point', point: [-2.33, 53.44], radiusM: 500 } };

    const added = await engine.editSchemes({ hash: grants.hash, change: { kind: 'add', scheme: drawn } });
    if (added.kind !== 'done') throw new Error(added.message);
    expect(added.hash).not.toBe(grants.hash);
    expect(added.stats).toEqual(schemeStats([...original, drawn]));
    expect(added.stats).toMatchObject({
      count: grants.stats.count + 1,
      shapes: { point: 1 },
      kinds: SCHEME_KINDS.filter((kind) => kind === 'grant' || kind === 'community'),
    });
    expect(await schemesHeld(added.hash)).toEqual([...original, drawn]);
    expect(await schemesHeld(grants.hash)).toEqual(original);

    const changed = { ...original[0]!, amountGbp: (original[0]!.amountGbp ?? 0) + 1000 };
    const updated = await engine.editSchemes({ hash: grants.hash, change: { kind: 'update', scheme: changed } });
    if (updated.kind !== 'done') throw new Error(updated.message);
    expect(updated.hash).not.toBe(grants.hash);
    expect(updated.hash).not.toBe(added.hash);
    expect(updated.stats).toEqual(grants.stats);
    expect(await schemesHeld(updated.hash)).toEqual([changed, ...original.slice(1)]);
    // Coverage on the changed set counts the new amount.
    const before = await runOf(engine, [grants.hash]);
    const after = await runOf(engine, [updated.hash]);
    if (before.kind !== 'done' || after.kind !== 'done') throw new Error('runs should finish');
    expect(after.run.amountGbp - before.run.amountGbp).toBeCloseTo(1000, 6);

    const removed = await engine.editSchemes({ hash: added.hash, change: { kind: 'remove', id: original[1]!.id } });
    if (removed.kind !== 'done') throw new Error(removed.message);
    expect(removed.stats.count).toBe(grants.stats.count);
    expect((await schemesHeld(removed.hash)).some((s) => s.id === original[1]!.id)).toBe(false);

    const fresh = await engine.editSchemes({ hash: null, change: { kind: 'add', scheme: drawn } });
    expect(fresh).toMatchObject({ kind: 'done', hash: hashSchemes([drawn]), stats: schemeStats([drawn]) });

    const unknown = await engine.editSchemes({ hash: grants.hash, change: { kind: 'update', scheme: { ...drawn, id: 'nope' } } });
    expect(unknown).toEqual({ kind: 'failed', message: expect.stringContaining('no longer in its dataset') });
    const twice = await engine.editSchemes({ hash: added.hash, change: { kind: 'add', scheme: drawn } });
    expect(twice).toEqual({ kind: 'failed', message: expect.stringContaining("'drawn-1' is already in this dataset") });
    const gone = await engine.editSchemes({ hash: 'no-such-hash', change: { kind: 'add', scheme: drawn } });
    expect(gone.kind).toBe('failed');
  });

  it('exports the workspace and opens it again in another worker: the same datasets and the same coverage', async () => {
    const routes = await importFile(engine, trafford.routes, 'routes.geojson', []);
    const grants = await importFile(engine, grantsFile(), 'grants.csv', [routes.hash]);
    const datasets = [datasetOf('d1', 'routes.geojson', routes), { ...datasetOf('d2', 'grants.csv', grants), visible: false, colour: '#1d70b8' }];
    const exported = await engine.exportWorkspace(datasets, '2026-11-26T05:10:00.000Z', ['Warm spaces'], []);
    if (exported.kind !== 'done') throw new Error(exported.message);
    // The bytes are the workspace file, as UTF-8.
    const file = readWorkspaceFile(new TextDecoder().decode(exported.bytes), 'workspace.geojson');
    if (!file.ok) throw new Error(file.message);
    expect(file.datasets.map(({ schemes: _schemes, ...fields }) => fields)).toEqual(datasets);

    const other = createCoverageApi(loader, { store: new SchemeStore() });
    const opened = await other.openWorkspace(exported.bytes, 'workspace.geojson');
    if (opened.kind !== 'done') throw new Error(opened.message);
    expect(opened).toEqual({ kind: 'done', datasets, themes: ['Warm spaces'], areas: [], slides: null, saveError: null });

    const hashes = datasets.map((d) => d.hash);
    const here = await runOf(engine, hashes);
    const there = await runOf(other, hashes);
    if (here.kind !== 'done' || there.kind !== 'done') throw new Error('runs should finish');
    const { millis: _a, ...mine } = here.run;
    const { millis: _b, ...theirs } = there.run;
    expect(theirs).toEqual(mine);
    expect(there.summary).toEqual(here.summary);
    expect(there.run.schemesRead).toBe(routes.stats.count + grants.stats.count);

    // A dataset whose schemes the worker does not hold cannot be exported whole.
    const missing = await other.exportWorkspace([...datasets, { ...datasets[0]!, id: 'd3', hash: 'no-such-hash' }], '2026-11-26T05:10:00.000Z', [], []);
    expect(missing).toEqual({ kind: 'failed', message: expect.stringContaining('are no longer held') });
    // A file that is not a workspace opens nothing and says why.
    const notWorkspace = await other.openWorkspace(
      new TextEncoder().encode('{"type":"FeatureCollection","features":[]}').buffer as ArrayBuffer,
      'routes.geojson',
    );
    expect(notWorkspace).toEqual({ kind: 'failed', message: expect.stringContaining('routes.geojson is not a GapMap workspace file') });
  });

  it('finds a scheme of a run by its index, with the dataset it belongs to', async () => {
    const routes = await importFile(engine, trafford.routes, 'routes.geojson', []);
    const grants = await importFile(engine, grantsFile(), 'grants.csv', [routes.hash]);
    const outcome = await runOf(engine, [routes.hash, grants.hash]);
    if (outcome.kind !== 'done') throw new Error(`run ended ${outcome.kind}`);
    const { key } = outcome.run;
    const routeSchemes = await schemesHeld(routes.hash);
    const grantSchemes = await schemesHeld(grants.hash);
    expect(engine.schemeAt(key, routes.stats.count + 3)).toEqual({ scheme: grantSchemes[3], datasetHash: grants.hash });
    expect(engine.schemeAt(key, routes.stats.count)).toEqual({ scheme: grantSchemes[0], datasetHash: grants.hash });
    expect(engine.schemeAt(key, routes.stats.count - 1)).toEqual({ scheme: routeSchemes[routeSchemes.length - 1], datasetHash: routes.hash });
    expect(engine.schemeAt(key, 2)).toEqual({ scheme: routeSchemes[2], datasetHash: routes.hash });
    expect(engine.schemeAt(key, routes.stats.count + grants.stats.count)).toBeNull();
    expect(engine.schemeAt('nope|centroid', 0)).toBeNull();
  });

  it('forgets the sets the page no longer needs', async () => {
    const routes = await importFile(engine, trafford.routes, 'routes.geojson', []);
    const grants = await importFile(engine, grantsFile(), 'grants.csv', [routes.hash]);
    await engine.retain([grants.hash], false);
    expect(await store.get(routes.hash)).toBeUndefined();
    expect(await store.get(grants.hash)).toBeDefined();
  });
});
