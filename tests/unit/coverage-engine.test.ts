// The worker's coverage engine on the real build and the real Trafford bus routes: the same
// figures as `gapmap coverage` (run in-process here), runs cached by schemes + rule, summaries
// for other scopes without a new run, cancellation, and distances measured on request.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../scripts/cli/coverage-command';
import { parseCoverageArgs } from '../../scripts/cli/coverage-args';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { ENGLAND, resolveScopeRef, scopeName, type Scope } from '../../src/core/scope';
import { summaryJson, type SummaryJson } from '../../src/data/summary-json';
import type { NearestProgress, RunProgress, RunRequest, SummaryView } from '../../src/state/coverage-protocol';
import { invertCovered } from '../../src/core/coverage';
import { hashSchemes } from '../../src/core/scheme-hash';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { CoverageEngine, runKey } from '../../src/worker/coverage-engine';
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

describe.skipIf(!hasBuiltData)('CoverageEngine on the Trafford bus routes', () => {
  let engine: CoverageEngine;
  let loads = 0;
  let trafford_: Scope;
  let request: Omit<RunRequest, 'id' | 'view'>;
  let tmp: string;
  /** Request ids increase, as the app's do (a newer run cancels an older one). */
  let nextId = 1;
  const id = () => nextId++;

  beforeAll(async () => {
    const data = await builtData();
    engine = new CoverageEngine(async (onProgress) => {
      loads++;
      onProgress(1);
      return { ok: true, data };
    });
    trafford_ = resolveScopeRef(data.attributes, { kind: 'lad', code: TRAFFORD })!;
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('routes should read');
    request = { schemesHash: hashSchemes(read.schemes), schemes: read.schemes, rule: { kind: 'centroid' } };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-engine-'));
  });

  async function cli(args: string[]): Promise<SummaryJson> {
    const file = path.join(tmp, `${args.join('_').replace(/[^\w.-]/g, '')}.json`);
    const parsed = parseCoverageArgs([trafford.routes, '--out', path.join(tmp, 'c.csv'), '--summary', file, ...args], builtDataDir);
    if (parsed.ok !== true) throw new Error('bad args');
    await runCoverage(parsed.options, () => undefined, () => undefined);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryJson;
  }

  async function asJson(summary: CoverageSummary, view: SummaryView, key: string): Promise<SummaryJson> {
    const data = await builtData();
    const outcome = await engine.run({ ...request, id: id(), view }, () => undefined);
    if (outcome.value.kind !== 'done') throw new Error('run should finish');
    const { run } = outcome.value;
    expect(run.key).toBe(key);
    return summaryJson({
      rule: run.rule,
      scope: { code: view.scope.kind === 'england' ? 'E92000001' : TRAFFORD, name: scopeName(data.attributes, view.scope) },
      indicator: view.indicator,
      codes: data.attributes.codes,
      schemes: { read: run.schemesRead, usable: run.schemesUsed, amountGbp: run.amountGbp },
      summary,
      problems: [],
    });
  }

  it('gives the CLI’s figures: deciles, headline, gaps and distances', async () => {
    const view: SummaryView = { scope: trafford_, indicator: 'imd', gapDecile: 10 };
    const progress: RunProgress[] = [];
    const outcome = await engine.run({ ...request, id: id(), view }, (p) => progress.push(p));
    if (outcome.value.kind !== 'done') throw new Error(`run ended ${outcome.value.kind}`);
    expect(progress[0]).toEqual({ phase: 'preparing', done: null });
    expect(progress.some((p) => p.phase === 'coverage')).toBe(true);
    expect(progress[progress.length - 1]!.phase).toBe('summary');
    // Per-LSOA arrays and the map's features go to the caller as transferable buffers of their own.
    expect(outcome.transfer).toHaveLength(6);
    const { run, summary } = outcome.value;
    expect(run.schemesUsed).toBe(407);
    // The routes as the map draws them: one feature each, id = position + 1, with its reach.
    const drawn = JSON.parse(new TextDecoder().decode(run.mapFeatures.shapes)) as { features: { id: number; geometry: { type: string }; properties: { reachM: number } }[] };
    expect(drawn.features).toHaveLength(407);
    expect(drawn.features[0]).toMatchObject({ id: 1, geometry: { type: 'MultiLineString' }, properties: { reachM: 400 } });
    expect(JSON.parse(new TextDecoder().decode(run.mapFeatures.points))).toEqual({ type: 'FeatureCollection', features: [] });

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
    const view: SummaryView = { scope: ENGLAND, indicator: 'income', gapDecile: 1 };
    const started = Date.now();
    const outcome = await engine.run({ ...request, id: id(), view }, () => undefined);
    if (outcome.value.kind !== 'done') throw new Error('run should finish');
    expect(Date.now() - started).toBeLessThan(1500); // Cached: no coverage run.
    expect(loads).toBe(1);
    const key = outcome.value.run.key;
    const summary = engine.summarize({ id: id(), key, view: { scope: trafford_, indicator: 'imd', gapDecile: 2 } });
    expect(summary.kind).toBe('done');
    expect(engine.summarize({ id: id(), key: 'nope|intersects', view })).toEqual({ kind: 'missing' });
  });

  it('stops a run when cancelled, or when a newer run starts', async () => {
    const view: SummaryView = { scope: trafford_, indicator: 'imd', gapDecile: 2 };
    const older = engine.run({ ...request, rule: { kind: 'share', share: 0.3 }, id: id(), view }, () => undefined);
    const newerId = id();
    const newer = engine.run({ ...request, rule: { kind: 'share', share: 0.31 }, id: newerId, view }, () => undefined);
    engine.cancel(newerId);
    expect((await older).value.kind).toBe('cancelled');
    expect((await newer).value.kind).toBe('cancelled');
    // Nothing half-done was cached: the same rule runs in full afterwards.
    const full = await engine.run({ ...request, rule: { kind: 'share', share: 0.3 }, id: id(), view }, () => undefined);
    expect(full.value.kind).toBe('done');
  });
});

