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
import { CoverageEngine, hashSchemes, readSchemesText, runKey } from '../../src/worker/coverage-engine';
import { builtData, builtDataDir, hasBuiltData, TRAFFORD, trafford } from './built-data';

describe('engine helpers', () => {
  it('hashes equal schemes equally and different ones differently', () => {
    const a = readSchemesText(JSON.stringify({ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-2.3, 53.4] } }));
    const b = readSchemesText(JSON.stringify({ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-2.3, 53.41] } }));
    if (!a.ok || !b.ok) throw new Error('fixtures should read');
    expect(a.hash).toBe(hashSchemes(a.schemes));
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(a.hash).not.toBe(b.hash);
    expect(runKey(a.hash, { kind: 'share', share: 0.5 })).toBe(`${a.hash}|share:0.5`);
  });

  it('refuses a file with no usable feature, saying why feature by feature', () => {
    const read = readSchemesText(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] }));
    expect(read.ok).toBe(false);
    expect(read.problems.length).toBe(2);
    expect(read.problems[1]!.message).toMatch(/No feature in the file could be used/);
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
    const read = readSchemesText(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('routes should read');
    request = { schemesHash: read.hash, schemes: read.schemes, rule: { kind: 'centroid' } };
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
    // Per-LSOA arrays go to the caller as transferable buffers of their own.
    expect(outcome.transfer).toHaveLength(4);
    const { run, summary } = outcome.value;
    expect(run.schemesUsed).toBe(407);

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
