// Everything the coverage analysis needs about the LSOAs, computed once per geometry: spatial
// indexes (flatbush) over their boxes and representative points, and each LSOA's vertices in its
// own metric frame, in flat typed arrays with fixed strides.

import Flatbush from 'flatbush';
import { localFrame } from './geodesy';
import { MICRODEGREES, type LsoaGeometry } from './lsoa-geometry';
import { circleEdgeArea, pointSegmentDistanceSq, ringSignedArea } from './planar';
import type { LonLat } from './scheme';

export interface LsoaIndex {
  geometry: LsoaGeometry;
  count: number;
  /** Flatbush over LSOA boxes, in degrees. */
  boxes: Flatbush;
  /** Flatbush over representative points, in degrees. */
  points: Flatbush;
  /** west, south, east, north per LSOA (degrees). */
  bbox: Float64Array;
  /** Frame per LSOA: lon0, lat0, kx, ky (stride 4). */
  frames: Float64Array;
  /** Every vertex in its LSOA's frame, metres (x, y interleaved; same order as geometry.coords). */
  localXY: Float64Array;
  /** Area of each LSOA in square metres. */
  areaM2: Float64Array;
}

const cache = new WeakMap<LsoaGeometry, LsoaIndex>();

export function lsoaIndexOf(geometry: LsoaGeometry): LsoaIndex {
  const cached = cache.get(geometry);
  if (cached) return cached;
  const built = buildLsoaIndex(geometry);
  cache.set(geometry, built);
  return built;
}

function buildLsoaIndex(geometry: LsoaGeometry): LsoaIndex {
  const { count, polygonStart, ringStart, vertexStart, coords, points } = geometry;
  const bbox = new Float64Array(count * 4);
  const frames = new Float64Array(count * 4);
  const localXY = new Float64Array(coords.length);
  const areaM2 = new Float64Array(count);
  const boxes = new Flatbush(Math.max(count, 1));
  const pointIndex = new Flatbush(Math.max(count, 1));
  for (let i = 0; i < count; i++) {
    const firstVertex = vertexStart[ringStart[polygonStart[i]!]!]!;
    const endVertex = vertexStart[ringStart[polygonStart[i + 1]!]!]!;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (let v = firstVertex; v < endVertex; v++) {
      const lon = coords[v * 2]! / MICRODEGREES;
      const lat = coords[v * 2 + 1]! / MICRODEGREES;
      if (lon < w) w = lon;
      if (lon > e) e = lon;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    }
    bbox[i * 4] = w;
    bbox[i * 4 + 1] = s;
    bbox[i * 4 + 2] = e;
    bbox[i * 4 + 3] = n;
    const frame = localFrame((w + e) / 2, (s + n) / 2);
    frames[i * 4] = frame.lon0;
    frames[i * 4 + 1] = frame.lat0;
    frames[i * 4 + 2] = frame.kx;
    frames[i * 4 + 3] = frame.ky;
    for (let v = firstVertex; v < endVertex; v++) {
      localXY[v * 2] = (coords[v * 2]! / MICRODEGREES - frame.lon0) * frame.kx;
      localXY[v * 2 + 1] = (coords[v * 2 + 1]! / MICRODEGREES - frame.lat0) * frame.ky;
    }
    boxes.add(w, s, e, n);
    const px = points[i * 2]! / MICRODEGREES;
    const py = points[i * 2 + 1]! / MICRODEGREES;
    pointIndex.add(px, py, px, py);
  }
  if (count === 0) {
    boxes.add(0, 0, 0, 0);
    pointIndex.add(0, 0, 0, 0);
  }
  boxes.finish();
  pointIndex.finish();
  const index: LsoaIndex = { geometry, count, boxes, points: pointIndex, bbox, frames, localXY, areaM2 };
  for (let i = 0; i < count; i++) areaM2[i] = lsoaArea(index, i);
  return index;
}

/** Calls `visit(first, end, isOuter)` for every ring of LSOA i, as vertex ranges. */
export function forEachRing(index: LsoaIndex, i: number, visit: (first: number, end: number, isOuter: boolean) => void): void {
  const { polygonStart, ringStart, vertexStart } = index.geometry;
  for (let p = polygonStart[i]!; p < polygonStart[i + 1]!; p++) {
    for (let r = ringStart[p]!; r < ringStart[p + 1]!; r++) visit(vertexStart[r]!, vertexStart[r + 1]!, r === ringStart[p]);
  }
}

