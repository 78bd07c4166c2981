// Golden tests of the coverage core on the real build (public/data), Turf style: each case reads
// a small input GeoJSON under tests/fixtures/coverage/ and compares the covered LSOAs with an
// expected JSON next to it. `UPDATE_GOLDEN=1 npx vitest run tests/unit/coverage-golden.test.ts`
// rewrites both (see tests/fixtures/coverage/README.md); do that only on purpose, and check the
// diff. Beside the snapshots, each case asserts what the coverage rules say it must be (checked by
// hand for the bus routes, see the README), and the run's plumbing: problems, the per-LSOA
// lists, progress and cancellation.

import type { CoverageRule } from '../../src/core/coverage-rule';
import fs from 'node:fs';
import path from 'node:path';
import { booleanIntersects, booleanPointInPolygon, lineString, pointToLineDistance, pointToPolygonDistance } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/core/coverage';
import { footprintProblem } from '../../src/core/footprint-problem';
import type { AreaResolver, CoverageResult } from '../../src/core/coverage-types';
import type { AreaCodeKind, Footprint, LonLat, Scheme } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { lsoaToGeoJson } from '../../src/data/geometry-format';
import { ladLsoas, lsoaTurf, projectRoot, realData, routesPath, TRAFFORD, type RealData } from './coverage-real-data';

const fixtures = path.join(projectRoot, 'tests', 'fixtures', 'coverage');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const regenerate = 'UPDATE_GOLDEN=1 npx vitest run tests/unit/coverage-golden.test.ts';

/** Three real Trafford routes (TfGM 2023): a short one, a longer one, and a MultiLineString of 7 parts. */
const ROUTE_IDS = ['126_C_I_1_', '11_D_I_1_', '100_C_I_1_'];
/** Trafford 005B (Davyhulme): its 9 neighbours share its border exactly (no overlap of area). */
const TOUCH_LSOA = 'E01006123';
/** Trafford 005A, which shares a border with Trafford 005B. */
const TOUCH_NEIGHBOUR = 'E01006122';

const RULES: CoverageRule[] = [{ kind: 'intersects' }, { kind: 'centroid' }, { kind: 'share', share: 0.5 }];

let data: RealData;
let areas: AreaResolver;

// ── Fixture plumbing ────────────────────────────────────────────────────────────────────────

/** The input fixture, written first from `make` when regenerating. */
function input(name: string, make: () => FeatureCollection<Geometry | null>): FeatureCollection<Geometry | null> {
  const file = path.join(fixtures, `${name}.input.geojson`);
  if (UPDATE) {
    // One feature a line, so a diff shows which feature changed.
    const features = make().features.map((feature) => JSON.stringify(feature));
    fs.writeFileSync(file, `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`);
  }
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: regenerate it with ${regenerate}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection<Geometry | null>;
}

