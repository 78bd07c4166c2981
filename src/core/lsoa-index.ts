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
  /**
   * Boundary edges in runs of up to EDGE_CHUNK within one ring, each with its box in the LSOA's
   * frame, so distance and crossing tests skip the runs far from what they measure.
   */
  chunks: EdgeChunks;
  /** Metres from each LSOA's representative point to its boundary: a disc that lies inside it. */
  inradiusM: Float64Array;
}

interface EdgeChunks {
  /** Per LSOA, its range of chunks (count + 1 entries). */
  start: Uint32Array;
  /** Per chunk, the first vertex and the end (edges run from v to v + 1 for first ≤ v < end). */
  first: Uint32Array;
  end: Uint32Array;
  /** Per chunk, minX, minY, maxX, maxY in the LSOA's frame (metres). */
  box: Float64Array;
}

/** Edges per chunk: small enough to skip most of a boundary, large enough to keep the boxes few. */
const EDGE_CHUNK = 8;

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
  const chunks = buildChunks(geometry, localXY);
  const inradiusM = new Float64Array(count);
  const index: LsoaIndex = { geometry, count, boxes, points: pointIndex, bbox, frames, localXY, areaM2, chunks, inradiusM };
  for (let i = 0; i < count; i++) {
    areaM2[i] = lsoaArea(index, i);
    const [x, y] = toLocal(index, i, points[i * 2]! / MICRODEGREES, points[i * 2 + 1]! / MICRODEGREES);
    inradiusM[i] = lsoaContainsLocal(index, i, x, y) ? distanceToBoundaryLocal(index, i, x, y) : 0;
  }
  return index;
}

