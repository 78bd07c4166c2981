// Which LSOAs an area scheme (polygons, buffered or not) reaches under each rule.

import { area, bboxClip, featureCollection, intersect, multiPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CoverageRule } from './coverage-rule';
import type { Marks } from './coverage-marks';
import { coverShareByScan } from './coverage-share';
import {
  boundaryToSegmentsM,
  boxContains,
  distanceToPolygonM,
  footprintStartsInside,
  lsoaRingsInFootprint,
  pointToSegmentsM,
  TOUCH_M,
} from './footprint-distance';
import { polygonsContain, segmentsOf, type FootprintSegments } from './footprint-geometry';
import { degreesFor } from './geodesy';
import { distanceToBoundaryLocal, lsoaContainsLocal, lsoaPolygons, toLocal, type LsoaIndex } from './lsoa-index';
import { MICRODEGREES } from './lsoa-geometry';
import type { LonLat } from './scheme';

/** Overlaps smaller than this are slivers from rounding, not shared ground. */
const MIN_OVERLAP_M2 = 1;

export function coverPolygon(index: LsoaIndex, polygons: LonLat[][][], bufferM: number, rule: CoverageRule, marks: Marks): void {
  const footprint = segmentsOf(polygons.flat());
  const [w, s, e, n] = footprint.bbox;
  const { dLon, dLat } = degreesFor(bufferM + TOUCH_M, (s + n) / 2);
  const candidates = index.boxes.search(w - dLon, s - dLat, e + dLon, n + dLat);
  switch (rule.kind) {
    case 'intersects':
      for (const i of candidates) {
        if (marks.has(i)) continue;
        if (
          bufferM === 0 ? sharesGround(index, i, polygons, footprint) : distanceToPolygonM(index, i, polygons, footprint, bufferM, bufferM) <= bufferM + TOUCH_M
        )
          marks.add(i);
      }
      return;
    case 'centroid': {
      const points = index.geometry.points;
      for (const i of index.points.search(w - dLon, s - dLat, e + dLon, n + dLat)) {
        const lon = points[i * 2]! / MICRODEGREES;
        const lat = points[i * 2 + 1]! / MICRODEGREES;
        if (polygonsContain(polygons, lon, lat) || (bufferM > 0 && pointToSegmentsM(index, i, lon, lat, footprint, bufferM) <= bufferM)) marks.add(i);
      }
      return;
    }
    case 'share': {
      coverShareByScan(index, footprint, polygons, bufferM, rule.share, marks);
      return;
    }
  }
}

/**
 * Whether LSOA i and an unbuffered polygon footprint share ground (an overlap of positive area).
 * Touching along a border or at a corner does not count. Most cases are settled by interior
 * points; the rest by Turf's exact intersection.
 */
function sharesGround(index: LsoaIndex, i: number, polygons: LonLat[][][], footprint: FootprintSegments): boolean {
  const points = index.geometry.points;
  const repLon = points[i * 2]! / MICRODEGREES;
  const repLat = points[i * 2 + 1]! / MICRODEGREES;
  const toBoundary = boundaryToSegmentsM(index, i, footprint, 0);
  if (toBoundary > TOUCH_M) {
    // The boundaries never meet: they overlap only if a ring of one lies inside the other (an
    // LSOA round a hole of the footprint shares ground with it, though its centre may not).
    return polygonsContain(polygons, repLon, repLat) || footprintStartsInside(index, i, polygons) || lsoaRingsInFootprint(index, i, polygons) !== 'none';
  }
  // Boundaries meet. A point of one strictly inside the other proves shared ground; failing
  // that (borders that only run together), an exact overlap area decides.
  if (strictlyInsideFootprint(index, i, repLon, repLat, polygons, footprint)) return true;
  const { polygonStart, ringStart, vertexStart, coords } = index.geometry;
  const firstVertex = vertexStart[ringStart[polygonStart[i]!]!]!;
  const endVertex = vertexStart[ringStart[polygonStart[i + 1]!]!]!;
  for (let v = firstVertex; v < endVertex; v++) {
    if (strictlyInsideFootprint(index, i, coords[v * 2]! / MICRODEGREES, coords[v * 2 + 1]! / MICRODEGREES, polygons, footprint)) return true;
  }
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [lon, lat] of ring) {
        if (!boxContains(index, i, [lon, lat])) continue;
        const [x, y] = toLocal(index, i, lon, lat);
        if (lsoaContainsLocal(index, i, x, y) && distanceToBoundaryLocal(index, i, x, y) > TOUCH_M) return true;
      }
    }
  }
  return overlapAreaM2(index, i, multiPolygon(polygons)) > MIN_OVERLAP_M2;
}

/** Whether a point is inside the polygon footprint and not on (within TOUCH_M of) its boundary. */
function strictlyInsideFootprint(index: LsoaIndex, i: number, lon: number, lat: number, polygons: LonLat[][][], footprint: FootprintSegments): boolean {
  return polygonsContain(polygons, lon, lat) && pointToSegmentsM(index, i, lon, lat, footprint, TOUCH_M) > TOUCH_M;
}

function lsoaFeature(index: LsoaIndex, i: number): Feature<MultiPolygon> {
  return multiPolygon(lsoaPolygons(index, i));
}

/** Area (m²) of LSOA i inside a polygon shape, by Turf's intersection of the shape clipped to the LSOA's box. */
function overlapAreaM2(index: LsoaIndex, i: number, shape: Feature<Polygon | MultiPolygon>): number {
  const box = [index.bbox[i * 4]!, index.bbox[i * 4 + 1]!, index.bbox[i * 4 + 2]!, index.bbox[i * 4 + 3]!] as [number, number, number, number];
  const clipped = bboxClip(shape, box);
  const geometry = clipped.geometry as Polygon | MultiPolygon;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const usable = parts.filter((rings) => rings.length > 0 && rings[0]!.length >= 4);
  if (usable.length === 0) return 0;
  const overlap = intersect(featureCollection([lsoaFeature(index, i), multiPolygon(usable)]));
  return overlap ? area(overlap) : 0;
}
