// Property tests of the coverage core against a brute-force Turf computation of the same rules.
//
// Each run takes a window of real LSOAs around a Trafford or Manchester LSOA (the 20–60 LSOAs
// whose representative points are nearest its own), builds a small LsoaGeometry of just those
// (through the real file format), draws random schemes in it (points; lines of 2–6 vertices, one
// to three of them, some short pieces inside one LSOA; star-shaped or convex polygons, some with
// a hole or a second part, or a real LSOA's ring), and checks computeCoverage under intersects,
// centroid and share:p against a check of EVERY LSOA of the window with Turf (no index):
// geodesic distances (point-to-polygon-distance, point-to-line-distance), intersection tests
// (boolean-intersects, boolean-point-in-polygon), overlap areas (intersect + area) and, for
// shares, a geodesic (WGS84, Vincenty) circle of 360 steps or Turf's buffer at 64 steps a quarter.
//
// The coverage rules promise agreement except within 0.5% of the threshold distance or share, so
// LSOAs whose brute-force distance is within 0.5% of d (or share within 0.5% of p) are left out of
// the comparison, counted, and reported (Turf's sphere differs from the ellipsoid by up to ~0.35%,
// inside that band). nearestFootprintKm is checked against the minimum over schemes of the exact
// distance, within 0.5% of that distance.

import type { CoverageRule } from '../../src/core/coverage-rule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  area,
  bboxClip,
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  distance,
  featureCollection,
  intersect,
  kinks,
  lineString,
  multiLineString,
  multiPolygon,
  pointToLineDistance,
  pointToPolygonDistance,
  polygon,
} from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { computeCoverage } from '../../src/core/coverage';
import type { AreaResolver } from '../../src/core/coverage-types';
import { nearestFootprintKm } from '../../src/core/nearest';
import type { Footprint, LonLat, Scheme } from '../../src/core/scheme';
import { lsoaToGeoJson, representativePoint, type LsoaGeometry } from '../../src/data/geometry-format';
import { ladLsoas, MANCHESTER, realData, subsetGeometry, TRAFFORD, type RealData } from './coverage-real-data';

const SEED = 42;
const RUNS = 40;
/** LSOAs per window whose nearest-scheme distance is checked. */
const NEAREST_SAMPLE = 15;
const noAreas: AreaResolver = { lsoasOf: () => undefined };

// ── Exact geodesy for the brute force ───────────────────────────────────────────────────────

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_B = WGS84_A * (1 - WGS84_F);
const RAD = Math.PI / 180;

