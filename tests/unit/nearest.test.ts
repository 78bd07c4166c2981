// Nearest-scheme distances for the gap list, on real LSOAs across England against Turf's
// (spherical) distances: near and hundreds of kilometres away, catchments taken off, footprints
// lying wholly inside an LSOA, and footprints too far away to measure.

import fs from 'node:fs';
import { lineString, point, pointToLineDistance, pointToPolygonDistance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { nearestFootprintKm } from '../../src/core/nearest';
import type { LonLat, Scheme } from '../../src/core/scheme';
import { lsoaTurf, realData, routesPath } from './coverage-real-data';

const noAreas = { lsoasOf: () => undefined };
/** Turf measures on a sphere; the ellipsoid differs from it by up to about 0.3% over England. */
const SPHERE_TOLERANCE = 0.005;

const routes = JSON.parse(fs.readFileSync(routesPath, 'utf8')) as {
  features: { properties: { ServiceID?: string }; geometry: { type: string; coordinates: unknown } }[];
};
const firstRoute = routes.features[0]!;
const routeLines = (firstRoute.geometry.type === 'LineString' ? [firstRoute.geometry.coordinates] : firstRoute.geometry.coordinates) as LonLat[][];

function pointScheme(at: LonLat, radiusM: number): Scheme {
  return { id: 'p', name: 'point', kind: 'grant', footprint: { type: 'point', point: at, radiusM } };
}
const routeScheme: Scheme = { id: 'r', name: 'route', kind: 'transport', footprint: { type: 'line', lines: routeLines, bufferM: 400 } };

/** LSOAs spread over England: one every 2,000 in file order (Cornwall to Northumberland). */
function spread(count: number): number[] {
  return Array.from({ length: Math.floor(count / 2000) }, (_, k) => k * 2000);
}

/** Brute force: the smallest of every LSOA vertex to the route and every route vertex to the LSOA (no crossings this far away). */
function bruteRouteKm(lsoa: ReturnType<typeof lsoaTurf>): number {
  const line = lineString(routeLines.flat());
  const rings = lsoa.geometry.type === 'Polygon' ? lsoa.geometry.coordinates : lsoa.geometry.coordinates.flat();
  let best = Infinity;
  for (const ring of rings) for (const v of ring) best = Math.min(best, pointToLineDistance(point(v), line, { units: 'kilometers' }));
  for (const v of routeLines.flat()) best = Math.min(best, pointToPolygonDistance(point(v), lsoa, { units: 'kilometers' }));
  return best;
}

describe('nearestFootprintKm on real LSOAs', () => {
  const data = realData();
  const lsoas = spread(data.geometry.count);

  it('measures a point hundreds of km away as Turf does, to 0.5%', () => {
    const at: LonLat = [-2.3, 53.45]; // Trafford
    const km = nearestFootprintKm(data.geometry, lsoas, [pointScheme(at, 0)], [true], noAreas);
    lsoas.forEach((i, slot) => {
      const turf = pointToPolygonDistance(point(at), lsoaTurf(data.geometry, i), { units: 'kilometers' });
      expect(Math.abs(km[slot]! - turf) / turf, data.attributes.codes[i]).toBeLessThan(SPHERE_TOLERANCE);
    });
    expect(Math.max(...km)).toBeGreaterThan(200);
  });

  it('measures a real bus route, less its 400 m buffer, as Turf does, to 0.5%', () => {
    const km = nearestFootprintKm(data.geometry, lsoas, [routeScheme], [true], noAreas);
    lsoas.forEach((i, slot) => {
      const turf = bruteRouteKm(lsoaTurf(data.geometry, i)) - 0.4;
      expect(Math.abs(km[slot]! - turf) / (turf + 0.4), data.attributes.codes[i]).toBeLessThan(SPHERE_TOLERANCE);
    });
  });

  it('takes a catchment off the distance, down to 0 when it reaches the LSOA', () => {
    const i = lsoas[3]!;
    const at: LonLat = [-2.3, 53.45];
    const [bare, withCatchment] = [0, 2000].map((radius) => nearestFootprintKm(data.geometry, [i], [pointScheme(at, radius)], [true], noAreas)[0]!);
    expect(withCatchment).toBeCloseTo(bare! - 2, 6);
    const reaching = nearestFootprintKm(data.geometry, [i], [pointScheme(at, bare! * 1000 + 10)], [true], noAreas)[0]!;
    expect(reaching).toBe(0);
  });

  it('gives 0 for a footprint wholly inside the LSOA, and the nearest of several schemes', () => {
    const i = lsoas[5]!;
    const inside: LonLat = [data.geometry.points[i * 2]! / 1e6, data.geometry.points[i * 2 + 1]! / 1e6];
    const far = pointScheme([-2.3, 53.45], 0);
    expect(nearestFootprintKm(data.geometry, [i], [far, pointScheme(inside, 0)], [true, true], noAreas)[0]).toBe(0);
    // An unusable scheme is not measured.
    expect(nearestFootprintKm(data.geometry, [i], [far, pointScheme(inside, 0)], [true, false], noAreas)[0]).toBeGreaterThan(0);
  });

  it('leaves out footprints far outside Great Britain (no distance rather than a wrong one)', () => {
    const km = nearestFootprintKm(data.geometry, [lsoas[0]!], [pointScheme([151.2, -33.9], 0)], [true], noAreas);
    expect(km[0]).toBe(Infinity);
  });
});