function lsoaArea(index: LsoaIndex, i: number): number {
  let area = 0;
  forEachRing(index, i, (first, end, isOuter) => {
    const ring = Math.abs(ringSignedArea(index.localXY, first, end));
    area += isOuter ? ring : -ring;
  });
  return area;
}

/** A point (degrees) in LSOA i's frame, metres. */
export function toLocal(index: LsoaIndex, i: number, lon: number, lat: number): [number, number] {
  const f = i * 4;
  return [(lon - index.frames[f]!) * index.frames[f + 2]!, (lat - index.frames[f + 1]!) * index.frames[f + 3]!];
}

/** Even-odd point-in-polygon in LSOA i's frame (holes and multi-parts included). */
export function lsoaContainsLocal(index: LsoaIndex, i: number, x: number, y: number): boolean {
  const xy = index.localXY;
  const { polygonStart, ringStart, vertexStart } = index.geometry;
  let inside = false;
  // All rings of all parts at once: even-odd counts holes out and parts in.
  const rings = ringStart[polygonStart[i + 1]!]!;
  for (let r = ringStart[polygonStart[i]!]!; r < rings; r++) {
    const end = vertexStart[r + 1]!;
    for (let v = vertexStart[r]!, u = end - 1; v < end; u = v++) {
      const vx = xy[v * 2]!;
      const vy = xy[v * 2 + 1]!;
      const ux = xy[u * 2]!;
      const uy = xy[u * 2 + 1]!;
      if (vy > y !== uy > y && x < ((ux - vx) * (y - vy)) / (uy - vy) + vx) inside = !inside;
    }
  }
  return inside;
}

/** Distance in metres from a local point to LSOA i's boundary. */
export function distanceToBoundaryLocal(index: LsoaIndex, i: number, x: number, y: number): number {
  const xy = index.localXY;
  const { polygonStart, ringStart, vertexStart } = index.geometry;
  let best = Infinity;
  const rings = ringStart[polygonStart[i + 1]!]!;
  for (let r = ringStart[polygonStart[i]!]!; r < rings; r++) {
    const end = vertexStart[r + 1]!;
    for (let v = vertexStart[r]!; v < end - 1; v++) {
      const d = pointSegmentDistanceSq(x, y, xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** Whether some point of LSOA i's boundary is within `reach` metres of a local point (stops at the first). */
export function boundaryWithinLocal(index: LsoaIndex, i: number, x: number, y: number, reach: number): boolean {
  const xy = index.localXY;
  const { polygonStart, ringStart, vertexStart } = index.geometry;
  const reachSq = reach * reach;
  const rings = ringStart[polygonStart[i + 1]!]!;
  for (let r = ringStart[polygonStart[i]!]!; r < rings; r++) {
    const end = vertexStart[r + 1]!;
    for (let v = vertexStart[r]!; v < end - 1; v++) {
      if (pointSegmentDistanceSq(x, y, xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!) <= reachSq) return true;
    }
  }
  return false;
}

/** Distance in metres from a local point to LSOA i (0 inside). */
export function distanceToLsoaLocal(index: LsoaIndex, i: number, x: number, y: number): number {
  return lsoaContainsLocal(index, i, x, y) ? 0 : distanceToBoundaryLocal(index, i, x, y);
}

/** Area (m²) of LSOA i inside the circle of radius r about the local point (cx, cy). */
export function circleOverlapArea(index: LsoaIndex, i: number, cx: number, cy: number, r: number): number {
  const xy = index.localXY;
  let area = 0;
  forEachRing(index, i, (first, end, isOuter) => {
    let ring = 0;
    for (let v = first; v < end - 1; v++) {
      ring += circleEdgeArea(xy[v * 2]! - cx, xy[v * 2 + 1]! - cy, xy[v * 2 + 2]! - cx, xy[v * 2 + 3]! - cy, r);
    }
    // Rings may wind either way in the source: take the magnitude, then add outers, take holes away.
    const orientation = Math.sign(ringSignedArea(xy, first, end)) || 1;
    const inside = ring * orientation;
    area += isOuter ? inside : -inside;
  });
  return Math.max(0, area);
}

/** LSOA i as GeoJSON-style polygons (degrees): parts, each outer ring then holes. */
export function lsoaPolygons(index: LsoaIndex, i: number): LonLat[][][] {
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const polygons: LonLat[][][] = [];
  for (let p = polygonStart[i]!; p < polygonStart[i + 1]!; p++) {
    const rings: LonLat[][] = [];
    for (let r = ringStart[p]!; r < ringStart[p + 1]!; r++) {
      const ring: LonLat[] = [];
      for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) ring.push([coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES]);
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return polygons;
}