/** Vincenty's direct solution on WGS84: the point `s` metres from (lon, lat) at azimuth `azimuth` (degrees). */
function geodesicDestination([lon, lat]: LonLat, azimuth: number, s: number): LonLat {
  const f = WGS84_F;
  const alpha1 = azimuth * RAD;
  const sinAlpha1 = Math.sin(alpha1);
  const cosAlpha1 = Math.cos(alpha1);
  const tanU1 = (1 - f) * Math.tan(lat * RAD);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const sigma1 = Math.atan2(tanU1, cosAlpha1);
  const sinAlpha = cosU1 * sinAlpha1;
  const cosSqAlpha = 1 - sinAlpha * sinAlpha;
  const uSq = (cosSqAlpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B)) / (WGS84_B * WGS84_B);
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  let sigma = s / (WGS84_B * A);
  let cos2SigmaM = 0;
  let sinSigma = 0;
  let cosSigma = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    cos2SigmaM = Math.cos(2 * sigma1 + sigma);
    sinSigma = Math.sin(sigma);
    cosSigma = Math.cos(sigma);
    const deltaSigma =
      B *
      sinSigma *
      (cos2SigmaM +
        (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    const next = s / (WGS84_B * A) + deltaSigma;
    if (Math.abs(next - sigma) < 1e-13) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  sinSigma = Math.sin(sigma);
  cosSigma = Math.cos(sigma);
  cos2SigmaM = Math.cos(2 * sigma1 + sigma);
  const x = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
  const lat2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1, (1 - f) * Math.sqrt(sinAlpha * sinAlpha + x * x));
  const lambda = Math.atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
  const C = (f / 16) * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
  const L = lambda - (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
  return [lon + L / RAD, lat2 / RAD];
}

/** A geodesic circle on WGS84 as a polygon of `steps` vertices. */
function geodesicCircle(centre: LonLat, radiusM: number, steps = 360): Feature<Polygon> {
  const ring: LonLat[] = [];
  for (let k = 0; k < steps; k++) ring.push(geodesicDestination(centre, (360 * k) / steps, radiusM));
  ring.push(ring[0]!);
  return polygon([ring]);
}

// ── The window and its LSOAs, as Turf sees them ─────────────────────────────────────────────

interface BruteLsoa {
  code: string;
  feature: Feature<Polygon | MultiPolygon>;
  /** Every vertex of every ring. */
  vertices: LonLat[];
  rep: LonLat;
  bbox: [number, number, number, number];
  areaM2: number;
}

interface Window {
  geometry: LsoaGeometry;
  lsoas: BruteLsoa[];
  centre: LonLat;
  /** Distance (m) from the centre to the farthest representative point. */
  radiusM: number;
}

function bboxOf(points: readonly LonLat[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/** A lower bound (m) on the distance between anything in two boxes: Turf and WGS84 both exceed it. */
function boxGapM(a: readonly number[], b: readonly number[]): number {
  const lat = Math.max(Math.abs(a[1]!), Math.abs(a[3]!), Math.abs(b[1]!), Math.abs(b[3]!));
  const dLon = Math.max(0, b[0]! - a[2]!, a[0]! - b[2]!);
  const dLat = Math.max(0, b[1]! - a[3]!, a[1]! - b[3]!);
  return Math.hypot(dLon * 111_000 * Math.cos(lat * RAD), dLat * 110_500) * 0.99;
}

let data: RealData;
let pool: number[];

/** The `size` LSOAs whose representative points are nearest that of `centreLsoa`. */
function windowAround(centreLsoa: number, size: number): Window {
  const full = data.geometry;
  const centre = representativePoint(full, centreLsoa);
  // Rank by distance within a generous box (England's LSOAs are never that sparse in Greater Manchester).
  const near: { i: number; d: number }[] = [];
  for (let i = 0; i < full.count; i++) {
    const [lon, lat] = representativePoint(full, i);
    if (Math.abs(lon - centre[0]) > 0.15 || Math.abs(lat - centre[1]) > 0.1) continue;
    near.push({ i, d: distance(centre, [lon, lat], { units: 'meters' }) });
  }
  near.sort((a, b) => a.d - b.d);
  const chosen = near.slice(0, size);
  const indices = chosen.map((n) => n.i);
  const geometry = subsetGeometry(full, indices);
  const lsoas = indices.map((fullIndex, i): BruteLsoa => {
    const g = lsoaToGeoJson(geometry, i);
    const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: g };
    const vertices = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2) as LonLat[];
    return { code: data.attributes.codes[fullIndex]!, feature, vertices, rep: representativePoint(geometry, i), bbox: bboxOf(vertices), areaM2: area(feature) };
  });
  return { geometry, lsoas, centre, radiusM: Math.max(300, chosen[chosen.length - 1]!.d) };
}

/** Offset (metres east, north) from a point, as degrees. */
function offset([lon, lat]: LonLat, east: number, north: number): LonLat {
  const m = 111_320 * Math.cos(lat * RAD);
  return [lon + east / m, lat + north / 110_574];
}

// ── Brute-force rules ───────────────────────────────────────────────────────────────────────

type Shape = Exclude<Footprint, { type: 'areas' }>;

interface Prepared {
  footprint: Shape;
  bufferM: number;
  bbox: [number, number, number, number];
  /** Lines and polygon as Turf features. */
  paths: Feature<LineString>[];
  polygonFeature?: Feature<MultiPolygon>;
  vertices: LonLat[];
  /** The footprint with its catchment or buffer, for shares (lazily). */
  shape?: Feature<Polygon | MultiPolygon>;
}

function prepare(footprint: Shape): Prepared {
  switch (footprint.type) {
    case 'point':
      return { footprint, bufferM: footprint.radiusM, bbox: bboxOf([footprint.point]), paths: [], vertices: [footprint.point] };
    case 'line':
      return {
        footprint,
        bufferM: footprint.bufferM,
        bbox: bboxOf(footprint.lines.flat()),
        paths: footprint.lines.map((l) => lineString(l)),
        vertices: footprint.lines.flat(),
      };
    case 'polygon': {
      const vertices = footprint.polygons.flat(2) as LonLat[];
      return { footprint, bufferM: footprint.bufferM, bbox: bboxOf(vertices), paths: [], polygonFeature: multiPolygon(footprint.polygons), vertices };
    }
  }
}

const ptpd = (p: LonLat, f: Feature<Polygon | MultiPolygon>) => Math.abs(pointToPolygonDistance(p, f, { units: 'meters' }));

/**
 * Geodesic distance (m, Turf) between the LSOA polygon and the bare footprint: 0 when they meet.
 * Apart, it is the least distance from a vertex of either to the other; vertices whose box gap
 * alone exceeds the best so far are skipped (a sound lower bound, to keep Turf's cost down).
 */
function exactDistanceM(fp: Prepared, lsoa: BruteLsoa): number {
  const f = fp.footprint;
  const gap = (p: LonLat, box: readonly number[]) => boxGapM([p[0], p[1], p[0], p[1]], box);
  switch (f.type) {
    case 'point':
      return booleanPointInPolygon(f.point, lsoa.feature) ? 0 : ptpd(f.point, lsoa.feature);
    case 'line': {
      let best = Infinity;
      for (const path of fp.paths) {
        if (booleanIntersects(path, lsoa.feature)) return 0;
        const line = path.geometry.coordinates as LonLat[];
        const box = bboxOf(line);
        for (const v of line) if (gap(v, lsoa.bbox) < best) best = Math.min(best, ptpd(v, lsoa.feature));
        for (const w of lsoa.vertices) if (gap(w, box) < best) best = Math.min(best, pointToLineDistance(w, path, { units: 'meters' }));
      }
      return best;
    }
    case 'polygon': {
      const poly = fp.polygonFeature!;
      if (booleanIntersects(poly, lsoa.feature)) return 0;
      let best = Infinity;
      for (const v of fp.vertices) if (gap(v, lsoa.bbox) < best) best = Math.min(best, ptpd(v, lsoa.feature));
      for (const w of lsoa.vertices) if (gap(w, fp.bbox) < best) best = Math.min(best, ptpd(w, poly));
      return best;
    }
  }
}

/** Distance (m) from the LSOA's representative point to the bare footprint (0 inside a polygon). */
function repDistanceM(fp: Prepared, lsoa: BruteLsoa): number {
  const f = fp.footprint;
  switch (f.type) {
    case 'point':
      return distance(lsoa.rep, f.point, { units: 'meters' });
    case 'line':
      return Math.min(...fp.paths.map((path) => pointToLineDistance(lsoa.rep, path, { units: 'meters' })));
    case 'polygon':
      return booleanPointInPolygon(lsoa.rep, fp.polygonFeature!) ? 0 : ptpd(lsoa.rep, fp.polygonFeature!);
  }
}

/** Area (m²) of the LSOA inside a shape (the shape cut to the LSOA's box first, which keeps Turf quick). */
function overlapM2(shape: Feature<Polygon | MultiPolygon>, lsoa: BruteLsoa): number {
  const [w, s, e, n] = lsoa.bbox;
  const pad = 1e-5;
  const clipped = bboxClip(shape, [w - pad, s - pad, e + pad, n + pad]) as Feature<Polygon | MultiPolygon>;
  const g = clipped.geometry;
  const parts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).filter((rings) => rings.length > 0 && rings[0]!.length >= 4);
  if (parts.length === 0) return 0;
  const overlap = intersect(featureCollection([multiPolygon(parts), lsoa.feature]));
  return overlap ? area(overlap) : 0;
}

