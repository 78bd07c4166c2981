// LSOAs' outlines as GeoJSON-style polygons (longitude, latitude in degrees), read from the flat
// geometry arrays: an area built from LSOAs is exported, or drawn, as exactly their outlines.

import { MICRODEGREES, type LsoaGeometry } from './lsoa-geometry';
import type { LonLat } from './scheme';

export function lsoaPolygons(geometry: LsoaGeometry, lsoas: Iterable<number>): LonLat[][][] {
  const polygons: LonLat[][][] = [];
  for (const lsoa of lsoas) {
    if (lsoa < 0 || lsoa >= geometry.count) continue;
    for (let p = geometry.polygonStart[lsoa]!; p < geometry.polygonStart[lsoa + 1]!; p++) {
      const rings: LonLat[][] = [];
      for (let r = geometry.ringStart[p]!; r < geometry.ringStart[p + 1]!; r++) {
        const ring: LonLat[] = [];
        for (let v = geometry.vertexStart[r]!; v < geometry.vertexStart[r + 1]!; v++) {
          ring.push([geometry.coords[v * 2]! / MICRODEGREES, geometry.coords[v * 2 + 1]! / MICRODEGREES]);
        }
        rings.push(ring);
      }
      polygons.push(rings);
    }
  }
  return polygons;
}
