// The share rule for a route or area: the part of an LSOA's area inside the footprint, measured by
// scanlines (src/core/scanline-overlap.ts), against a threshold.

import type { Marks } from './coverage-marks';
import { segmentsInFrame, TOUCH_M } from './footprint-distance';
import { polygonsContain, type FootprintSegments } from './footprint-geometry';
import { degreesFor } from './geodesy';
import { toLocal, type LsoaIndex } from './lsoa-index';
import { MICRODEGREES } from './lsoa-geometry';
import { capsuleRegion, COARSE_SCANLINES, polygonRegion, scanShare, unionRegion, type ScanRegion } from './scanline-overlap';
import type { LonLat } from './scheme';

/** Shares are compared with this much slack for floating-point rounding (an LSOA wholly inside meets share:1). */
export const SHARE_EPSILON = 1e-9;
/** A coarse share this far from the threshold is certain (its error is far smaller). */
const COARSE_MARGIN = 0.05;

/**
 * The share rule for a route or area (buffered or not): the LSOA's area inside the footprint,
 * measured by scanlines in the LSOA's frame (src/core/scanline-overlap.ts), against its area.
 */
export function coverShareByScan(
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