function shapeOf(fp: Prepared): Feature<Polygon | MultiPolygon> {
  if (fp.shape) return fp.shape;
  const f = fp.footprint;
  let shape: Feature<Polygon | MultiPolygon> | undefined;
  if (f.type === 'point') shape = geodesicCircle(f.point, f.radiusM);
  else if (f.type === 'line')
    shape = buffer(multiLineString(f.lines), f.bufferM, { units: 'meters', steps: 64 }) as Feature<Polygon | MultiPolygon> | undefined;
  else
    shape =
      f.bufferM > 0
        ? (buffer(fp.polygonFeature!, f.bufferM, { units: 'meters', steps: 64 }) as Feature<Polygon | MultiPolygon> | undefined)
        : fp.polygonFeature!;
  if (!shape) throw new Error('Turf buffer gave no shape');
  fp.shape = shape;
  return shape;
}

type Verdict = { kind: 'in' | 'out' } | { kind: 'band'; value: number };

interface PairCache {
  distance?: number;
}

const BAND = 0.005;
/** Absolute slack (m) for "touching": the core counts 1 mm as touching. */
const TOUCH = 0.01;

function distanceFor(fp: Prepared, lsoa: BruteLsoa, cache: PairCache): number {
  cache.distance ??= exactDistanceM(fp, lsoa);
  return cache.distance;
}

