// Which LSOAs each scheme reaches, under a coverage rule. The rules (see src/core/scheme.ts and
// docs/coverage.md) mean what PostGIS means by ST_DWithin(geography) / ST_Intersects / the area of
// ST_Intersection, to within 0.5% of the threshold distance or share:
// - distances are measured in each LSOA's own ellipsoidal frame (src/core/geodesy.ts);
// - shares of a point catchment use the exact area of circle ∩ polygon; shares of routes and
//   areas (buffered or not) are measured by scanlines (src/core/scanline-overlap.ts).
// Candidates come from flatbush indexes over the LSOAs and the footprint's own segments.

import type { CoverageRule } from './coverage-rule';
import { area, bboxClip, featureCollection, intersect, kinks, multiPolygon, polygon as turfPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CoverageInput, CoverageResult, SchemeProblem } from './coverage-types';
import {
  boundaryToSegmentsM,
  boxContains,
  distanceToPolygonM,
  footprintStartsInside,
  lineStartsInside,
  lsoaRingsInFootprint,
  pointToSegmentsM,
  representativeLocal,
  segmentsInFrame,
  TOUCH_M,
} from './footprint-distance';
import { segmentsOf, polygonsContain, type FootprintSegments } from './footprint-geometry';
import { capsuleRegion, COARSE_SCANLINES, polygonRegion, scanShare, unionRegion, type ScanRegion } from './scanline-overlap';
import { degreesFor } from './geodesy';
import {
  circleOverlapArea,
  boundaryWithinLocal,
  distanceToBoundaryLocal,
  lsoaContainsLocal,
  lsoaIndexOf,
  lsoaPolygons,
  toLocal,
  type LsoaIndex,
} from './lsoa-index';
import { MICRODEGREES } from './lsoa-geometry';
import type { Footprint, LonLat } from './scheme';

/** Overlaps smaller than this are slivers from rounding, not shared ground. */
const MIN_OVERLAP_M2 = 1;
/** Shares are compared with this much slack for floating-point rounding (an LSOA wholly inside meets share:1). */
const SHARE_EPSILON = 1e-9;
/** A coarse share this far from the threshold is certain (its error is far smaller). */
const COARSE_MARGIN = 0.05;

/**
 * The LSOAs each scheme covers, each once, kept end to end in one growing array (100k schemes
 * would otherwise mean 100k small buffers for the collector).
 */
class Marks {
  private readonly stamp: Int32Array;
  private scheme = -1;
  private all = new Uint32Array(1024);
  private size = 0;
  private readonly starts: number[] = [];

  constructor(count: number) {
    this.stamp = new Int32Array(count).fill(-1);
  }

  begin(scheme: number): void {
    this.scheme = scheme;
    this.starts.push(this.size);
  }

  add(lsoa: number): void {
    if (this.stamp[lsoa] === this.scheme) return;
    this.stamp[lsoa] = this.scheme;
    if (this.size === this.all.length) {
      const grown = new Uint32Array(this.all.length * 2);
      grown.set(this.all);
      this.all = grown;
    }
    this.all[this.size++] = lsoa;
  }

  has(lsoa: number): boolean {
    return this.stamp[lsoa] === this.scheme;
  }

  /** Per scheme begun, its LSOAs ascending (views of one array). */
  lists(): Uint32Array[] {
    const all = this.all.slice(0, this.size);
    return this.starts.map((start, k) => all.subarray(start, this.starts[k + 1] ?? this.size).sort());
  }
}

