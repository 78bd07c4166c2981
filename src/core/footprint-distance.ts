// Distances between an LSOA and a scheme footprint, in the LSOA's own metric frame: shared by
// the coverage rules and the nearest-scheme distances of the gap list.

import { polygonsContain, type FootprintSegments } from './footprint-geometry';
import { degreesFor } from './geodesy';
import { lsoaContainsLocal, toLocal, type LsoaIndex } from './lsoa-index';
import { MICRODEGREES } from './lsoa-geometry';
import { pointSegmentDistanceSq, segmentSegmentDistanceSq } from './planar';
import type { LonLat } from './scheme';

/** Distances this close count as touching (floating-point noise on shared boundaries). */
export const TOUCH_M = 0.001;

export function representativeLocal(index: LsoaIndex, i: number): [number, number] {
  const points = index.geometry.points;
  return toLocal(index, i, points[i * 2]! / MICRODEGREES, points[i * 2 + 1]! / MICRODEGREES);
}

/** The given footprint segments in LSOA i's frame, metres (ax, ay, bx, by each). */
export function segmentsInFrame(index: LsoaIndex, i: number, footprint: FootprintSegments, segments: readonly number[]): Float64Array {
  return segmentsInFrameInto(index, i, footprint, segments, new Float64Array(segments.length * 4));
}

/** segmentsInFrame into a given array (at least 4 numbers per segment); returns it. */
function segmentsInFrameInto(index: LsoaIndex, i: number, footprint: FootprintSegments, segments: readonly number[], local: Float64Array): Float64Array {
  const lon0 = index.frames[i * 4]!;
  const lat0 = index.frames[i * 4 + 1]!;
  const kx = index.frames[i * 4 + 2]!;
  const ky = index.frames[i * 4 + 3]!;
  const source = footprint.segments;
  for (let j = 0; j < segments.length; j++) {
    const seg = segments[j]! * 4;
    local[j * 4] = (source[seg]! - lon0) * kx;
    local[j * 4 + 1] = (source[seg + 1]! - lat0) * ky;
    local[j * 4 + 2] = (source[seg + 2]! - lon0) * kx;
    local[j * 4 + 3] = (source[seg + 3]! - lat0) * ky;
  }
  return local;
}

/** Reused for the footprint segments near one LSOA, so the hot loop allocates nothing. */
let scratch = new Float64Array(1024);

/** Squared distance between two boxes (0 when they meet). */
function boxBoxDistanceSq(aMinX: number, aMinY: number, aMaxX: number, aMaxY: number, bMinX: number, bMinY: number, bMaxX: number, bMaxY: number): number {
  const dx = Math.max(bMinX - aMaxX, 0, aMinX - bMaxX);
  const dy = Math.max(bMinY - aMaxY, 0, aMinY - bMaxY);
  return dx * dx + dy * dy;
}

/**
 * Smallest distance (m) from LSOA i's boundary to the footprint segments near it, or Infinity
 * when none is within `withinM`. With `stopAtM` > 0 it only answers "within stopAtM of the
 * LSOA?": it may return 0 or any distance ≤ stopAtM as soon as one is certain.
 */
export function boundaryToSegmentsM(index: LsoaIndex, i: number, footprint: FootprintSegments, withinM: number, stopAtM = 0): number {
  const [w, s, e, n] = [index.bbox[i * 4]!, index.bbox[i * 4 + 1]!, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!];
  const { dLon, dLat } = degreesFor(withinM + TOUCH_M, (s + n) / 2);
  const near = footprint.index.search(w - dLon, s - dLat, e + dLon, n + dLat);
  if (near.length === 0) return Infinity;
  if (scratch.length < near.length * 4) scratch = new Float64Array(near.length * 8);
  const local = segmentsInFrameInto(index, i, footprint, near, scratch);
  const stopSq = stopAtM * stopAtM;
  if (stopAtM > 0) {
    // Quick accept: the disc of radius inradius about the representative point lies inside the
    // LSOA, so a segment within inradius + stopAtM of that point is within stopAtM of the LSOA.
    const [rx, ry] = representativeLocal(index, i);
    const accept = index.inradiusM[i]! + stopAtM;
    for (let j = 0; j < near.length; j++) {
      if (pointSegmentDistanceSq(rx, ry, local[j * 4]!, local[j * 4 + 1]!, local[j * 4 + 2]!, local[j * 4 + 3]!) <= accept * accept) return 0;
    }
  }
  const xy = index.localXY;
  const chunks = index.chunks;
  let best = Infinity;
  for (let j = 0; j < near.length; j++) {
    const ax = local[j * 4]!;
    const ay = local[j * 4 + 1]!;
    const bx = local[j * 4 + 2]!;
    const by = local[j * 4 + 3]!;
    const minX = Math.min(ax, bx);
    const minY = Math.min(ay, by);
    const maxX = Math.max(ax, bx);
    const maxY = Math.max(ay, by);
    for (let c = chunks.start[i]!; c < chunks.start[i + 1]!; c++) {
      // A run of edges whose box is farther than the best so far cannot improve it.
      const b = c * 4;
      if (boxBoxDistanceSq(minX, minY, maxX, maxY, chunks.box[b]!, chunks.box[b + 1]!, chunks.box[b + 2]!, chunks.box[b + 3]!) >= best) continue;
      for (let v = chunks.first[c]!; v < chunks.end[c]!; v++) {
        const d = segmentSegmentDistanceSq(xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!, ax, ay, bx, by);
        if (d < best) {
          best = d;
          if (best <= stopSq) return Math.sqrt(best);
        }
      }
    }
  }
  return Math.sqrt(best);
}