/** Whether a distance is within the threshold, out, or in the 0.5% band. */
function byDistance(d: number, threshold: number): Verdict {
  if (d === 0) return { kind: 'in' };
  if (Math.abs(d - threshold) <= BAND * threshold + TOUCH) return { kind: 'band', value: d };
  return { kind: d <= threshold ? 'in' : 'out' };
}

function bruteVerdict(fp: Prepared, lsoa: BruteLsoa, rule: CoverageRule, cache: PairCache): Verdict {
  const f = fp.footprint;
  const b = fp.bufferM;
  // Far beyond the reach of the footprint and its buffer: certainly out (and not in the band).
  const farOut = boxGapM(fp.bbox, lsoa.bbox) > b * (1 + 2 * BAND) + 2 * TOUCH;
  const noArea = f.type !== 'polygon' && b === 0;
  if (rule.kind === 'intersects' || noArea) {
    if (farOut) return { kind: 'out' };
    const d = distanceFor(fp, lsoa, cache);
    if (f.type === 'polygon' && b === 0) {
      if (d > TOUCH) return { kind: 'out' };
      // Sharing ground means an overlap of positive area; a boundary alone is not enough.
      const overlap = overlapM2(fp.polygonFeature!, lsoa);
      if (overlap > 0.5 && overlap < 2) return { kind: 'band', value: overlap };
      return { kind: overlap > 1 ? 'in' : 'out' };
    }
    return byDistance(d, b);
  }
  if (rule.kind === 'centroid') {
    if (boxGapM(fp.bbox, bboxOf([lsoa.rep])) > b * (1 + 2 * BAND) + 2 * TOUCH) return { kind: 'out' };
    return byDistance(repDistanceM(fp, lsoa), b);
  }
  // share:p
  if (farOut) return { kind: 'out' };
  const d = distanceFor(fp, lsoa, cache);
  if (d > b * (1 + 2 * BAND) + 2 * TOUCH) return { kind: 'out' };
  const share = overlapM2(shapeOf(fp), lsoa) / lsoa.areaM2;
  if (Math.abs(share - rule.share) <= BAND * rule.share) return { kind: 'band', value: share };
  return { kind: share >= rule.share ? 'in' : 'out' };
}