/** Compares with (or, when regenerating, writes) the expected output. */
function golden(name: string, actual: unknown): void {
  const file = path.join(fixtures, `${name}.expected.json`);
  if (UPDATE) fs.writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: regenerate it with ${regenerate}`);
  expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** A scheme from a fixture feature: properties give id, radiusM / bufferM, or areas (null geometry). */
function schemeOf(feature: Feature<Geometry | null>, defaultLineBufferM: number): Scheme {
  const props = (feature.properties ?? {}) as Record<string, unknown>;
  const id = String(props.id ?? props.ServiceID);
  const g = feature.geometry;
  let footprint: Footprint;
  if (g === null) footprint = { type: 'areas', areas: props.areas as { kind: AreaCodeKind; code: string }[] };
  else if (g.type === 'Point') footprint = { type: 'point', point: g.coordinates as LonLat, radiusM: Number(props.radiusM ?? 0) };
  else if (g.type === 'LineString') footprint = { type: 'line', lines: [g.coordinates as LonLat[]], bufferM: Number(props.bufferM ?? defaultLineBufferM) };
  else if (g.type === 'MultiLineString') footprint = { type: 'line', lines: g.coordinates as LonLat[][], bufferM: Number(props.bufferM ?? defaultLineBufferM) };
  else if (g.type === 'Polygon') footprint = { type: 'polygon', polygons: [g.coordinates as LonLat[][]], bufferM: Number(props.bufferM ?? 0) };
  else if (g.type === 'MultiPolygon') footprint = { type: 'polygon', polygons: g.coordinates as LonLat[][][], bufferM: Number(props.bufferM ?? 0) };
  else throw new Error(`fixture geometry ${g.type} is not a footprint`);
  return { id, name: id, kind: 'other', footprint };
}

function run(schemes: Scheme[], rule: CoverageRule): CoverageResult {
  return computeCoverage({ lsoas: data.geometry, schemes, rule, areas });
}

const label = (i: number) => `${data.attributes.codes[i]} ${data.details.names[i]}`;
const codesOf = (list: ArrayLike<number>) => Array.from(list, (i) => data.attributes.codes[i]!);
const indexOf = (code: string) => {
  const i = data.indexOf.get(code);
  if (i === undefined) throw new Error(`${code} is not in the built data`);
  return i;
};

/** The covered LSOAs and problems of a run, as the expected files hold them. */
function summary(schemes: Scheme[], result: CoverageResult) {
  return {
    rule: result.rule,
    schemes: schemes.map((scheme, k) => ({ id: scheme.id, covered: Array.from(result.covered[k]!, label) })),
    problems: result.problems,
  };
}

/** Every ring of LSOA i, as Turf reads it. */
function ringsOf(i: number): LonLat[][] {
  const g = lsoaToGeoJson(data.geometry, i);
  return (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat(1)) as LonLat[][];
}

/** Exact geodesic distance (m, Turf) between LSOA i and a line footprint: 0 when they meet. */
function lineDistanceM(lines: LonLat[][], i: number): number {
  const feature = lsoaTurf(data.geometry, i);
  let best = Infinity;
  for (const line of lines) {
    const path = lineString(line);
    if (booleanIntersects(path, feature)) return 0;
    for (const p of line) best = Math.min(best, Math.abs(pointToPolygonDistance(p, feature, { units: 'meters' })));
    for (const v of ringsOf(i).flat()) best = Math.min(best, pointToLineDistance(v, path, { units: 'meters' }));
  }
  return best;
}

/** Exact geodesic distance (m, Turf) between two LSOAs that do not meet. */
function lsoaDistanceM(i: number, j: number): number {
  const fi = lsoaTurf(data.geometry, i);
  const fj = lsoaTurf(data.geometry, j);
  let best = Infinity;
  for (const v of ringsOf(i).flat()) best = Math.min(best, Math.abs(pointToPolygonDistance(v, fj, { units: 'meters' })));
  for (const v of ringsOf(j).flat()) best = Math.min(best, Math.abs(pointToPolygonDistance(v, fi, { units: 'meters' })));
  return best;
}

const repOf = (i: number): LonLat => [data.geometry.points[i * 2]! / 1e6, data.geometry.points[i * 2 + 1]! / 1e6];

/** LSOAs near a point (representative point within ~5 km), for the brute-force cross-checks. */
function lsoasNear([lon, lat]: LonLat): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.geometry.count; i++) {
    if (Math.abs(data.geometry.points[i * 2]! / 1e6 - lon) < 0.08 && Math.abs(data.geometry.points[i * 2 + 1]! / 1e6 - lat) < 0.05) out.push(i);
  }
  return out;
}

beforeAll(() => {
  data = realData();
  areas = buildAreaResolver(data.attributes, data.details);
  fs.mkdirSync(fixtures, { recursive: true });
});

// ── (a) Real bus routes with a 400 m buffer ─────────────────────────────────────────────────

describe('real Trafford bus routes, 400 m buffer, intersects', () => {
  let schemes: Scheme[];
  let result: CoverageResult;

  beforeAll(() => {
    const routes = input('trafford-routes', () => {
      const all = JSON.parse(fs.readFileSync(routesPath, 'utf8')) as FeatureCollection;
      const features = ROUTE_IDS.map((id) => {
        const feature = all.features.find((f) => f.properties?.ServiceID === id);
        if (!feature) throw new Error(`route ${id} is not in ${routesPath}`);
        return feature;
      });
      return { type: 'FeatureCollection', features };
    });
    schemes = routes.features.map((f) => schemeOf(f, 400));
    result = run(schemes, { kind: 'intersects' });
  });

  it('covers the LSOAs in the expected file', () => {
    expect(schemes.map((s) => s.id)).toEqual(ROUTE_IDS);
    expect(result.problems).toEqual([]);
    golden('trafford-routes', summary(schemes, result));
  });

  it('agrees with the LSOAs checked by hand (tests/fixtures/coverage/README.md)', () => {
    const handChecked: Record<string, { in: string[]; out: string[] }> = {
      // Runs through Trafford 002E and 005B; Trafford 002A is 387 m away, 005A 443 m.
      '126_C_I_1_': { in: ['E01006121', 'E01006123', 'E01006116'], out: ['E01006122'] },
      // Altrincham → Timperley → Brooklands; Trafford 027A is 356 m away, Manchester 051B 491 m, Trafford 028E 493 m.
      '11_D_I_1_': { in: ['E01006075', 'E01006080', 'E01006192', 'E01006204', 'E01006209', 'E01005113', 'E01006077'], out: ['E01005070', 'E01006138'] },
      // Barton: 80 vertices lie in Trafford 002E, 6 in 005B, one in Salford 026D; 002A is 387 m away, 005A 443 m.
      '100_C_I_1_': { in: ['E01005602', 'E01006121', 'E01006123', 'E01006116'], out: ['E01006122'] },
    };
    schemes.forEach((scheme, k) => {
      const covered = new Set(codesOf(result.covered[k]!));
      const expected = handChecked[scheme.id]!;
      for (const code of expected.in) expect(covered.has(code), `${scheme.id} should cover ${code}`).toBe(true);
      for (const code of expected.out) expect(covered.has(code), `${scheme.id} should not cover ${code}`).toBe(false);
    });
  });

  it('covers every LSOA a route runs through, and only LSOAs within 400 m (+0.5%)', () => {
    schemes.forEach((scheme, k) => {
      const covered = new Set(result.covered[k]);
      const lines = scheme.footprint.type === 'line' ? scheme.footprint.lines : [];
      for (const i of lsoasNear(lines[0]![0]!)) {
        const feature = lsoaTurf(data.geometry, i);
        if (lines.some((line) => line.some((p) => booleanPointInPolygon(p, feature))))
          expect(covered.has(i), `${scheme.id} runs through ${label(i)}`).toBe(true);
      }
      for (const i of covered) expect(lineDistanceM(lines, i), `${scheme.id} covers ${label(i)}`).toBeLessThanOrEqual(400 * 1.005);
    });
  });

  // (f) The per-LSOA lists are the per-scheme lists turned inside out.
  it('inverts covered into lsoaStart / lsoaSchemes consistently', () => {
    checkInversion(result);
    // And on a run where schemes share LSOAs and one is unusable.
    const extra: Scheme[] = [
      ...schemes,
      { id: 'bad', name: 'bad', kind: 'other', footprint: { type: 'point', point: [Number.NaN, 53.4], radiusM: 0 } },
      { id: 'trafford', name: 'trafford', kind: 'other', footprint: { type: 'areas', areas: [{ kind: 'lad', code: TRAFFORD }] } },
    ];
    const mixed = run(extra, { kind: 'centroid' });
    expect(mixed.covered[3]).toHaveLength(0);
    checkInversion(mixed);
  });
});

function checkInversion(result: CoverageResult): void {
  const count = data.geometry.count;
  expect(result.lsoaStart).toHaveLength(count + 1);
  expect(result.lsoaStart[0]).toBe(0);
  const pairs = result.covered.reduce((n, list) => n + list.length, 0);
  expect(result.lsoaStart[count]).toBe(pairs);
  expect(result.lsoaSchemes).toHaveLength(pairs);
  const expected: number[][] = Array.from({ length: count }, () => []);
  result.covered.forEach((list, k) => {
    for (let j = 1; j < list.length; j++) expect(list[j]!).toBeGreaterThan(list[j - 1]!);
    for (const i of list) expected[i]!.push(k);
  });
  for (let i = 0; i < count; i++) {
    const start = result.lsoaStart[i]!;
    const end = result.lsoaStart[i + 1]!;
    expect(end).toBeGreaterThanOrEqual(start);
    if (end - start !== expected[i]!.length) expect(Array.from(result.lsoaSchemes.subarray(start, end))).toEqual(expected[i]);
    for (let j = start; j < end; j++) {
      if (result.lsoaSchemes[j] !== expected[i]![j - start]) expect(Array.from(result.lsoaSchemes.subarray(start, end))).toEqual(expected[i]);
    }
  }
}

// ── (b) Named areas ─────────────────────────────────────────────────────────────────────────

describe('code-list (areas) schemes', () => {
  it('cover exactly the LSOAs of a district or ward, and report unknown codes', () => {
    const wardIndex = data.details.ward[indexOf(TOUCH_LSOA)]!;
    const ward = data.details.wards[wardIndex]!;
    const collection = input('area-codes', () => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: null, properties: { id: 'trafford', areas: [{ kind: 'lad', code: TRAFFORD }] } },
        { type: 'Feature', geometry: null, properties: { id: 'ward', areas: [{ kind: 'ward', code: ward.code }] } },
        {
          type: 'Feature',
          geometry: null,
          properties: {
            id: 'ward-and-unknown',
            areas: [
              { kind: 'ward', code: ward.code },
              { kind: 'lad', code: 'E08999999' },
            ],
          },
        },
        { type: 'Feature', geometry: null, properties: { id: 'ward-code-as-lad', areas: [{ kind: 'lad', code: ward.code }] } },
        { type: 'Feature', geometry: null, properties: { id: 'lsoa', areas: [{ kind: 'lsoa21', code: TOUCH_LSOA }] } },
      ],
    }));
    const schemes = collection.features.map((f) => schemeOf(f, 0));
    const result = run(schemes, { kind: 'intersects' });
    golden('area-codes', summary(schemes, result));

    const trafford = ladLsoas(data, TRAFFORD);
    expect(trafford.length).toBeGreaterThan(100);
    expect(Array.from(result.covered[0]!)).toEqual(trafford);
    const wardLsoas = data.details.ward.flatMap((w, i) => (w === wardIndex ? [i] : []));
    expect(wardLsoas.length).toBeGreaterThan(1);
    expect(Array.from(result.covered[1]!)).toEqual(wardLsoas);
    // A known code still counts when another in the list is unknown; the unknown one is named.
    expect(Array.from(result.covered[2]!)).toEqual(wardLsoas);
    expect(result.covered[3]).toHaveLength(0);
    expect(Array.from(result.covered[4]!)).toEqual([indexOf(TOUCH_LSOA)]);
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatchObject({ id: 'ward-and-unknown' });
    expect(result.problems[0]!.reason).toContain('E08999999 (lad)');
    expect(result.problems[1]).toMatchObject({ id: 'ward-code-as-lad' });
    expect(result.problems[1]!.reason).toContain(`${ward.code} (lad)`);
    // Named areas are the same under every rule.
    for (const rule of RULES.slice(1)) expect(run(schemes, rule).covered).toEqual(result.covered);
  });
});

// ── (c) A polygon drawn exactly along LSOA borders ──────────────────────────────────────────

describe('a polygon equal to a real LSOA', () => {
  it('covers that LSOA and not its neighbours with no buffer, and the neighbours with 50 m', () => {
    const self = indexOf(TOUCH_LSOA);
    const collection = input('touching-polygon', () => ({
      type: 'FeatureCollection',
      features: [0, 50].map((bufferM) => ({
        type: 'Feature',
        geometry: lsoaToGeoJson(data.geometry, self),
        properties: { id: `${TOUCH_LSOA}-buffer-${bufferM}`, bufferM },
      })),
    }));
    const schemes = collection.features.map((f) => schemeOf(f, 0));
    const result = run(schemes, { kind: 'intersects' });
    golden('touching-polygon', summary(schemes, result));

    // Its neighbours: LSOAs whose polygons meet it (Turf).
    const feature = lsoaTurf(data.geometry, self);
    const near = lsoasNear(repOf(self)).filter((i) => i !== self);
    const neighbours = near.filter((i) => booleanIntersects(feature, lsoaTurf(data.geometry, i)));
    expect(neighbours.length).toBeGreaterThanOrEqual(5);
    expect(neighbours).toContain(indexOf(TOUCH_NEIGHBOUR));
    expect(Array.from(result.covered[0]!)).toEqual([self]);
    const buffered = new Set(result.covered[1]);
    for (const i of [self, ...neighbours]) expect(buffered.has(i), label(i)).toBe(true);
    // Beyond the neighbours, covered exactly when within 50 m (outside the 0.5% band). For
    // polygons that do not meet, the least vertex-to-polygon distance either way is exact.
    const [w, s, e, n] = [
      Math.min(
        ...ringsOf(self)
          .flat()
          .map((p) => p[0]),
      ),
      Math.min(
        ...ringsOf(self)
          .flat()
          .map((p) => p[1]),
      ),
      Math.max(
        ...ringsOf(self)
          .flat()
          .map((p) => p[0]),
      ),
      Math.max(
        ...ringsOf(self)
          .flat()
          .map((p) => p[1]),
      ),
    ];
    let checked = 0;
    for (const i of near) {
      if (neighbours.includes(i)) continue;
      const box = ringsOf(i).flat();
      if (box.every((p) => p[0] < w - 0.002 || p[0] > e + 0.002 || p[1] < s - 0.001 || p[1] > n + 0.001)) {
        expect(buffered.has(i), `${label(i)} is far`).toBe(false);
        continue;
      }
      const d = lsoaDistanceM(self, i);
      checked++;
      if (Math.abs(d - 50) > 0.25) expect(buffered.has(i), `${label(i)} is ${d.toFixed(1)} m away`).toBe(d < 50);
    }
    expect(checked).toBeGreaterThan(0);
    // Centroid and share rules: only the LSOA itself (its neighbours' centres and areas lie outside).
    for (const rule of RULES.slice(1)) expect(Array.from(run([schemes[0]!], rule).covered[0]!)).toEqual([self]);
  });
});

// ── (d) A point on a shared vertex or edge ──────────────────────────────────────────────────

describe('a point on a shared border, radius 0', () => {
  it('covers both LSOAs, under every rule', () => {
    const a = indexOf(TOUCH_LSOA);
    const b = indexOf(TOUCH_NEIGHBOUR);
    const collection = input('shared-border-points', () => {
      const key = ([x, y]: LonLat) => `${x},${y}`;
      const bVertices = new Set(ringsOf(b).flat().map(key));
      const aRing = ringsOf(a)[0]!;
      const candidates = lsoasNear(aRing[0]!).map((i) => ({ i, f: lsoaTurf(data.geometry, i) }));
      const on = (p: LonLat) =>
        candidates
          .filter(({ f }) => booleanPointInPolygon(p, f))
          .map(({ i }) => i)
          .sort((x, y) => x - y);
      // A vertex of both whose only LSOAs are these two, then an edge of both (consecutive shared vertices).
      const vertex = aRing.find((p) => bVertices.has(key(p)) && on(p).length === 2);
      let edge: [LonLat, LonLat] | undefined;
      for (let v = 0; v < aRing.length - 1 && !edge; v++) {
        const p = aRing[v]!;
        const q = aRing[v + 1]!;
        if (bVertices.has(key(p)) && bVertices.has(key(q)) && on(p).length === 2 && on(q).length === 2) edge = [p, q];
      }
      if (!vertex || !edge) throw new Error(`no shared vertex or edge found between ${TOUCH_LSOA} and ${TOUCH_NEIGHBOUR}`);
      const midpoint: LonLat = [(edge[0][0] + edge[1][0]) / 2, (edge[0][1] + edge[1][1]) / 2];
      return {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: vertex }, properties: { id: 'shared-vertex', radiusM: 0 } },
          { type: 'Feature', geometry: { type: 'Point', coordinates: midpoint }, properties: { id: 'shared-edge-midpoint', radiusM: 0, edge } },
        ],
      };
    });
    const schemes = collection.features.map((f) => schemeOf(f, 0));
    const results = RULES.map((rule) => run(schemes, rule));
    golden(
      'shared-border-points',
      results.map((r) => summary(schemes, r)),
    );
    for (const result of results) {
      for (const list of result.covered) expect(Array.from(list), result.rule.kind).toEqual([a, b].sort((x, y) => x - y));
    }
  });
});

// ── (e) Footprints that cannot be used ──────────────────────────────────────────────────────

describe('footprintProblem', () => {
  const p: LonLat = [-2.35, 53.45];
  const square: LonLat[] = [p, [-2.34, 53.45], [-2.34, 53.46], [-2.35, 53.46], p];
  const cases: [string, Footprint, RegExp][] = [
    ['NaN longitude', { type: 'point', point: [Number.NaN, 53.45], radiusM: 0 }, /not a number \(NaN, 53\.45\)/],
    ['infinite latitude', { type: 'line', lines: [[p, [-2.3, Number.POSITIVE_INFINITY]]], bufferM: 0 }, /not a number \(-2\.3, Infinity\)/],
    ['longitude out of range', { type: 'point', point: [200, 53.45], radiusM: 0 }, /longitude 200 is outside/],
    ['latitude out of range', { type: 'line', lines: [[p, [-2.3, -95.5]]], bufferM: 10 }, /latitude -95\.5 is outside/],
    ['latitude out of range in a polygon', { type: 'polygon', polygons: [[[p, [-2.34, 91], [-2.34, 53.46], p]]], bufferM: 0 }, /latitude 91 is outside/],
    ['ring too short', { type: 'polygon', polygons: [[[p, [-2.34, 53.45], p]]], bufferM: 0 }, /ring has 3 points/],
    ['ring not closed', { type: 'polygon', polygons: [[square.slice(0, 4)]], bufferM: 0 }, /not closed.*\(-2\.35, 53\.45\).*\(-2\.35, 53\.46\)/],
    [
      'self-intersecting polygon (a bow tie)',
      { type: 'polygon', polygons: [[[p, [-2.34, 53.46], [-2.34, 53.45], [-2.35, 53.46], p]]], bufferM: 0 },
      /crosses itself \(near -2\.34500, 53\.45500\)/,
    ],
    ['negative buffer on a line', { type: 'line', lines: [[p, [-2.34, 53.45]]], bufferM: -5 }, /buffer -5 m is not a distance/],
    ['negative buffer on a polygon', { type: 'polygon', polygons: [[square]], bufferM: -0.5 }, /buffer -0\.5 m is not a distance/],
    ['NaN radius', { type: 'point', point: p, radiusM: Number.NaN }, /radius NaN m is not a distance/],
    ['line of one point', { type: 'line', lines: [[p]], bufferM: 0 }, /route line has 1 point/],
    ['empty areas', { type: 'areas', areas: [] }, /names no areas/],
  ];

  it.each(cases)('%s', (_name, footprint, message) => {
    expect(footprintProblem(footprint)).toMatch(message);
  });

  it('accepts good footprints, and a run skips the bad ones with their reasons', () => {
    const good: Footprint = { type: 'polygon', polygons: [[square]], bufferM: 0 };
    expect(footprintProblem(good)).toBeNull();
    const schemes: Scheme[] = [
      ...cases.map(([name, footprint]): Scheme => ({ id: name, name, kind: 'other', footprint })),
      { id: 'good', name: 'good', kind: 'other', footprint: good },
    ];
    const result = run(schemes, { kind: 'intersects' });
    expect(result.problems.map((problem) => problem.id)).toEqual(cases.map(([name]) => name));
    for (const [k, [, , message]] of cases.entries()) {
      expect(result.problems[k]!.reason).toMatch(message);
      expect(result.covered[k]).toHaveLength(0);
    }
    expect(result.covered[cases.length]!.length).toBeGreaterThan(0);
  });
});

// ── (g) Progress and cancellation ───────────────────────────────────────────────────────────

describe('progress and cancellation', () => {
  const schemes = (): Scheme[] =>
    ladLsoas(data, TRAFFORD)
      .slice(0, 120)
      .map((i, k) => ({
        id: `p${k}`,
        name: `p${k}`,
        kind: 'grant',
        footprint: { type: 'point', point: [data.geometry.points[i * 2]! / 1e6, data.geometry.points[i * 2 + 1]! / 1e6], radiusM: 300 },
      }));

  it('reports progress from 0 up to 1 on a full run', () => {
    const progress: number[] = [];
    const result = computeCoverage({
      lsoas: data.geometry,
      schemes: schemes(),
      rule: { kind: 'share', share: 0.3 },
      areas,
      onProgress: (done) => progress.push(done),
    });
    expect(result.cancelled).toBe(false);
    expect(progress.length).toBeGreaterThan(2);
    for (let j = 1; j < progress.length; j++) expect(progress[j]!).toBeGreaterThanOrEqual(progress[j - 1]!);
    expect(Math.min(...progress)).toBeGreaterThanOrEqual(0);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('stops when isCancelled says so, and says it was cancelled', () => {
    const list = schemes();
    const full = run(list, { kind: 'intersects' });
    let asked = 0;
    const result = computeCoverage({ lsoas: data.geometry, schemes: list, rule: { kind: 'intersects' }, areas, isCancelled: () => ++asked > 10 });
    expect(result.cancelled).toBe(true);
    expect(asked).toBe(11);
    expect(result.covered).toHaveLength(list.length);
    // The schemes done before the stop are as in a full run; the rest are empty.
    expect(result.covered.slice(0, 10)).toEqual(full.covered.slice(0, 10));
    for (const list of result.covered.slice(10)) expect(list).toHaveLength(0);
    checkInversion(result);
    // Cancelled before the first scheme: nothing covered.
    const none = computeCoverage({ lsoas: data.geometry, schemes: list, rule: { kind: 'intersects' }, areas, isCancelled: () => true });
    expect(none.cancelled).toBe(true);
    expect(none.lsoaSchemes).toHaveLength(0);
  });
});