function buildChunks(geometry: LsoaGeometry, localXY: Float64Array): EdgeChunks {
  const { count, polygonStart, ringStart, vertexStart } = geometry;
  const rings = ringStart[polygonStart[count]!]!;
  let total = 0;
  for (let r = 0; r < rings; r++) total += Math.ceil(Math.max(0, vertexStart[r + 1]! - vertexStart[r]! - 1) / EDGE_CHUNK);
  const start = new Uint32Array(count + 1);
  const first = new Uint32Array(total);
  const end = new Uint32Array(total);
  const box = new Float64Array(total * 4);
  let c = 0;
  for (let i = 0; i < count; i++) {
    start[i] = c;
    for (let r = ringStart[polygonStart[i]!]!; r < ringStart[polygonStart[i + 1]!]!; r++) {
      const lastEdge = vertexStart[r + 1]! - 1;
      for (let v0 = vertexStart[r]!; v0 < lastEdge; v0 += EDGE_CHUNK) {
        const v1 = Math.min(v0 + EDGE_CHUNK, lastEdge);
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (let v = v0; v <= v1; v++) {
          const x = localXY[v * 2]!;
          const y = localXY[v * 2 + 1]!;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        first[c] = v0;
        end[c] = v1;
        box[c * 4] = minX;
        box[c * 4 + 1] = minY;
        box[c * 4 + 2] = maxX;
        box[c * 4 + 3] = maxY;
        c++;
      }
    }
  }
  start[count] = c;
  return { start, first, end, box };
}

/** Squared distance from a point to chunk c's box (0 inside). */
function chunkBoxDistanceSq(chunks: EdgeChunks, c: number, x: number, y: number): number {
  const b = c * 4;
  const dx = Math.max(chunks.box[b]! - x, 0, x - chunks.box[b + 2]!);
  const dy = Math.max(chunks.box[b + 1]! - y, 0, y - chunks.box[b + 3]!);
  return dx * dx + dy * dy;
}

/** Calls `visit(first, end, isOuter)` for every ring of LSOA i, as vertex ranges. */
function forEachRing(index: LsoaIndex, i: number, visit: (first: number, end: number, isOuter: boolean) => void): void {
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
  return chunkedRingsContain(index, i, index.localXY, 0, x, y, index.chunks.box);
}

/**
 * Even-odd point-in-polygon over LSOA i's edges, with its vertices in `xy` from vertex
 * `firstVertex` on (the index's local frame, or another plane). Counts crossings of the ray
 * running east from the point, over every ring at once (holes count out, parts in). With `boxes`
 * (chunk boxes in the same plane), runs wholly above, below or west of the point are skipped.
 */
export function chunkedRingsContain(
  index: LsoaIndex,
  i: number,
  xy: Float64Array,
  firstVertex: number,
  x: number,
  y: number,
  boxes: Float64Array | null,
): boolean {
  const { start, first, end } = index.chunks;
  let inside = false;
  for (let c = start[i]!; c < start[i + 1]!; c++) {
    if (boxes && (boxes[c * 4 + 1]! > y || boxes[c * 4 + 3]! <= y || boxes[c * 4 + 2]! < x)) continue;
    for (let u = first[c]! - firstVertex; u < end[c]! - firstVertex; u++) {
      const ux = xy[u * 2]!;
      const uy = xy[u * 2 + 1]!;
      const vx = xy[u * 2 + 2]!;
      const vy = xy[u * 2 + 3]!;
      if (vy > y !== uy > y && x < ((ux - vx) * (y - vy)) / (uy - vy) + vx) inside = !inside;
    }
  }
  return inside;
}

/** Distance in metres from a local point to LSOA i's boundary. */
export function distanceToBoundaryLocal(index: LsoaIndex, i: number, x: number, y: number): number {
  const xy = index.localXY;
  const chunks = index.chunks;
  let best = Infinity;
  for (let c = chunks.start[i]!; c < chunks.start[i + 1]!; c++) {
    if (chunkBoxDistanceSq(chunks, c, x, y) >= best) continue;
    for (let v = chunks.first[c]!; v < chunks.end[c]!; v++) {
      const d = pointSegmentDistanceSq(x, y, xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** Whether some point of LSOA i's boundary is within `reach` metres of a local point (stops at the first). */
export function boundaryWithinLocal(index: LsoaIndex, i: number, x: number, y: number, reach: number): boolean {
  const xy = index.localXY;
  const chunks = index.chunks;
  const reachSq = reach * reach;
  for (let c = chunks.start[i]!; c < chunks.start[i + 1]!; c++) {
    if (chunkBoxDistanceSq(chunks, c, x, y) > reachSq) continue;
    for (let v = chunks.first[c]!; v < chunks.end[c]!; v++) {
      if (pointSegmentDistanceSq(x, y, xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!) <= reachSq) return true;
    }
  }
  return false;
}

/** Area (m²) of LSOA i inside the circle of radius r about the local point (cx, cy). */
export function circleOverlapArea(index: LsoaIndex, i: number, cx: number, cy: number, r: number): number {
  const xy = index.localXY;
  const chunks = index.chunks;
  const { polygonStart, ringStart, vertexStart } = index.geometry;
  let area = 0;
  let c = chunks.start[i]!;
  for (let p = polygonStart[i]!; p < polygonStart[i + 1]!; p++) {
    for (let r0 = ringStart[p]!; r0 < ringStart[p + 1]!; r0++) {
      const ringEnd = vertexStart[r0 + 1]!;
      let ring = 0;
      // Chunks run in ring order, so this ring's chunks are the next ones.
      for (; c < chunks.start[i + 1]! && chunks.first[c]! < ringEnd; c++) {
        const first = chunks.first[c]!;
        const end = chunks.end[c]!;
        if (chunkBoxDistanceSq(chunks, c, cx, cy) > r * r) {
          // A run wholly outside the circle, in a box that leaves out the centre, adds the sector
          // between its ends (it turns through less than half a turn about the centre).
          const ax = xy[first * 2]! - cx;
          const ay = xy[first * 2 + 1]! - cy;
          const bx = xy[end * 2]! - cx;
          const by = xy[end * 2 + 1]! - cy;
          ring += 0.5 * r * r * Math.atan2(ax * by - ay * bx, ax * bx + ay * by);
          continue;
        }
        for (let v = first; v < end; v++) {
          ring += circleEdgeArea(xy[v * 2]! - cx, xy[v * 2 + 1]! - cy, xy[v * 2 + 2]! - cx, xy[v * 2 + 3]! - cy, r);
        }
      }
      // Rings may wind either way in the source: take the magnitude, then add outers, take holes away.
      const orientation = Math.sign(ringSignedArea(xy, vertexStart[r0]!, ringEnd)) || 1;
      const inside = ring * orientation;
      area += r0 === ringStart[p]! ? inside : -inside;
    }
  }
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