// ── Generators ──────────────────────────────────────────────────────────────────────────────

const metres = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const unit = fc.double({ min: -1, max: 1, noNaN: true });
/**
 * Where a point, line or part starts: anywhere in the window (a share of its radius east and
 * north), or a few metres from an LSOA's representative point (so well inside that LSOA).
 */
const anchorArb = fc.oneof(
  { arbitrary: fc.tuple(unit, unit), weight: 2 },
  { arbitrary: fc.record({ lsoa: fc.nat(), away: metres(5, 25), bearing: metres(0, 2 * Math.PI) }), weight: 1 },
);
type Anchor = [number, number] | { lsoa: number; away: number; bearing: number };

const windowArb = fc.record({ centre: fc.nat(), size: fc.integer({ min: 20, max: 60 }) });

/** Recipes in metres about the window centre; turned into footprints once the window is known. */
const pointArb = fc.record({
  type: fc.constant('point' as const),
  at: anchorArb,
  radiusM: fc.oneof(fc.constant(0), metres(100, 2000)),
});

const pathArb = fc.record({
  start: anchorArb,
  // Long routes and short pieces (which may lie wholly inside one LSOA).
  steps: fc.oneof(
    fc.array(fc.tuple(metres(100, 1500), metres(0, 2 * Math.PI)), { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(metres(10, 80), metres(0, 2 * Math.PI)), { minLength: 1, maxLength: 5 }),
  ),
});

const lineArb = fc.record({
  type: fc.constant('line' as const),
  paths: fc.array(pathArb, { minLength: 1, maxLength: 3 }),
  bufferM: fc.oneof(fc.constant(0), metres(50, 800)),
});

const starArb = fc.record({
  at: anchorArb,
  convex: fc.boolean(),
  gaps: fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 4, maxLength: 9 }),
  radii: fc.oneof(fc.array(metres(30, 1500), { minLength: 9, maxLength: 9 }), fc.array(metres(15, 80), { minLength: 9, maxLength: 9 })),
  rotation: metres(0, 2 * Math.PI),
  /** A hole about the centre, as a share of the largest that fits; or none. */
  hole: fc.option(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { nil: undefined }),
});

