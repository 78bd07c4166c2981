// How far each (uncovered) LSOA is from the nearest scheme footprint, for the gap list. Every
// footprint is broken into pieces (segments of routes and area boundaries, and points). Each LSOA
// measures the few nearest footprints (flatbush over footprint boxes), then every footprint whose
// box could beat that, skipping footprints and pieces whose lower bound is already too far; far
// pieces are measured in a frame midway between the two, so a gap 300 km from a cluster of routes
// costs a few hundred box checks and a handful of exact distances.

import Flatbush from 'flatbush';
import type { AreaResolver } from './coverage-types';
import { polygonsContain } from './footprint-geometry';
import { degreesFor, localFrame } from './geodesy';
import { lsoaContainsLocal, lsoaIndexOf, lsoaPolygons, toLocal, type LsoaIndex } from './lsoa-index';
import { MICRODEGREES, type LsoaGeometry } from './lsoa-geometry';
import { segmentSegmentDistanceSq } from './planar';
import type { LonLat, Scheme } from './scheme';

/** Longitude is scaled by cos(52.5°), England's middle, so box distances are roughly isotropic. */
const LON_SCALE = Math.cos((52.5 * Math.PI) / 180);

interface Pieces {
  /** ax, ay, bx, by per piece (degrees); a point is a piece with a = b. */
  coords: number[];
  /** The footprint's buffer or catchment, taken off the distance. */
  bufferM: number[];
  /** Per footprint: its pieces' range, box (degrees) and buffer. */
  groups: { start: number; end: number; box: [number, number, number, number]; bufferM: number }[];
  /** Areas (with buffer) that an LSOA may lie inside: distance 0. */
  areas: { polygons: LonLat[][][]; bufferM: number; box: [number, number, number, number] }[];
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
  const pieces: Pieces = { coords: [], bufferM: [], groups: [], areas: [] };
  const addPaths = (paths: readonly (readonly LonLat[])[], bufferM: number) => {
    for (const path of paths) {
      for (let k = 0; k + 1 < path.length; k++) {
        pieces.coords.push(path[k]![0], path[k]![1], path[k + 1]![0], path[k + 1]![1]);
        pieces.bufferM.push(bufferM);
      }
    }
  };
  schemes.forEach((scheme, s) => {
    if (!usable[s]) return;
    const start = pieces.bufferM.length;
    addFootprint(scheme);
    const end = pieces.bufferM.length;
    if (end === start) return;
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = start; k < end; k++) {
      box[0] = Math.min(box[0], pieces.coords[k * 4]!, pieces.coords[k * 4 + 2]!);
      box[1] = Math.min(box[1], pieces.coords[k * 4 + 1]!, pieces.coords[k * 4 + 3]!);
      box[2] = Math.max(box[2], pieces.coords[k * 4]!, pieces.coords[k * 4 + 2]!);
      box[3] = Math.max(box[3], pieces.coords[k * 4 + 1]!, pieces.coords[k * 4 + 3]!);
    }
    pieces.groups.push({ start, end, box, bufferM: pieces.bufferM[start]! });
  });
  return pieces;

  function addFootprint(scheme: Scheme): void {
    const footprint = scheme.footprint;
    switch (footprint.type) {
      case 'point':
        pieces.coords.push(footprint.point[0], footprint.point[1], footprint.point[0], footprint.point[1]);
        pieces.bufferM.push(footprint.radiusM);
        return;
      case 'line':
        addPaths(footprint.lines, footprint.bufferM);
        return;
      case 'polygon':
        addPaths(footprint.polygons.flat(), footprint.bufferM);
        pieces.areas.push({ polygons: footprint.polygons, bufferM: footprint.bufferM, box: boxOf(footprint.polygons.flat()) });
        return;
      case 'areas': {
        // Distance to named areas is distance to their LSOAs.
        const polygons = footprint.areas.flatMap(({ kind, code }) => (resolver.lsoasOf(kind, code) ?? []).flatMap((lsoa) => lsoaPolygons(index, lsoa)));
        if (polygons.length === 0) return;
        addPaths(polygons.flat(), 0);
        pieces.areas.push({ polygons, bufferM: 0, box: boxOf(polygons.flat()) });
        return;
      }
    }
  }
}

/** Metres between two points through a frame at their midpoint: within 0.5% to a few hundred km. */
function midFrameDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const frame = localFrame((lon1 + lon2) / 2, (lat1 + lat2) / 2);
  return Math.hypot((lon2 - lon1) * frame.kx, (lat2 - lat1) * frame.ky);
}

/** A distance no piece in the box can beat from the point: to the box's nearest point, less 1%. */
function boxLowerBoundM(lon: number, lat: number, [w, s, e, n]: readonly number[]): number {
  const cx = Math.min(Math.max(lon, w!), e!);
  const cy = Math.min(Math.max(lat, s!), n!);
  return midFrameDistanceM(lon, lat, cx, cy) * 0.99;
}

/**
 * Metres from LSOA i to piece k, less its buffer (0 when they touch or the piece lies inside).
 * Measured in a frame midway between the two, so far pieces are measured as well as near ones.
 */