describe.skipIf(!hasBuiltData)('CoverageEngine imports', () => {
  let engine: CoverageEngine;
  beforeAll(async () => {
    const data = await builtData();
    engine = new CoverageEngine(async () => ({ ok: true, data }));
  });
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
    const taken = engine.takeImport(1);
    expect(taken?.schemes).toHaveLength(555);
    expect(taken?.hash).toBe(hashSchemes(taken!.schemes));
    expect(engine.takeImport(1)).toBeNull();
  });

  it('reads routes with the reach the user chose where the file gives none', async () => {
    const bytes = fs.readFileSync(trafford.routes);
    const routes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const standard = await engine.previewImport({ token: 4, name: 'routes.geojson', bytes: routes }, () => undefined);
    if (standard.kind !== 'ready') throw new Error(standard.message);
    expect(standard.preview.reach).toEqual({ lineBufferM: 400, pointRadiusM: 0 });
    expect(standard.preview.shapes).toEqual({ point: 0, line: 407, polygon: 0, areas: 0 });
    const wider = await engine.previewImport({ token: 4, name: 'routes.geojson', reach: { lineBufferM: 800, pointRadiusM: 0 } }, () => undefined);
    if (wider.kind !== 'ready') throw new Error(wider.message);
    expect(wider.preview.reach.lineBufferM).toBe(800);
    const taken = engine.takeImport(4)!;
    expect(taken.schemes.every((s) => s.footprint.type === 'line' && s.footprint.bufferM === 800)).toBe(true);
  });

  it('refuses a binary file, and a discarded import cannot be taken', async () => {
    const refused = await engine.previewImport({ token: 2, name: 'photo.png', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0).buffer }, () => undefined);
    expect(refused).toEqual({ kind: 'refused', message: expect.stringContaining('photo.png is not a text file') });
    await engine.previewImport({ token: 3, name: 'grants.csv', bytes: grantsCsv() }, () => undefined);
    engine.discardImport(3);
    expect(engine.takeImport(3)).toBeNull();
  });
});