const polygonArb = fc.record({
  type: fc.constant('polygon' as const),
  /** A real LSOA's ring (drawn exactly along LSOA borders), or random star-shaped parts. */
  source: fc.oneof(
    fc.record({ kind: fc.constant('lsoa' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('stars' as const), parts: fc.array(starArb, { minLength: 1, maxLength: 2 }) }),
  ),
  bufferM: fc.oneof(fc.constant(0), metres(100, 500)),
});

const shareArb = fc.oneof(fc.constant(1), fc.constant(0.5), fc.double({ min: 0.05, max: 1, noNaN: true }));

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type RecipeValue = ValueOf<typeof pointArb> | ValueOf<typeof lineArb> | ValueOf<typeof polygonArb>;
type StarValue = ValueOf<typeof starArb>;

function starRing(centre: LonLat, star: StarValue): { ring: LonLat[]; hole?: LonLat[]; reach: number } {
  const total = star.gaps.reduce((a, b) => a + b, 0);
  const ring: LonLat[] = [];
  let angle = star.rotation;
  let minRadius = Infinity;
  let maxGap = 0;
  star.gaps.forEach((gap, k) => {
    const r = star.convex ? star.radii[0]! : star.radii[k]!;
    minRadius = Math.min(minRadius, r);
    maxGap = Math.max(maxGap, (gap / total) * 2 * Math.PI);
    ring.push(offset(centre, r * Math.cos(angle), r * Math.sin(angle)));
    angle += (gap / total) * 2 * Math.PI;
  });
  ring.push(ring[0]!);
  const reach = star.convex ? star.radii[0]! : Math.max(...star.radii.slice(0, star.gaps.length));
  if (star.hole === undefined) return { ring, reach };
  // Every gap is under π, so the centre sees every edge at least minRadius·cos(maxGap/2) away.
  const holeR = star.hole * minRadius * Math.cos(maxGap / 2);
  const hole: LonLat[] = [];
  for (let k = 0; k < 7; k++) hole.push(offset(centre, holeR * Math.cos((k / 7) * 2 * Math.PI), holeR * Math.sin((k / 7) * 2 * Math.PI)));
  hole.push(hole[0]!);
  return { ring, hole, reach };
}

function footprintOf(recipe: RecipeValue, window: Window, radiusM: number): Shape {
  const at = (anchor: Anchor): LonLat =>
    Array.isArray(anchor)
      ? offset(window.centre, anchor[0] * radiusM, anchor[1] * radiusM)
      : offset(window.lsoas[anchor.lsoa % window.lsoas.length]!.rep, anchor.away * Math.cos(anchor.bearing), anchor.away * Math.sin(anchor.bearing));
  switch (recipe.type) {
    case 'point':
      return { type: 'point', point: at(recipe.at), radiusM: recipe.radiusM };
    case 'line':
      return {
        type: 'line',
        bufferM: recipe.bufferM,
        lines: recipe.paths.map((path) => {
          const line: LonLat[] = [at(path.start)];
          for (const [length, angle] of path.steps) line.push(offset(line[line.length - 1]!, length * Math.cos(angle), length * Math.sin(angle)));
          return line;
        }),
      };
    case 'polygon': {
      const source = recipe.source;
      if (source.kind === 'lsoa') {
        const g = window.lsoas[source.pick % window.lsoas.length]!.feature.geometry;
        const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as LonLat[][][];
        if (kinks(multiPolygon(polygons)).features.length === 0) return { type: 'polygon', polygons, bufferM: recipe.bufferM };
      }
      const stars = source.kind === 'stars' ? source.parts : [];
      const parts: { centre: LonLat; rings: LonLat[][]; reach: number }[] = [];
      for (const star of stars) {
        const centre = at(star.at);
        const { ring, hole, reach } = starRing(centre, star);
        // Parts of a multipolygon must not overlap: drop a part that might.
        if (parts.some((p) => distance(p.centre, centre, { units: 'meters' }) < (p.reach + reach) * 1.05 + 10)) continue;
        parts.push({ centre, rings: hole ? [ring, hole] : [ring], reach });
      }
      if (parts.length === 0) {
        const c = window.centre;
        parts.push({ centre: c, rings: [[offset(c, -300, -200), offset(c, 300, -200), offset(c, 0, 300), offset(c, -300, -200)]], reach: 400 });
      }
      return { type: 'polygon', polygons: parts.map((p) => p.rings), bufferM: recipe.bufferM };
    }
  }
}

// ── The check ───────────────────────────────────────────────────────────────────────────────

interface Stats {
  pairs: number;
  covered: number;
  band: number;
  /** Of those, LSOAs (nearly) wholly inside the footprint under share:p with p ≥ 0.995. */
  bandWhole: number;
  bandExamples: string[];
}
const stats = new Map<string, Stats>();
const nearestStats = { lsoas: 0, maxRelativeError: 0 };
const windowSizes: number[] = [];

function statsFor(key: string): Stats {
  let s = stats.get(key);
  if (!s) {
    s = { pairs: 0, covered: 0, band: 0, bandWhole: 0, bandExamples: [] };
    stats.set(key, s);
  }
  return s;
}

function ruleKey(rule: CoverageRule): string {
  return rule.kind;
}

function describeFootprint(f: Shape): string {
  return JSON.stringify(f, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e7) / 1e7 : v)).slice(0, 600);
}

