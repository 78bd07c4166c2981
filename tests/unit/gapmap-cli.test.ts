// `npm run gapmap -- coverage` end to end on the real build and the real TfGM Trafford bus routes,
// and its refusals of unusable input.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { COVERAGE_CSV_HEADER } from '../../src/data/coverage-csv';
import { decodeDeciles } from '../../src/data/schema';
import type { SummaryJson } from '../../src/data/summary-json';
import type { BuiltData } from '../../scripts/cli/read-built-data';
import { builtData, hasBuiltData, projectRoot, sharedRoot, TRAFFORD, trafford } from './built-data';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run gapmap` does (tsx), without blocking the test worker. */
function gapmap(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gapmap.ts', ...args], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const fixtures = path.join(projectRoot, 'tests', 'fixtures', 'coverage');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-cli-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasBuiltData)('gapmap coverage on the Trafford bus routes, scope Trafford', () => {
  let run: Run;
  let rows: string[][];
  let summary: SummaryJson;
  let data: BuiltData;

  beforeAll(async () => {
    data = await builtData();
    const csv = path.join(tmp, 'routes.csv');
    const json = path.join(tmp, 'out', 'summary.json');
    run = await gapmap('coverage', trafford.routes, '--scope', TRAFFORD, '--out', csv, '--summary', json, '--rule', 'intersects');
    expect(run.stderr).not.toMatch(/failed unexpectedly/);
    expect(run.status).toBe(0);
    const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(COVERAGE_CSV_HEADER);
    rows = lines.slice(1).map((line) => line.split(','));
    summary = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
  });

  it('writes the CSV: header exactly, one row per reached LSOA in code order, ids sorted', () => {
    expect(COVERAGE_CSV_HEADER).toBe('lsoa21cd,count,amount_gbp,ids');
    expect(rows.length).toBeGreaterThan(100);
    const codes = rows.map((r) => r[0]!);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    const trafford = new Set(data.attributes.codes.filter((_, i) => data.attributes.lads[data.attributes.lad[i]!]!.code === TRAFFORD));
    for (const row of rows) {
      expect(row).toHaveLength(4);
      const [code, count, amount, ids] = row as [string, string, string, string];
      expect(trafford.has(code), code).toBe(true);
      const list = ids.split(';');
      expect(Number(count)).toBe(list.length);
      expect(list).toEqual([...list].sort());
      // The routes carry no amounts.
      expect(amount).toBe('0');
    }
  });

  it('writes the summary: its shape, and deciles that add up to Trafford’s LSOAs', () => {
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['rule', 'scope', 'indicator', 'deciles', 'headline', 'gaps', 'fairness', 'problems']));
    expect(summary).toMatchObject({ rule: 'intersects', scope: TRAFFORD, scope_name: 'Trafford', indicator: 'imd' });
    expect(summary.schemes).toMatchObject({ read: 407, usable: 407, amount_gbp: 0, by_kind: { transport: 407 }, by_placement: { exact: 407 } });
    expect(summary.schemes.area_wide).toMatchObject({ count: 0, amount_gbp: 0, counted: false, areas: [] });
    expect(summary.headline.definition).toBe('unreached');
    expect(summary.deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of summary.deciles) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['decile', 'lsoas', 'people', 'covered_lsoas', 'covered_people', 'allocated_gbp', 'gbp_per_head']),
      );
      expect(row.covered_lsoas).toBeLessThanOrEqual(row.lsoas);
    }
    const ladIndex = data.attributes.lads.findIndex((l) => l.code === TRAFFORD);
    const traffordCount = data.attributes.lad.filter((l) => l === ladIndex).length;
    expect(summary.deciles.reduce((n, d) => n + d.lsoas, 0)).toBe(traffordCount);
    expect(summary.deciles.reduce((n, d) => n + d.covered_lsoas, 0)).toBe(rows.length);
    expect(Object.keys(summary.headline)).toEqual(expect.arrayContaining(['gap_decile', 'people_uncovered', 'share_uncovered']));
    expect(summary.headline.gap_decile).toBe(2);
    const deprived = summary.deciles.filter((d) => d.decile <= 2);
    expect(summary.headline.people_uncovered).toBe(deprived.reduce((n, d) => n + d.people - d.covered_people, 0));
    // Every gap is an uncovered decile 1–2 LSOA, most deprived first.
    expect(summary.gaps.length).toBe(deprived.reduce((n, d) => n + d.lsoas - d.covered_lsoas, 0));
    expect(summary.gaps.map((g) => g.rank)).toEqual([...summary.gaps.map((g) => g.rank)].sort((a, b) => a - b));
    // No amounts: nothing allocated, so no concentration index.
    expect(summary.fairness).toMatchObject({ allocated_gbp: 0, most_deprived_deciles: 2, share_of_gbp_most_deprived: null, concentration_index: null });
    expect(summary.problems).toEqual([]);
    expect(run.stderr).toContain('407 schemes read, 407 used');
  });
});

describe.skipIf(!hasBuiltData)('gapmap coverage with amounts, gaps and problems (England)', () => {
  it('allocates amounts, lists gaps with distances, and reports bad features', async () => {
    const schemes = path.join(tmp, 'mixed.geojson');
    const square = [
      [-2.33, 53.44],
      [-2.32, 53.44],
      [-2.32, 53.45],
      [-2.33, 53.45],
      [-2.33, 53.44],
    ];
    fs.writeFileSync(
      schemes,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'hub, north', amount_gbp: 10000, radius_m: 500 }, geometry: { type: 'Point', coordinates: [-2.3386, 53.4631] } },
          { type: 'Feature', properties: { id: 'park', amount_gbp: 5000 }, geometry: { type: 'Polygon', coordinates: [square] } },
          { type: 'Feature', properties: { id: 'broken' }, geometry: { type: 'Point', coordinates: [-2.3, 95] } },
        ],
      }),
    );
    const csv = path.join(tmp, 'mixed.csv');
    const json = path.join(tmp, 'mixed.json');
    const run = await gapmap('coverage', schemes, '--out', csv, '--summary', json, '--gap-decile', '1', '--indicator', 'income');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("Skipped: Feature 3 (id 'broken'): The point [-2.3, 95] has latitude 95, outside -90..90.");
    const summary = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
    expect(summary).toMatchObject({ scope: 'E92000001', scope_name: 'England', indicator: 'income' });
    expect(summary.schemes).toMatchObject({ read: 2, usable: 2, amount_gbp: 15000, by_kind: { other: 2 }, by_placement: { exact: 2 } });
    expect(summary.fairness.allocated_gbp).toBeCloseTo(15000, 2);
    expect(summary.deciles.reduce((n, d) => n + d.allocated_gbp, 0)).toBeCloseTo(15000, 1);
    expect(summary.problems).toEqual([expect.objectContaining({ id: 'broken', severity: 'error' })]);
    expect(summary.headline.gap_decile).toBe(1);
    expect(summary.gaps.length).toBeGreaterThan(3000);
    expect(summary.gaps.every((g) => g.decile === 1 && g.nearest_km !== null && g.nearest_km >= 0)).toBe(true);
    // An id holding a comma is quoted in the CSV.
    expect(fs.readFileSync(csv, 'utf8')).toContain('"hub, north');
  });
});

describe.concurrent('gapmap refuses unusable input with a clear message', () => {
  it.each([
    [['coverage', 'no-such-file.geojson'], 1, 'The schemes file no-such-file.geojson does not exist.'],
    [['coverage', 'tests/fixtures/schemes/single-feature.geojson', '--rule', 'touching'], 2, "Unknown coverage rule 'touching'"],
    [['coverage', 'tests/fixtures/schemes/single-feature.geojson', '--gap-decile', '11'], 2, "--gap-decile '11' must be a whole number from 1 to 10."],
    [['coverage', 'tests/fixtures/schemes/single-feature.geojson', '--indicator', 'wealth'], 2, "Unknown indicator 'wealth'"],
    [['coverage', 'tests/fixtures/schemes/single-feature.geojson', '--colour', 'red'], 2, "Unknown option '--colour'."],
    [['frobnicate'], 2, "Unknown command 'frobnicate'."],
    [['coverage', 'tests/fixtures/schemes/british-national-grid.geojson'], 1, "The file's coordinates are in urn:ogc:def:crs:EPSG::27700"],
    [
      ['coverage', 'tests/fixtures/schemes/single-feature.geojson', '--data', 'no-such-folder'],
      1,
      'No built data in no-such-folder: manifest.json is missing. Build it with `npm run data`',
    ],
  ])('%j → exit %i', async (args, status, message) => {
    const run = await gapmap(...args);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it.skipIf(!hasBuiltData)('an unknown scope code', async () => {
    const run = await gapmap('coverage', 'tests/fixtures/schemes/single-feature.geojson', '--scope', 'E08999999');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Unknown scope code 'E08999999': give a region (E12…), county (E10…) or district/unitary");
  });

  it('prints help with the stated defaults', async () => {
    const run = await gapmap('coverage', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--rule intersects|centroid|share:P');
    expect(run.stdout).toContain('400 m buffer');
  });
});

describe.skipIf(!hasBuiltData)('gapmap coverage on a 360Giving CSV (Trafford Council grants): recorded only for the district', () => {
  const grants = path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');

  it('by default keeps the 555 area-wide grants apart: all 18,345 people in deciles 1–2 unreached by located schemes, no money spread', async () => {
    const csv = path.join(tmp, 'grants.csv');
    const json = path.join(tmp, 'grants-summary.json');
    const run = await gapmap('coverage', grants, '--scope', TRAFFORD, '--out', csv, '--summary', json);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('CSV, 555 rows → 555 schemes (555 by Beneficiary location: area code (district))');
    expect(run.stderr).toContain('recorded only for a whole area (555 for Trafford): they cannot show which neighbourhoods they reach');
    const summary = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
    expect(summary.schemes).toMatchObject({ read: 555, usable: 555, by_kind: { grant: 555 }, by_placement: { district: 555 } });
    expect(summary.schemes.area_wide).toEqual({
      count: 555,
      amount_gbp: summary.schemes.amount_gbp,
      counted: false,
      in_scope: { count: 555, amount_gbp: summary.schemes.amount_gbp },
      areas: [{ codes: [TRAFFORD], name: 'Trafford', placement: 'district', count: 555, amount_gbp: summary.schemes.amount_gbp, in_scope: true }],
    });
    // Nobody in Trafford is reached by a located scheme: every person in deciles 1–2 is in a gap.
    const deprived = summary.deciles.filter((d) => d.decile <= 2);
    expect(summary.headline).toMatchObject({ definition: 'unreached', people: 18345, people_uncovered: 18345, share_uncovered: 1 });
    expect(summary.gaps).toHaveLength(deprived.reduce((n, d) => n + d.lsoas, 0));
    expect(summary.gaps.every((gap) => gap.count === 0 && gap.nearest_km === null)).toBe(true);
    // The money is reported for the district, not spread over its LSOAs as if it were evidence.
    expect(summary.deciles.every((d) => d.allocated_gbp === 0 && d.covered_lsoas === 0)).toBe(true);
    expect(summary.fairness.allocated_gbp).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toBe(`${COVERAGE_CSV_HEADER}\n`);
  });

  it('with --area-wide count gives exactly the figures from before area-wide schemes were kept apart', async () => {
    const csv = path.join(tmp, 'grants-counted.csv');
    const json = path.join(tmp, 'grants-counted.json');
    const run = await gapmap('coverage', grants, '--scope', TRAFFORD, '--area-wide', 'count', '--out', csv, '--summary', json);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Assumption (--area-wide count): 555 area-wide schemes');
    // The golden files were written by the CLI before this change (see tests/fixtures/coverage/README.md).
    const before = JSON.parse(fs.readFileSync(path.join(fixtures, 'trafford-grants-counted.expected.json'), 'utf8')) as SummaryJson;
    const summary = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
    expect(summary.deciles).toEqual(before.deciles);
    expect(summary.fairness).toEqual(before.fairness);
    expect(summary.headline).toMatchObject(before.headline);
    expect(summary.gaps).toEqual(before.gaps);
    expect(summary.schemes).toMatchObject(before.schemes);
    expect(summary.schemes.area_wide).toMatchObject({ count: 555, counted: true });
    // Every LSOA at the same £ per head, as before.
    expect(new Set(summary.deciles.filter((d) => d.people > 0).map((d) => d.gbp_per_head)).size).toBe(1);
    const sha = createHash('sha256').update(fs.readFileSync(csv)).digest('hex');
    expect(sha).toBe(fs.readFileSync(path.join(fixtures, 'trafford-grants-counted.expected.csv.sha256'), 'utf8').split(' ')[0]);
  });

  it('refuses an unknown --area-wide or --gaps value', async () => {
    for (const [option, value, message] of [
      ['--area-wide', 'spread', "--area-wide 'spread' must be one of separate, count."],
      ['--gaps', 'fewest', "--gaps 'fewest' must be one of unreached, underserved."],
    ] as const) {
      const run = await gapmap('coverage', grants, option, value);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

describe.skipIf(!hasBuiltData)('gapmap coverage --gaps underserved on the real TfGM routes and stops', () => {
  let routes: SummaryJson;
  let counts: Map<string, number>;

  beforeAll(async () => {
    const csv = path.join(tmp, 'under.csv');
    const json = path.join(tmp, 'under.json');
    const run = await gapmap('coverage', trafford.routes, '--scope', TRAFFORD, '--gaps', 'underserved', '--out', csv, '--summary', json);
    expect(run.status).toBe(0);
    routes = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
    counts = new Map(
      fs
        .readFileSync(csv, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => [line.split(',')[0]!, Number(line.split(',')[1])]),
    );
  });

  it('lists the least-reached deprived LSOAs: none reached by more routes than a deprived LSOA left out', async () => {
    const data = await builtData();
    const trafford = data.attributes.lads.findIndex((lad) => lad.code === TRAFFORD);
    const deciles = decodeDeciles(data.attributes.deciles.imd!);
    const deprived = data.attributes.codes.filter((_, i) => data.attributes.lad[i] === trafford && deciles[i]! <= 2);
    expect(routes.headline).toMatchObject({ definition: 'underserved', gap_decile: 2, lsoas: deprived.length, people_uncovered: 0 });
    // Every deprived LSOA is reached by some route (an urban borough), so "unreached" finds nothing; under-served does.
    expect(routes.gaps.length).toBeGreaterThan(0);
    expect(routes.gaps.length).toBeLessThan(deprived.length);
    const listed = new Set(routes.gaps.map((gap) => gap.lsoa21cd));
    const most = Math.max(...routes.gaps.map((gap) => gap.count));
    expect(most).toBe(routes.headline.reach_cut);
    for (const code of deprived) {
      // Each gap's count is the CSV's count column; every deprived LSOA left out is reached by more.
      const count = counts.get(code) ?? 0;
      if (listed.has(code)) expect(routes.gaps.find((gap) => gap.lsoa21cd === code)!.count).toBe(count);
      else expect(count).toBeGreaterThan(most);
    }
    // At least the least-reached fifth is listed (ties at the cut all in).
    expect(routes.gaps.length).toBeGreaterThanOrEqual(Math.ceil(0.2 * deprived.length));
    expect(routes.headline.gap_people).toBe(routes.gaps.reduce((n, gap) => n + gap.people, 0));
    // Route variants of one service count once: TfGM ServiceIDs "100_C_I_1_", "100_C_O_3_A" are service 100.
    expect(routes.gaps.every((gap) => gap.services > 0 && gap.services < gap.count && gap.stops === 0)).toBe(true);
  });

  it('reads the stops with a 400 m walking catchment, and the stops with the routes as one transport picture', async () => {
    const json = path.join(tmp, 'both.json');
    const run = await gapmap(
      'coverage',
      trafford.stops,
      trafford.routes,
      '--scope',
      TRAFFORD,
      '--gaps',
      'underserved',
      '--out',
      path.join(tmp, 'both.csv'),
      '--summary',
      json,
    );
    expect(run.status).toBe(0);
    const both = JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson;
    expect(both.schemes).toMatchObject({ read: 1025 + 407, by_kind: { transport: 1025 + 407 } });
    for (const gap of both.gaps) {
      expect(gap.stops).toBeGreaterThan(0);
      // Every scheme is a stop or a route: its count is the stops reaching it plus the routes the routes-only run counted.
      expect(gap.count).toBe(gap.stops + (counts.get(gap.lsoa21cd) ?? 0));
    }
    // Stops alone: each reaches the LSOAs within 400 m of it, so far more than the LSOA it stands in.
    const stopsJson = path.join(tmp, 'stops.json');
    const stopsCsv = path.join(tmp, 'stops.csv');
    expect((await gapmap('coverage', trafford.stops, '--scope', TRAFFORD, '--out', stopsCsv, '--summary', stopsJson)).status).toBe(0);
    const stopRows = fs.readFileSync(stopsCsv, 'utf8').trimEnd().split('\n').slice(1);
    const reachedPerStop = stopRows.reduce((n, line) => n + Number(line.split(',')[1]), 0) / 1025;
    expect(reachedPerStop).toBeGreaterThan(2);
  });
});

describe.skipIf(!hasBuiltData)('gapmap coverage --scope-file: a target area given as a file', () => {
  const traffordLsoasFile = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', `${TRAFFORD}.geojson`);

  it('an area of exactly Trafford’s LSOAs gives Trafford’s figures, and lists the LSOAs', async () => {
    const area = path.join(tmp, 'area.json');
    const lad = path.join(tmp, 'lad.json');
    const [byArea, byLad] = await Promise.all([
      gapmap('coverage', trafford.routes, '--rule', 'centroid', '--scope-file', traffordLsoasFile, '--out', path.join(tmp, 'area.csv'), '--summary', area),
      gapmap('coverage', trafford.routes, '--rule', 'centroid', '--scope', TRAFFORD, '--out', path.join(tmp, 'lad.csv'), '--summary', lad),
    ]);
    expect(byArea.status).toBe(0);
    expect(byLad.status).toBe(0);
    expect(byArea.stderr).toContain('139 LSOAs in the area (rule centroid)');
    const a = JSON.parse(fs.readFileSync(area, 'utf8')) as SummaryJson & { lsoas: string[] };
    const b = JSON.parse(fs.readFileSync(lad, 'utf8')) as SummaryJson;
    const data = await builtData();
    const inTrafford = data.attributes.codes.filter((_, i) => data.attributes.lads[data.attributes.lad[i]!]?.code === TRAFFORD);
    expect(a.lsoas).toEqual(inTrafford);
    expect(a.scope).toBe('area');
    expect(a.scope_name).toBe(TRAFFORD);
    expect(a.deciles).toEqual(b.deciles);
    expect(a.headline).toEqual(b.headline);
    expect(a.gaps).toEqual(b.gaps);
  });

  it('refuses --scope with --scope-file, and an area outside England', async () => {
    const both = await gapmap('coverage', trafford.routes, '--scope', TRAFFORD, '--scope-file', traffordLsoasFile);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('Give --scope or --scope-file, not both');
    const sea = path.join(tmp, 'sea.geojson');
    fs.writeFileSync(
      sea,
      JSON.stringify({
        type: 'Feature',
        properties: { name: 'North Sea' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [3, 55],
              [3.1, 55],
              [3.1, 55.1],
              [3, 55.1],
              [3, 55],
            ],
          ],
        },
      }),
    );
    const outside = await gapmap('coverage', trafford.routes, '--scope-file', sea);
    expect(outside.status).not.toBe(0);
    // Refused as it is read: a shape wholly outside England cannot be a place GapMap counts.
    expect(outside.stderr).toContain('Latitude 55.05, longitude 3.05 is outside England. The feature was skipped.');
    expect(outside.stderr).toContain('holds no usable schemes');
  });
});
