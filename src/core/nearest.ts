// How far each (uncovered) LSOA is from the nearest scheme footprint, for the gap list. Every
// footprint is broken into pieces (segments of routes and area boundaries, and points), put on
// one metric plane (src/core/grid.ts, within 0.05% of geodesic distances across England) under a
// flatbush. Each LSOA's boundary is taken a run of edges at a time (the index's edge chunks): from
// each run's centre, flatbush's nearest-neighbour search hands out pieces nearest first, and the
// search stops once no piece can beat the best distance so far. A run is short, so few pieces lie
// in the band where that is undecided, whether the schemes are next door or 300 km away.

import Flatbush from 'flatbush';
import type { AreaResolver } from './coverage-types';
import { polygonsContain } from './footprint-geometry';
import { inGridBounds, toGrid } from './grid';
import { chunkedRingsContain, lsoaIndexOf, lsoaPolygons, type LsoaIndex } from './lsoa-index';
import { MICRODEGREES, type LsoaGeometry } from './lsoa-geometry';
import { pointSegmentDistanceSq, segmentSegmentDistanceSq } from './planar';
import type { LonLat, Scheme } from './scheme';

interface Pieces {
  count: number;
  /** ax, ay, bx, by per piece, grid metres; a point is a piece with a = b. */
  grid: Float64Array;
  /** The footprint's buffer or catchment, taken off the distance. */
  bufferM: Float64Array;
  /** Areas that an LSOA's representative point may lie inside: distance 0. */
  areas: { polygons: LonLat[][][]; box: [number, number, number, number] }[];
  /** LSOAs that schemes naming areas cover: distance 0. */
  namedLsoas: Set<number>;
}