/** Runs the core and the brute force on one window and scheme set; returns disagreements. */
function check(window: Window, footprints: Shape[], share: number): string[] {
  const schemes: Scheme[] = footprints.map((footprint, k) => ({ id: `s${k}`, name: `s${k}`, kind: 'other', footprint }));
  const prepared = footprints.map(prepare);
  const caches = footprints.map(() => window.lsoas.map((): PairCache => ({})));
  const failures: string[] = [];
  windowSizes.push(window.lsoas.length);
  for (const rule of [{ kind: 'intersects' }, { kind: 'centroid' }, { kind: 'share', share }] as CoverageRule[]) {
    const result = computeCoverage({ lsoas: window.geometry, schemes, rule, areas: noAreas });
    expect(result.problems).toEqual([]);
    expect(result.cancelled).toBe(false);
    prepared.forEach((fp, k) => {
      const core = new Set(result.covered[k]);
      const s = statsFor(`${fp.footprint.type} ${ruleKey(rule)}`);
      window.lsoas.forEach((lsoa, i) => {
        const verdict = bruteVerdict(fp, lsoa, rule, caches[k]![i]!);
        s.pairs++;
        if (verdict.kind === 'band') {
          s.band++;
          if (rule.kind === 'share' && verdict.value >= 0.995) s.bandWhole++;
          if (s.bandExamples.length < 3) s.bandExamples.push(`${lsoa.code} ${verdict.value.toFixed(4)} vs ${rule.kind === 'share' ? rule.share : fp.bufferM}`);
          return;
        }
        if (verdict.kind === 'in') s.covered++;
        if ((verdict.kind === 'in') !== core.has(i)) {
          const d = caches[k]![i]!.distance;
          failures.push(
            `${rule.kind === 'share' ? `share:${rule.share}` : rule.kind}: ${lsoa.code} brute=${verdict.kind} core=${core.has(i) ? 'in' : 'out'}` +
              ` (distance ${d === undefined ? '?' : d.toFixed(3)} m, buffer ${fp.bufferM}) footprint ${describeFootprint(fp.footprint)}`,
          );
        }
      });
    });
  }
  failures.push(...checkNearest(window, schemes, prepared, caches));
  return failures;
}

function checkNearest(window: Window, schemes: Scheme[], prepared: Prepared[], caches: PairCache[][]): string[] {
  const all = window.lsoas.map((_, i) => i);
  const km = nearestFootprintKm(
    window.geometry,
    all,
    schemes,
    schemes.map(() => true),
    noAreas,
  );
  const failures: string[] = [];
  window.lsoas.forEach((lsoa, i) => {
    // Exact distances are slow in Turf: check a spread of NEAREST_SAMPLE LSOAs of each window.
    if (i % Math.ceil(window.lsoas.length / NEAREST_SAMPLE) !== 0) return;
    // Brute force: min over schemes of (exact distance − catchment), allowing 0.5% of the distance.
    const order = prepared.map((fp, k) => ({ k, lower: Math.max(0, boxGapM(fp.bbox, lsoa.bbox) - fp.bufferM) })).sort((a, b) => a.lower - b.lower);
    let lower = Infinity;
    let upper = Infinity;
    let exact = Infinity;
    let nearest = -1;
    for (const { k, lower: boxLower } of order) {
      if (boxLower * (1 - BAND) - TOUCH >= upper) break;
      const fp = prepared[k]!;
      const d = distanceFor(fp, lsoa, caches[k]![i]!);
      if (Math.max(0, d - fp.bufferM) < exact) {
        exact = Math.max(0, d - fp.bufferM);
        nearest = k;
      }
      lower = Math.min(lower, Math.max(0, d * (1 - BAND) - TOUCH - fp.bufferM));
      upper = Math.min(upper, Math.max(0, d * (1 + BAND) + TOUCH - fp.bufferM));
    }
    const got = km[i]! * 1000;
    nearestStats.lsoas++;
    if (nearest >= 0) {
      // Relative to the footprint distance itself (before the catchment is taken off).
      const raw = exact + prepared[nearest]!.bufferM;
      if (raw > 1) nearestStats.maxRelativeError = Math.max(nearestStats.maxRelativeError, Math.abs(got - exact) / raw);
    }
    if (!(got >= lower && got <= upper)) {
      // Per scheme, to name the one that disagrees.
      const per = schemes.map((scheme, k) => {
        const one = nearestFootprintKm(window.geometry, [i], [scheme], [true], noAreas)[0]! * 1000;
        const d = distanceFor(prepared[k]!, lsoa, caches[k]![i]!);
        return `  scheme ${k}: core ${one.toFixed(2)} m, brute ${Math.max(0, d - prepared[k]!.bufferM).toFixed(2)} m: ${describeFootprint(prepared[k]!.footprint)}`;
      });
      failures.push(
        `nearest: ${lsoa.code} core ${got.toFixed(2)} m, brute ${exact.toFixed(2)} m (allowed ${lower.toFixed(2)}–${upper.toFixed(2)}; nearest scheme ${nearest})\n${per.join('\n')}`,
      );
    }
  });
  return failures;
}