export function computeCoverage(input: CoverageInput): CoverageResult {
  const index = lsoaIndexOf(input.lsoas);
  const { schemes, rule } = input;
  const problems: SchemeProblem[] = [];
  const marks = new Marks(index.count);
  let cancelled = false;
  const progressEvery = Math.max(1, Math.floor(schemes.length / 100));

  for (let k = 0; k < schemes.length; k++) {
    if (input.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const scheme = schemes[k]!;
    marks.begin(k);
    const problem = footprintProblem(scheme.footprint);
    if (problem) {
      problems.push({ id: scheme.id, reason: problem });
    } else {
      const areaProblem = coverFootprint(index, scheme.footprint, rule, input, marks);
      if (areaProblem) problems.push({ id: scheme.id, reason: areaProblem });
    }
    if (k % progressEvery === 0) input.onProgress?.(k / schemes.length);
  }
  const covered = marks.lists();
  while (covered.length < schemes.length) covered.push(new Uint32Array(0));
  input.onProgress?.(1);
  const { lsoaStart, lsoaSchemes } = invertCovered(covered, index.count);
  return { rule, covered, lsoaStart, lsoaSchemes, problems, cancelled };
}

/** Per-scheme LSOA lists → per-LSOA scheme lists (compressed rows). */
export function invertCovered(covered: readonly Uint32Array[], count: number): { lsoaStart: Uint32Array; lsoaSchemes: Uint32Array } {
  const lsoaStart = new Uint32Array(count + 1);
  for (const list of covered) for (const lsoa of list) lsoaStart[lsoa + 1]!++;
  for (let i = 0; i < count; i++) lsoaStart[i + 1]! += lsoaStart[i]!;
  const cursor = lsoaStart.slice(0, count);
  const lsoaSchemes = new Uint32Array(lsoaStart[count]!);
  covered.forEach((list, scheme) => {
    for (const lsoa of list) lsoaSchemes[cursor[lsoa]!++] = scheme;
  });
  return { lsoaStart, lsoaSchemes };
}

function validLonLat([lon, lat]: LonLat): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return `a coordinate is not a number (${lon}, ${lat})`;
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside −180…180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside −90…90`;
  return null;
}

function validDistance(metres: number, what: string): string | null {
  return Number.isFinite(metres) && metres >= 0 ? null : `the ${what} ${metres} m is not a distance (0 or more metres)`;
}

/** Why a footprint cannot be used, or null. */
export function footprintProblem(footprint: Footprint): string | null {
  switch (footprint.type) {
    case 'point':
      return validLonLat(footprint.point) ?? validDistance(footprint.radiusM, 'catchment radius');
    case 'line': {
      if (footprint.lines.length === 0) return 'the route has no lines';
      for (const line of footprint.lines) {
        if (line.length < 2) return `a route line has ${line.length} point${line.length === 1 ? '' : 's'}; a line needs at least 2`;
        for (const point of line) {
          const bad = validLonLat(point);
          if (bad) return bad;
        }
      }
      return validDistance(footprint.bufferM, 'buffer');
    }
    case 'polygon': {
      if (footprint.polygons.length === 0) return 'the area has no polygons';
      for (const rings of footprint.polygons) {
        if (rings.length === 0) return 'a polygon has no rings';
        for (const ring of rings) {
          if (ring.length < 4) return `a polygon ring has ${ring.length} points; a closed ring needs at least 4`;
          for (const point of ring) {
            const bad = validLonLat(point);
            if (bad) return bad;
          }
          const [fx, fy] = ring[0]!;
          const [lx, ly] = ring[ring.length - 1]!;
          if (fx !== lx || fy !== ly) return `a polygon ring is not closed: it starts at (${fx}, ${fy}) but ends at (${lx}, ${ly})`;
        }
      }
      // Each part on its own: parts of a multipolygon may meet at a corner without crossing.
      for (const rings of footprint.polygons) {
        const self = kinks(turfPolygon(rings as LonLat[][]));
        if (self.features.length > 0) {
          const [x, y] = self.features[0]!.geometry.coordinates;
          return `the polygon crosses itself (near ${x!.toFixed(5)}, ${y!.toFixed(5)}); redraw it or split it`;
        }
      }
      if (area(multiPolygon(footprint.polygons as LonLat[][][])) <= 0) return 'the polygon has no area';
      return validDistance(footprint.bufferM, 'buffer');
    }
    case 'areas':
      return footprint.areas.length === 0 ? 'the scheme names no areas' : null;
  }
}

function coverFootprint(
  index: LsoaIndex,
  footprint: Footprint,
  rule: CoverageRule,
  input: CoverageInput,
  marks: Marks,
): string | null {
  switch (footprint.type) {
    case 'point':
      coverPoint(index, footprint.point, footprint.radiusM, rule, marks);
      return null;
    case 'line':
      coverLine(index, footprint.lines, footprint.bufferM, rule, marks);
      return null;
    case 'polygon':
      coverPolygon(index, footprint.polygons, footprint.bufferM, rule, marks);
      return null;
    case 'areas': {
      const unknown: string[] = [];
      for (const { kind, code } of footprint.areas) {
        const lsoas = input.areas.lsoasOf(kind, code);
        if (!lsoas) unknown.push(`${code} (${kind})`);
        else for (const lsoa of lsoas) marks.add(lsoa);
      }
      return unknown.length > 0 ? `not England area codes of that kind, so left out: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}` : null;
    }
  }
}

// ── Points ──────────────────────────────────────────────────────────────────────────────────

function coverPoint(index: LsoaIndex, [lon, lat]: LonLat, radiusM: number, rule: CoverageRule, marks: Marks): void {
  const { dLon, dLat } = degreesFor(radiusM + TOUCH_M, lat);
  // A point with no catchment has no area: under every rule it covers the LSOAs it is in or on.
  if (radiusM === 0 || rule.kind === 'intersects') {
    const reach = radiusM + TOUCH_M;
    for (const i of index.boxes.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const [x, y] = toLocal(index, i, lon, lat);
      // Quick reject: the catchment misses the LSOA's box (the search box is square, the catchment round).
      if (boxDistanceSq(index, i, x, y) > reach * reach) continue;
      // Quick accept: within reach of the disc about the representative point that lies inside the LSOA.
      const [px, py] = representativeLocal(index, i);
      const accept = reach + index.inradiusM[i]!;
      if ((x - px) * (x - px) + (y - py) * (y - py) <= accept * accept) {
        marks.add(i);
        continue;
      }
      if (lsoaContainsLocal(index, i, x, y) || boundaryWithinLocal(index, i, x, y, reach)) marks.add(i);
    }
    return;
  }
  switch (rule.kind) {
    case 'centroid':
      for (const i of index.points.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
        const [x, y] = toLocal(index, i, lon, lat);
        const [px, py] = representativeLocal(index, i);
        if (Math.hypot(x - px, y - py) <= radiusM) marks.add(i);
      }
      return;
    case 'share':
      for (const i of index.boxes.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
        const [x, y] = toLocal(index, i, lon, lat);
        if (circleOverlapArea(index, i, x, y, radiusM) >= rule.share * index.areaM2[i]! * (1 - SHARE_EPSILON)) marks.add(i);
      }
      return;
  }
}

/** Squared metres from a local point to LSOA i's box, in its frame. */
function boxDistanceSq(index: LsoaIndex, i: number, x: number, y: number): number {
  const f = i * 4;
  const lon0 = index.frames[f]!;
  const lat0 = index.frames[f + 1]!;
  const kx = index.frames[f + 2]!;
  const ky = index.frames[f + 3]!;
  const west = (index.bbox[f]! - lon0) * kx;
  const south = (index.bbox[f + 1]! - lat0) * ky;
  const east = (index.bbox[f + 2]! - lon0) * kx;
  const north = (index.bbox[f + 3]! - lat0) * ky;
  const dx = x < west ? west - x : x > east ? x - east : 0;
  const dy = y < south ? south - y : y > north ? y - north : 0;
  return dx * dx + dy * dy;
}

// ── Lines and polygon edges ─────────────────────────────────────────────────────────────────

function coverLine(index: LsoaIndex, lines: LonLat[][], bufferM: number, rule: CoverageRule, marks: Marks): void {
  const footprint = segmentsOf(lines);
  // A line with no buffer has no area: under every rule it covers the LSOAs it runs in or along.
  if (bufferM === 0 || rule.kind === 'intersects') {
    const { dLon, dLat } = degreesFor(bufferM + TOUCH_M, (footprint.bbox[1] + footprint.bbox[3]) / 2);
    for (const i of index.boxes.search(footprint.bbox[0] - dLon, footprint.bbox[1] - dLat, footprint.bbox[2] + dLon, footprint.bbox[3] + dLat)) {
      if (marks.has(i)) continue;
      if (boundaryToSegmentsM(index, i, footprint, bufferM, bufferM + TOUCH_M) <= bufferM + TOUCH_M || lineStartsInside(index, i, lines)) marks.add(i);
    }
    return;
  }
  switch (rule.kind) {
    case 'centroid': {
      const { dLon, dLat } = degreesFor(bufferM, (footprint.bbox[1] + footprint.bbox[3]) / 2);
      for (const i of index.points.search(footprint.bbox[0] - dLon, footprint.bbox[1] - dLat, footprint.bbox[2] + dLon, footprint.bbox[3] + dLat)) {
        const points = index.geometry.points;
        if (pointToSegmentsM(index, i, points[i * 2]! / MICRODEGREES, points[i * 2 + 1]! / MICRODEGREES, footprint, bufferM) <= bufferM) marks.add(i);
      }
      return;
    }
    case 'share':
      coverShareByScan(index, footprint, null, bufferM, rule.share, marks);
      return;
  }
}

// ── Polygons ────────────────────────────────────────────────────────────────────────────────

function coverPolygon(
  index: LsoaIndex,
  polygons: LonLat[][][],
  bufferM: number,
  rule: CoverageRule,
  marks: Marks,
): void {
  const footprint = segmentsOf(polygons.flat());
  const [w, s, e, n] = footprint.bbox;
  const { dLon, dLat } = degreesFor(bufferM + TOUCH_M, (s + n) / 2);
  const candidates = index.boxes.search(w - dLon, s - dLat, e + dLon, n + dLat);
  switch (rule.kind) {
    case 'intersects':
      for (const i of candidates) {
        if (marks.has(i)) continue;
        if (bufferM === 0 ? sharesGround(index, i, polygons, footprint) : distanceToPolygonM(index, i, polygons, footprint, bufferM, bufferM) <= bufferM + TOUCH_M) marks.add(i);
      }
      return;
    case 'centroid': {
      const points = index.geometry.points;
      for (const i of index.points.search(w - dLon, s - dLat, e + dLon, n + dLat)) {
        const lon = points[i * 2]! / MICRODEGREES;
        const lat = points[i * 2 + 1]! / MICRODEGREES;
        if (polygonsContain(polygons, lon, lat) || (bufferM > 0 && pointToSegmentsM(index, i, lon, lat, footprint, bufferM) <= bufferM)) marks.add(i);
      }
      return;
    }
    case 'share': {
      coverShareByScan(index, footprint, polygons, bufferM, rule.share, marks);
      return;
    }
  }
}

/**
 * Whether LSOA i and an unbuffered polygon footprint share ground (an overlap of positive area).
 * Touching along a border or at a corner does not count. Most cases are settled by interior
 * points; the rest by Turf's exact intersection.
 */
function sharesGround(index: LsoaIndex, i: number, polygons: LonLat[][][], footprint: FootprintSegments): boolean {
  const points = index.geometry.points;
  const repLon = points[i * 2]! / MICRODEGREES;
  const repLat = points[i * 2 + 1]! / MICRODEGREES;
  const toBoundary = boundaryToSegmentsM(index, i, footprint, 0);
  if (toBoundary > TOUCH_M) {
    // The boundaries never meet: they overlap only if a ring of one lies inside the other (an
    // LSOA round a hole of the footprint shares ground with it, though its centre may not).
    return polygonsContain(polygons, repLon, repLat) || footprintStartsInside(index, i, polygons) || lsoaRingsInFootprint(index, i, polygons) !== 'none';
  }
  // Boundaries meet. A point of one strictly inside the other proves shared ground; failing
  // that (borders that only run together), an exact overlap area decides.
  if (strictlyInsideFootprint(index, i, repLon, repLat, polygons, footprint)) return true;
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const firstVertex = vertexStart[ringStart[polygonStart[i]!]!]!;
  const endVertex = vertexStart[ringStart[polygonStart[i + 1]!]!]!;
  for (let v = firstVertex; v < endVertex; v++) {
    if (strictlyInsideFootprint(index, i, coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES, polygons, footprint)) return true;
  }
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [lon, lat] of ring) {
        if (!boxContains(index, i, [lon, lat])) continue;
        const [x, y] = toLocal(index, i, lon, lat);
        if (lsoaContainsLocal(index, i, x, y) && distanceToBoundaryLocal(index, i, x, y) > TOUCH_M) return true;
      }
    }
  }
  return overlapAreaM2(index, i, multiPolygon(polygons)) > MIN_OVERLAP_M2;
}

/** Whether a point is inside the polygon footprint and not on (within TOUCH_M of) its boundary. */
function strictlyInsideFootprint(index: LsoaIndex, i: number, lon: number, lat: number, polygons: LonLat[][][], footprint: FootprintSegments): boolean {
  return polygonsContain(polygons, lon, lat) && pointToSegmentsM(index, i, lon, lat, footprint, TOUCH_M) > TOUCH_M;
}

// ── Shares of area (Turf) ───────────────────────────────────────────────────────────────────

function lsoaFeature(index: LsoaIndex, i: number): Feature<MultiPolygon> {
  return multiPolygon(lsoaPolygons(index, i));
}

/** Area (m²) of LSOA i inside a polygon shape, by Turf's intersection of the shape clipped to the LSOA's box. */
function overlapAreaM2(index: LsoaIndex, i: number, shape: Feature<Polygon | MultiPolygon>): number {
  const box = [index.bbox[i * 4]!, index.bbox[i * 4 + 1]!, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!] as [number, number, number, number];
  const clipped = bboxClip(shape, box);
  const geometry = clipped.geometry as Polygon | MultiPolygon;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const usable = parts.filter((rings) => rings.length > 0 && rings[0]!.length >= 4);
  if (usable.length === 0) return 0;
  const overlap = intersect(featureCollection([lsoaFeature(index, i), multiPolygon(usable)]));
  return overlap ? area(overlap) : 0;
}

/**
 * The share rule for a route or area (buffered or not): the LSOA's area inside the footprint,
 * measured by scanlines in the LSOA's frame (src/core/scanline-overlap.ts), against its area.
 */
function coverShareByScan(
  index: LsoaIndex,
  edges: FootprintSegments,
  polygons: LonLat[][][] | null,
  bufferM: number,
  share: number,
  marks: Marks,
): void {
  const [w, s, e, n] = edges.bbox;
  const { dLon, dLat } = degreesFor(bufferM + TOUCH_M, (s + n) / 2);
  const points = index.geometry.points;
  for (const i of index.boxes.search(w - dLon, s - dLat, e + dLon, n + dLat)) {
    const [bw, bs, be, bn] = [index.bbox[i * 4]!, index.bbox[i * 4 + 1]!, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!];
    const reach = degreesFor(bufferM + TOUCH_M, (bs + bn) / 2);
    const near = edges.index.search(bw - reach.dLon, bs - reach.dLat, be + reach.dLon, bn + reach.dLat);
    if (near.length === 0) {
      // No footprint edge within reach: a route misses the LSOA; an area holds all of it or none.
      if (!polygons) continue;
      if (polygonsContain(polygons, points[i * 2]! / MICRODEGREES, points[i * 2 + 1]! / MICRODEGREES)) marks.add(i);
      continue;
    }
    const regions: ScanRegion[] = [];
    if (bufferM > 0) regions.push(capsuleRegion(segmentsInFrame(index, i, edges, near), bufferM));
    if (polygons) {
      const { xy, ranges } = ringsInFrame(index, i, polygons);
      regions.push(polygonRegion(xy, ranges));
    }
    const region = regions.length === 1 ? regions[0]! : unionRegion(regions);
    // A coarse look settles most LSOAs; only those near the threshold are measured finely.
    const coarse = scanShare(index, i, region, COARSE_SCANLINES);
    if (Math.abs(coarse - share) > COARSE_MARGIN ? coarse >= share : scanShare(index, i, region) >= share * (1 - SHARE_EPSILON)) marks.add(i);
  }
}

/** Every ring of a polygon footprint in LSOA i's frame, as flat x, y with vertex ranges. */
function ringsInFrame(index: LsoaIndex, i: number, polygons: LonLat[][][]): { xy: Float64Array; ranges: [number, number][] } {
  const rings = polygons.flat();
  const xy = new Float64Array(rings.reduce((total, ring) => total + ring.length, 0) * 2);
  const ranges: [number, number][] = [];
  let v = 0;
  for (const ring of rings) {
    const first = v;
    for (const [lon, lat] of ring) {
      const [x, y] = toLocal(index, i, lon, lat);
      xy[v * 2] = x;
      xy[v * 2 + 1] = y;
      v++;
    }
    ranges.push([first, v]);
  }
  return { xy, ranges };
}
