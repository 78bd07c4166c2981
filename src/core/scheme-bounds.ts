// The box around a set of schemes, so the map can fit what was just imported: each footprint with
// its catchment or buffer, and schemes that name areas by the representative points of their LSOAs.

import type { AreaResolver } from './coverage-types';
import { MICRODEGREES, type LsoaGeometry } from './lsoa-geometry';
import type { Bounds } from './scope';
import type { LonLat, Scheme } from './scheme';

const METRES_PER_DEGREE = 111_320;

export function schemesBounds(schemes: readonly Scheme[], geometry: Pick<LsoaGeometry, 'points'>, areas: AreaResolver): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const add = ([lon, lat]: LonLat, metres = 0) => {
    const dLat = metres / METRES_PER_DEGREE;
    const dLon = metres / (METRES_PER_DEGREE * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
    west = Math.min(west, lon - dLon);
    east = Math.max(east, lon + dLon);
    south = Math.min(south, lat - dLat);
    north = Math.max(north, lat + dLat);
  };
  const seen = new Set<string>();
  for (const scheme of schemes) {
    const footprint = scheme.footprint;
    switch (footprint.type) {
      case 'point':
        add(footprint.point, footprint.radiusM);
        break;
      case 'line':
        for (const line of footprint.lines) for (const at of line) add(at, footprint.bufferM);
        break;
      case 'polygon':
        for (const polygon of footprint.polygons) for (const at of polygon[0] ?? []) add(at, footprint.bufferM);
        break;
      case 'areas':
        for (const area of footprint.areas) {
          const key = `${area.kind}:${area.code}`;
          if (seen.has(key)) continue;
          seen.add(key);
          for (const lsoa of areas.lsoasOf(area.kind, area.code) ?? []) {
            add([geometry.points[lsoa * 2]! / MICRODEGREES, geometry.points[lsoa * 2 + 1]! / MICRODEGREES]);
          }
        }
        break;
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