function property(recipes: fc.Arbitrary<RecipeValue[]>) {
  return fc.property(windowArb, recipes, shareArb, (w, list, share) => {
    const window = windowAround(pool[w.centre % pool.length]!, w.size);
    const footprints = list.map((recipe) => footprintOf(recipe, window, window.radiusM));
    const failures = check(window, footprints, share);
    if (failures.length > 0) throw new Error(`${failures.length} disagreements:\n${failures.slice(0, 8).join('\n')}`);
  });
}

const options = { seed: SEED, numRuns: RUNS, endOnFailure: true };

describe('computeCoverage agrees with a brute-force Turf computation on real LSOAs', () => {
  beforeAll(() => {
    data = realData();
    pool = [...ladLsoas(data, TRAFFORD), ...ladLsoas(data, MANCHESTER)];
  });

  afterAll(() => {
    const lines = [...stats.entries()].map(
      ([key, s]) =>
        `  ${key.padEnd(22)} pairs ${String(s.pairs).padStart(6)}  covered ${String(s.covered).padStart(5)}  in 0.5% band ${s.band}${s.bandExamples.length ? ` (e.g. ${s.bandExamples.join('; ')})` : ''}`,
    );
    const band = [...stats.values()].reduce((n, s) => n + s.band, 0);
    const whole = [...stats.values()].reduce((n, s) => n + s.bandWhole, 0);
    const sizes = windowSizes.length ? `${Math.min(...windowSizes)}–${Math.max(...windowSizes)}` : '-';
    console.log(
      `coverage property check (seed ${SEED}, ${RUNS} runs per footprint type, windows of ${sizes} LSOAs):\n${lines.join('\n')}\n` +
        `  left out in the tolerance band: ${band} (${whole} of them LSOAs wholly inside under share:1)\n` +
        `  nearestFootprintKm: ${nearestStats.lsoas} LSOAs, largest relative difference ${(nearestStats.maxRelativeError * 100).toFixed(3)}%`,
    );
  });

  it('points with radius 0 or 100–2000 m', () => {
    fc.assert(property(fc.array(pointArb, { minLength: 1, maxLength: 3 })), options);
  });

  it('lines of 2–6 vertices with buffer 0 or 50–800 m', () => {
    fc.assert(property(fc.array(lineArb, { minLength: 1, maxLength: 3 })), options);
  });

  it('polygons (star-shaped, convex, with holes, or real LSOA rings) with buffer 0 or 100–500 m', () => {
    fc.assert(property(fc.array(polygonArb, { minLength: 1, maxLength: 3 })), options);
  });

  it('band exclusions are rare', () => {
    const pairs = [...stats.values()].reduce((n, s) => n + s.pairs, 0);
    const band = [...stats.values()].reduce((n, s) => n + s.band, 0);
    expect(pairs).toBeGreaterThan(1000);
    expect(band / pairs).toBeLessThan(0.02);
  });
});