function boxOf(rings: readonly (readonly LonLat[])[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

function collectPieces(index: LsoaIndex, schemes: readonly Scheme[], usable: readonly boolean[], resolver: AreaResolver): Pieces {
  const ends: number[] = [];
  const buffers: number[] = [];
  const areas: Pieces['areas'] = [];
  const namedLsoas = new Set<number>();
  const add = (a: LonLat, b: LonLat, bufferM: number) => {
    // Outside the grid's bounds distances would be wrong; such places are hundreds of km from England.
    if (!inGridBounds(a[0], a[1]) || !inGridBounds(b[0], b[1])) return;
    ends.push(a[0], a[1], b[0], b[1]);
    buffers.push(bufferM);
  };
  const addPaths = (paths: readonly (readonly LonLat[])[], bufferM: number) => {
    for (const path of paths) for (let k = 0; k + 1 < path.length; k++) add(path[k]!, path[k + 1]!, bufferM);
  };
  schemes.forEach((scheme, s) => {
    if (!usable[s]) return;
    const footprint = scheme.footprint;
    switch (footprint.type) {
      case 'point':
        add(footprint.point, footprint.point, footprint.radiusM);
        return;
      case 'line':
        addPaths(footprint.lines, footprint.bufferM);
        return;
      case 'polygon':
        addPaths(footprint.polygons.flat(), footprint.bufferM);
        areas.push({ polygons: footprint.polygons, box: boxOf(footprint.polygons.flat()) });
        return;
      case 'areas':
        // Distance to named areas is distance to their LSOAs; many schemes name the same areas,
        // so their LSOAs are gathered first and each one's boundary added once.
        for (const { kind, code } of footprint.areas) for (const lsoa of resolver.lsoasOf(kind, code) ?? []) namedLsoas.add(lsoa);
        return;
    }
  });
  for (const lsoa of namedLsoas) addPaths(lsoaPolygons(index, lsoa).flat(), 0);
  const count = buffers.length;
  const grid = new Float64Array(count * 4);
  for (let k = 0; k < count * 2; k++) toGrid(ends[k * 2]!, ends[k * 2 + 1]!, grid, k * 2);
  return { count, grid, bufferM: Float64Array.from(buffers), areas, namedLsoas };
}

/** LSOA i's boundary on the grid: its vertices, and each edge chunk's box, centre and radius. */
interface GridLsoa {
  firstVertex: number;
  xy: Float64Array;
  box: [number, number, number, number];
}

function gridLsoa(index: LsoaIndex, i: number, scratch: Float64Array): GridLsoa {
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const firstVertex = vertexStart[ringStart[polygonStart[i]!]!]!;
  const endVertex = vertexStart[ringStart[polygonStart[i + 1]!]!]!;
  const xy = scratch.length >= (endVertex - firstVertex) * 2 ? scratch : new Float64Array((endVertex - firstVertex) * 2);
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let v = firstVertex; v < endVertex; v++) {
    const at = (v - firstVertex) * 2;
    toGrid(coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES, xy, at);
    box[0] = Math.min(box[0], xy[at]!);
    box[1] = Math.min(box[1], xy[at + 1]!);
    box[2] = Math.max(box[2], xy[at]!);
    box[3] = Math.max(box[3], xy[at + 1]!);
  }
  return { firstVertex, xy, box };
}

function boxDistance(x: number, y: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const dx = Math.max(minX - x, 0, x - maxX);
  const dy = Math.max(minY - y, 0, y - maxY);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Measures LSOAs against one set of schemes; the pieces and their index are built once. */
export interface NearestMeasurer {
  /** Kilometres from each listed LSOA to the nearest usable footprint; Infinity when there is none. */
  measure(lsoaIndices: readonly number[]): Float64Array;
}

/**
 * Kilometres from each listed LSOA to the nearest usable scheme footprint (its catchment or
 * buffer included); Infinity when there is none. Within 0.05% of the geodesic distance across
 * England; footprints outside GRID_BOUNDS (src/core/grid.ts) are not measured.
 */
export function nearestFootprintKm(
  lsoas: LsoaGeometry,
  lsoaIndices: readonly number[],
  schemes: readonly Scheme[],
  usable: readonly boolean[],
  areas: AreaResolver,
): Float64Array {
  return nearestMeasurer(lsoas, schemes, usable, areas).measure(lsoaIndices);
}

/** nearestFootprintKm for many calls (the worker measures gaps a slice at a time). */
export function nearestMeasurer(lsoas: LsoaGeometry, schemes: readonly Scheme[], usable: readonly boolean[], areas: AreaResolver): NearestMeasurer {
  const index = lsoaIndexOf(lsoas);
  const pieces = collectPieces(index, schemes, usable, areas);
  if (pieces.count === 0) return { measure: (lsoaIndices) => new Float64Array(lsoaIndices.length).fill(Infinity) };
  const { grid, bufferM } = pieces;
  const tree = new Flatbush(pieces.count);
  for (let k = 0; k < pieces.count; k++) {
    tree.add(
      Math.min(grid[k * 4]!, grid[k * 4 + 2]!),
      Math.min(grid[k * 4 + 1]!, grid[k * 4 + 3]!),
      Math.max(grid[k * 4]!, grid[k * 4 + 2]!),
      Math.max(grid[k * 4 + 1]!, grid[k * 4 + 3]!),
    );
  }
  tree.finish();
  const maxBufferM = bufferM.reduce((widest, b) => Math.max(widest, b), 0);
  const { chunks } = index;
  let scratch: Float64Array = new Float64Array(4096);
  // Which search last measured each piece: a repeated search with a tighter bound may return
  // pieces at equal distances in another order, so it skips by stamp rather than by position.
  const measuredBy = new Int32Array(pieces.count).fill(-1);
  let searchId = 0;

  const measureOne = (i: number): number => {
    const lon = index.geometry.points[i * 2]! / MICRODEGREES;
    const lat = index.geometry.points[i * 2 + 1]! / MICRODEGREES;
    // Inside an area footprint, or one of the areas a scheme names, is distance 0.
    if (pieces.namedLsoas.has(i)) return 0;
    for (const area of pieces.areas) {
      const [w, s, e, n] = area.box;
      if (lon >= w && lon <= e && lat >= s && lat <= n && polygonsContain(area.polygons, lon, lat)) return 0;
    }
    const lsoa = gridLsoa(index, i, scratch);
    scratch = lsoa.xy;
    const xy = lsoa.xy;
    // A piece wholly inside the LSOA never comes near its boundary, yet is at distance 0.
    for (const k of tree.search(...lsoa.box)) {
      if (chunkedRingsContain(index, i, lsoa.xy, lsoa.firstVertex, grid[k * 4]!, grid[k * 4 + 1]!, null)) return 0;
    }
    let best = Infinity;
    for (let c = chunks.start[i]!; c < chunks.start[i + 1]! && best > 0; c++) {
      const v0 = chunks.first[c]! - lsoa.firstVertex;
      const v1 = chunks.end[c]! - lsoa.firstVertex;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let v = v0; v <= v1; v++) {
        minX = Math.min(minX, xy[v * 2]!);
        maxX = Math.max(maxX, xy[v * 2]!);
        minY = Math.min(minY, xy[v * 2 + 1]!);
        maxY = Math.max(maxY, xy[v * 2 + 1]!);
      }
      const cx = (minX + maxX) / 2;
      const cy = (minY + maxY) / 2;
      const radius = Math.hypot(maxX - minX, maxY - minY) / 2;
      // Pieces nearest the run's centre first; a few at a time, more while they may still win.
      let wanted = 8;
      searchId++;
      search: for (;;) {
        const near = tree.neighbors(cx, cy, wanted, Number.isFinite(best) ? best + radius + maxBufferM : Infinity);
        for (let t = 0; t < near.length; t++) {
          const k = near[t]!;
          if (measuredBy[k] === searchId) continue;
          measuredBy[k] = searchId;
          const p = k * 4;
          const ax = grid[p]!;
          const ay = grid[p + 1]!;
          const bx = grid[p + 2]!;
          const by = grid[p + 3]!;
          const lower = boxDistance(cx, cy, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)) - radius;
          if (lower - maxBufferM >= best) break search;
          if (lower - bufferM[k]! >= best) continue;
          let dSq = Infinity;
          for (let v = v0; v < v1; v++) {
            const d =
              ax === bx && ay === by
                ? pointSegmentDistanceSq(ax, ay, xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!)
                : segmentSegmentDistanceSq(xy[v * 2]!, xy[v * 2 + 1]!, xy[v * 2 + 2]!, xy[v * 2 + 3]!, ax, ay, bx, by);
            if (d < dSq) dSq = d;
          }
          best = Math.min(best, Math.max(0, Math.sqrt(dSq) - bufferM[k]!));
          if (best === 0) break search;
        }
        if (near.length < wanted) break;
        wanted *= 4;
      }
    }
    return best / 1000;
  };

  return {
    measure(lsoaIndices) {
      const out = new Float64Array(lsoaIndices.length);
      lsoaIndices.forEach((i, slot) => {
        out[slot] = measureOne(i);
      });
      return out;
    },
  };
}
