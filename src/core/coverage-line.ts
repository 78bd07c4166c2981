// Which LSOAs a route (lines with a buffer) reaches under each rule.

import type { CoverageRule } from './coverage-rule';
import type { Marks } from './coverage-marks';
import { coverShareByScan } from './coverage-share';
import { boundaryToSegmentsM, lineStartsInside, pointToSegmentsM, TOUCH_M } from './footprint-distance';
import { segmentsOf } from './footprint-geometry';
import { degreesFor } from './geodesy';
import type { LsoaIndex } from './lsoa-index';
import { MICRODEGREES } from './lsoa-geometry';
import type { LonLat } from './scheme';

export function coverLine(index: LsoaIndex, lines: LonLat[][], bufferM: number, rule: CoverageRule, marks: Marks): void {
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