function pieceDistanceM(index: LsoaIndex, i: number, pieces: Pieces, k: number): number {
  const c = pieces.coords;
  const [ax0, ay0] = toLocal(index, i, c[k * 4]!, c[k * 4 + 1]!);
  if (lsoaContainsLocal(index, i, ax0, ay0)) return 0;
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const frame = localFrame((c[k * 4]! + index.frames[i * 4]!) / 2, (c[k * 4 + 1]! + index.frames[i * 4 + 1]!) / 2);
  const project = (lon: number, lat: number): [number, number] => [(lon - frame.lon0) * frame.kx, (lat - frame.lat0) * frame.ky];
  const [ax, ay] = project(c[k * 4]!, c[k * 4 + 1]!);
  const [bx, by] = project(c[k * 4 + 2]!, c[k * 4 + 3]!);
  let best = Infinity;
  for (let r = ringStart[polygonStart[i]!]!; r < ringStart[polygonStart[i + 1]!]!; r++) {
    const end = vertexStart[r + 1]!;
    let [px, py] = project(coords[vertexStart[r]! * 2]! / MICRODEGREES, coords[vertexStart[r]! * 2 + 1]! / MICRODEGREES);
    for (let v = vertexStart[r]! + 1; v < end; v++) {
      const [qx, qy] = project(coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES);
      best = Math.min(best, segmentSegmentDistanceSq(px, py, qx, qy, ax, ay, bx, by));
      px = qx;
      py = qy;
    }
  }
  return Math.max(0, Math.sqrt(best) - pieces.bufferM[k]!);
}

/** The LSOA's reach from its representative point: no point of it is farther. */
function reachM(index: LsoaIndex, i: number): number {
  const [rx, ry] = toLocal(index, i, index.geometry.points[i * 2]! / MICRODEGREES, index.geometry.points[i * 2 + 1]! / MICRODEGREES);
  const [w, s] = toLocal(index, i, index.bbox[i * 4]!, index.bbox[i * 4 + 1]!);
  const [e, n] = toLocal(index, i, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!);
  return Math.max(Math.hypot(w - rx, s - ry), Math.hypot(e - rx, s - ry), Math.hypot(w - rx, n - ry), Math.hypot(e - rx, n - ry));
}

/**
 * Kilometres from each listed LSOA to the nearest usable scheme footprint (its catchment or
 * buffer included); Infinity when there is none. Distances use each LSOA's own frame: right to
 * 0.5% within ~20 km, to a few per cent at a hundred kilometres and more.
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
  const pieces = collectPieces(index, schemes, usable, areas);
  const groups = pieces.groups;
  if (groups.length === 0) return out;
  const tree = new Flatbush(groups.length);
  for (const { box } of groups) tree.add(box[0] * LON_SCALE, box[1], box[2] * LON_SCALE, box[3]);
  tree.finish();
  const maxBufferM = groups.reduce((widest, g) => Math.max(widest, g.bufferM), 0);

  lsoaIndices.forEach((i, slot) => {
    const lon = index.geometry.points[i * 2]! / MICRODEGREES;
    const lat = index.geometry.points[i * 2 + 1]! / MICRODEGREES;
    // Inside an area footprint is distance 0.
    for (const area of pieces.areas) {
      const [w, s, e, n] = area.box;
      if (lon >= w && lon <= e && lat >= s && lat <= n && polygonsContain(area.polygons, lon, lat)) {
        out[slot] = 0;
        return;
      }
    }
    const reach = reachM(index, i);
    let best = Infinity;
    const measure = (g: number) => {
      const group = groups[g]!;
      if (boxLowerBoundM(lon, lat, group.box) - reach - group.bufferM >= best) return;
      for (let k = group.start; k < group.end && best > 0; k++) {
        const c = pieces.coords;
        const pieceBox = [Math.min(c[k * 4]!, c[k * 4 + 2]!), Math.min(c[k * 4 + 1]!, c[k * 4 + 3]!), Math.max(c[k * 4]!, c[k * 4 + 2]!), Math.max(c[k * 4 + 1]!, c[k * 4 + 3]!)];
        if (boxLowerBoundM(lon, lat, pieceBox) - reach - pieces.bufferM[k]! >= best) continue;
        best = Math.min(best, pieceDistanceM(index, i, pieces, k));
      }
    };
    // A first answer from the few nearest footprints, then every footprint that could beat it.
    for (const g of tree.neighbors(lon * LON_SCALE, lat, 4)) measure(g);
    if (best > 0 && Number.isFinite(best)) {
      // 20% wider than needed: the box is in degrees, and a degree of longitude shrinks northwards.
      const { dLon, dLat } = degreesFor(1.2 * (best + reach + maxBufferM), lat);
      const candidates = tree.search((lon - dLon) * LON_SCALE, lat - dLat, (lon + dLon) * LON_SCALE, lat + dLat);
      candidates.sort((a, b) => boxLowerBoundM(lon, lat, groups[a]!.box) - boxLowerBoundM(lon, lat, groups[b]!.box));
      for (const g of candidates) measure(g);
    }
    out[slot] = best / 1000;
  });
  return out;
}
