// How far each (uncovered) LSOA is from the nearest scheme footprint, for the gap list. Schemes
// are indexed by their boxes (flatbush, in a plane scaled so a unit is about the same distance
// east and north); each LSOA looks at schemes in order of box distance and stops once no box can
// be nearer than the best footprint found.

import Flatbush from 'flatbush';
import type { AreaResolver } from './coverage-types';
import { boundaryToSegmentsM, distanceToPolygonM, lineStartsInside, representativeLocal } from './footprint-distance';
import { segmentsOf, type FootprintSegments } from './footprint-geometry';
import { distanceToLsoaLocal, lsoaIndexOf, toLocal, type LsoaIndex } from './lsoa-index';
import type { LsoaGeometry } from './lsoa-geometry';
import type { Footprint, LonLat, Scheme } from './scheme';

/** Longitude is scaled by cos(52.5°), England's middle, so box distances are roughly isotropic. */
const LON_SCALE = Math.cos((52.5 * Math.PI) / 180);
/** Metres per scaled degree, made smaller so a box distance never overstates the true one. */
const METRES_PER_UNIT_LOWER_BOUND = 111_000 * 0.9;

interface Prepared {
  footprint: Footprint;
  /** Segments of a line, polygon or named-areas footprint (LSOA boundaries). */
  segments?: FootprintSegments;
  polygons?: LonLat[][][];
  bufferM: number;
}

function prepare(index: LsoaIndex, scheme: Scheme, areas: AreaResolver): { prepared: Prepared; box: [number, number, number, number] } | null {
  const footprint = scheme.footprint;
  switch (footprint.type) {
    case 'point': {
      const [lon, lat] = footprint.point;
      return { prepared: { footprint, bufferM: footprint.radiusM }, box: [lon, lat, lon, lat] };
    }
    case 'line': {
      const segments = segmentsOf(footprint.lines);
      return { prepared: { footprint, segments, bufferM: footprint.bufferM }, box: segments.bbox };
    }
    case 'polygon': {
      const segments = segmentsOf(footprint.polygons.flat());
      return { prepared: { footprint, segments, polygons: footprint.polygons, bufferM: footprint.bufferM }, box: segments.bbox };
    }
    case 'areas': {
      // Distance to named areas is distance to the boundaries of their LSOAs.
      const rings: LonLat[][] = [];
      const polygons: LonLat[][][] = [];
      for (const { kind, code } of footprint.areas) {
        for (const lsoa of areas.lsoasOf(kind, code) ?? []) {
          const parts = lsoaRings(index, lsoa);
          polygons.push(...parts);
          rings.push(...parts.flat());
        }
      }
      if (rings.length === 0) return null;
      const segments = segmentsOf(rings);
      return { prepared: { footprint, segments, polygons, bufferM: 0 }, box: segments.bbox };
    }
  }
}

function lsoaRings(index: LsoaIndex, i: number): LonLat[][][] {
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const polygons: LonLat[][][] = [];
  for (let p = polygonStart[i]!; p < polygonStart[i + 1]!; p++) {
    const rings: LonLat[][] = [];
    for (let r = ringStart[p]!; r < ringStart[p + 1]!; r++) {
      const ring: LonLat[] = [];
      for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) ring.push([coords[v * 2]! / 1e6, coords[v * 2 + 1]! / 1e6]);
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return polygons;
}

/** Metres from LSOA i to a prepared footprint (0 when they touch), searching within `withinM`. */
function distanceM(index: LsoaIndex, i: number, item: Prepared, withinM: number): number {
  const footprint = item.footprint;
  let raw: number;
  switch (footprint.type) {
    case 'point': {
      const [x, y] = toLocal(index, i, footprint.point[0], footprint.point[1]);
      raw = distanceToLsoaLocal(index, i, x, y);
      break;
    }
    case 'line':
      // A line wholly inside the LSOA never meets its boundary.
      raw = lineStartsInside(index, i, footprint.lines) ? 0 : boundaryToSegmentsM(index, i, item.segments!, withinM);
      break;
    case 'polygon':
    case 'areas':
      raw = distanceToPolygonM(index, i, item.polygons!, item.segments!, withinM);
      break;
  }
  return Math.max(0, raw - item.bufferM);
}

/** The LSOA's reach from its representative point: no point of it is farther. */
function radiusM(index: LsoaIndex, i: number): number {
  const [rx, ry] = representativeLocal(index, i);
  const [w, s] = toLocal(index, i, index.bbox[i * 4]!, index.bbox[i * 4 + 1]!);
  const [e, n] = toLocal(index, i, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!);
  return Math.max(Math.hypot(w - rx, s - ry), Math.hypot(e - rx, s - ry), Math.hypot(w - rx, n - ry), Math.hypot(e - rx, n - ry));
}

/**
 * Kilometres from each listed LSOA to the nearest usable scheme footprint (its catchment or
 * buffer included); Infinity when there is none.
 */
export function nearestFootprintKm(
  lsoas: LsoaGeometry,
  lsoaIndices: readonly number[],
  schemes: readonly Scheme[],
  usable: readonly boolean[],
  areas: AreaResolver,
): Float64Array {
  const index = lsoaIndexOf(lsoas);
  const out = new Float64Array(lsoaIndices.length).fill(Infinity);
  const prepared: Prepared[] = [];
  const boxes: [number, number, number, number][] = [];
  schemes.forEach((scheme, k) => {
    if (!usable[k]) return;
    const item = prepare(index, scheme, areas);
    if (!item) return;
    prepared.push(item.prepared);
    boxes.push(item.box);
  });
  if (prepared.length === 0) return out;
  const tree = new Flatbush(prepared.length);
  for (const [w, s, e, n] of boxes) tree.add(w * LON_SCALE, s, e * LON_SCALE, n);
  tree.finish();

  lsoaIndices.forEach((i, slot) => {
    const lon = index.geometry.points[i * 2]! / 1e6;
    const lat = index.geometry.points[i * 2 + 1]! / 1e6;
    const reach = radiusM(index, i);
    let best = Infinity;
    // Widen the search until the best footprint found is nearer than any box left unsearched.
    for (let searchM = 5_000; ; searchM *= 4) {
      const within = searchM / METRES_PER_UNIT_LOWER_BOUND;
      for (const k of tree.neighbors(lon * LON_SCALE, lat, Infinity, within)) {
        best = Math.min(best, distanceM(index, i, prepared[k]!, Math.max(searchM, best)));
        if (best === 0) break;
      }
      if (best === 0 || best <= searchM - reach || searchM > 2_000_000) break;
    }
    out[slot] = best / 1000;
  });
  return out;
}
