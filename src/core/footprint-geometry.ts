// A scheme's line or polygon footprint prepared for the coverage loops: segments in a flat array
// (degrees) with a flatbush over them, so each LSOA only meets the footprint segments near it.

import Flatbush from 'flatbush';
import type { LonLat } from './scheme';

export interface FootprintSegments {
  /** ax, ay, bx, by per segment, degrees. */
  segments: Float64Array;
  count: number;
  index: Flatbush;
  /** west, south, east, north of the whole footprint. */
  bbox: [number, number, number, number];
}

export function segmentsOf(paths: readonly (readonly LonLat[])[]): FootprintSegments {
  let count = 0;
  for (const path of paths) count += Math.max(0, path.length - 1);
  const segments = new Float64Array(count * 4);
  const index = new Flatbush(Math.max(count, 1));
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let s = 0;
  for (const path of paths) {
    for (let i = 0; i < path.length - 1; i++) {
      const ax = path[i]![0];
      const ay = path[i]![1];
      const bx = path[i + 1]![0];
      const by = path[i + 1]![1];
      segments[s * 4] = ax;
      segments[s * 4 + 1] = ay;
      segments[s * 4 + 2] = bx;
      segments[s * 4 + 3] = by;
      index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      s++;
    }
    for (const point of path) {
      bbox[0] = Math.min(bbox[0], point[0]);
      bbox[1] = Math.min(bbox[1], point[1]);
      bbox[2] = Math.max(bbox[2], point[0]);
      bbox[3] = Math.max(bbox[3], point[1]);
    }
  }
  if (count === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { segments, count, index, bbox };
}

/** Even-odd point-in-polygon against every ring of a (multi)polygon footprint, in degrees. */
export function polygonsContain(polygons: readonly (readonly (readonly LonLat[])[])[], lon: number, lat: number): boolean {
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let v = 0, u = ring.length - 1; v < ring.length; u = v++) {
        const [vx, vy] = ring[v]!;
        const [ux, uy] = ring[u]!;
        if (vy > lat !== uy > lat && lon < ((ux - vx) * (lat - vy)) / (uy - vy) + vx) inside = !inside;
      }
    }
  }
  return inside;
}