/** Distance (m) from a local point in LSOA i's frame to the footprint segments near it. */
export function pointToSegmentsM(index: LsoaIndex, i: number, lon: number, lat: number, footprint: FootprintSegments, withinM: number): number {
  const { dLon, dLat } = degreesFor(withinM + TOUCH_M, lat);
  const [x, y] = toLocal(index, i, lon, lat);
  const near = footprint.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  const local = segmentsInFrame(index, i, footprint, near);
  let best = Infinity;
  for (let j = 0; j < near.length; j++) {
    best = Math.min(best, pointSegmentDistanceSq(x, y, local[j * 4]!, local[j * 4 + 1]!, local[j * 4 + 2]!, local[j * 4 + 3]!));
  }
  return Math.sqrt(best);
}

/**
 * A line wholly inside an LSOA never meets its boundary: test one point of each line (a route's
 * later lines may lie inside an LSOA its first line never reaches).
 */
export function lineStartsInside(index: LsoaIndex, i: number, lines: LonLat[][]): boolean {
  return lines.some((line) => pointInsideLsoa(index, i, line[0]));
}

function pointInsideLsoa(index: LsoaIndex, i: number, point: LonLat | undefined): boolean {
  if (!point || !boxContains(index, i, point)) return false;
  const [x, y] = toLocal(index, i, point[0], point[1]);
  return lsoaContainsLocal(index, i, x, y);
}

export function boxContains(index: LsoaIndex, i: number, [lon, lat]: LonLat): boolean {
  return lon >= index.bbox[i * 4]! && lat >= index.bbox[i * 4 + 1]! && lon <= index.bbox[i * 4 + 2]! && lat <= index.bbox[i * 4 + 3]!;
}

/**
 * Distance (m) between LSOA i and a polygon footprint: 0 when they overlap or touch; Infinity when
 * farther than `withinM`. With `stopAtM` > 0 it only answers "within stopAtM?" (see
 * boundaryToSegmentsM); without it, it is the exact distance (as the nearest-scheme list needs).
 */
export function distanceToPolygonM(index: LsoaIndex, i: number, polygons: LonLat[][][], footprint: FootprintSegments, withinM: number, stopAtM = 0): number {
  const points = index.geometry.points;
  if (polygonsContain(polygons, points[i * 2]! / MICRODEGREES, points[i * 2 + 1]! / MICRODEGREES)) return 0;
  if (footprintStartsInside(index, i, polygons) || lsoaRingsInFootprint(index, i, polygons) !== 'none') return 0;
  return boundaryToSegmentsM(index, i, footprint, withinM, stopAtM);
}

/**
 * Whether some ring of the footprint (any part, outer ring or hole) has its first vertex inside
 * LSOA i. When the boundaries never meet, a ring is wholly inside or wholly outside the LSOA, and
 * one inside means they share ground (the footprint lies on one side of each of its rings).
 */
export function footprintStartsInside(index: LsoaIndex, i: number, polygons: LonLat[][][]): boolean {
  return polygons.some((rings) => rings.some((ring) => pointInsideLsoa(index, i, ring[0])));
}

/**
 * Which rings of LSOA i (every part and hole, by their first vertex) lie inside the footprint.
 * When the boundaries never meet and no footprint ring lies inside the LSOA, 'all' means the LSOA
 * lies wholly inside the footprint and 'none' wholly outside it.
 */
export function lsoaRingsInFootprint(index: LsoaIndex, i: number, polygons: LonLat[][][]): 'all' | 'some' | 'none' {
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  let inside = 0;
  let rings = 0;
  for (let r = ringStart[polygonStart[i]!]!; r < ringStart[polygonStart[i + 1]!]!; r++) {
    const v = vertexStart[r]!;
    rings++;
    if (polygonsContain(polygons, coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES)) inside++;
  }
  return inside === 0 ? 'none' : inside === rings ? 'all' : 'some';
}
