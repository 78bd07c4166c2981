// Which LSOAs a point scheme (a venue, a stop with its catchment) reaches under each rule.

import type { CoverageRule } from './coverage-rule';
import type { Marks } from './coverage-marks';
import { SHARE_EPSILON } from './coverage-share';
import { representativeLocal, TOUCH_M } from './footprint-distance';
import { degreesFor } from './geodesy';
import { boundaryWithinLocal, circleOverlapArea, lsoaContainsLocal, toLocal, type LsoaIndex } from './lsoa-index';
import type { LonLat } from './scheme';

export function coverPoint(index: LsoaIndex, [lon, lat]: LonLat, radiusM: number, rule: CoverageRule, marks: Marks): void {
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
