// The scheme sets the coverage bench measures, the same every run (seeded): random points (half
// with a 400–2,000 m catchment) and polygons on real LSOAs, and the real Trafford bus routes.

import fs from 'node:fs';
import path from 'node:path';
import type { LsoaGeometry } from '../src/core/lsoa-geometry';
import type { LonLat, Scheme } from '../src/core/scheme';

/** Park–Miller: the same schemes every run, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

const METRES_PER_DEGREE_LAT = 111_320;

function randomPoints(geometry: LsoaGeometry, count: number, seed: number): Scheme[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const lsoa = Math.floor(random() * geometry.count);
    const lon = geometry.points[lsoa * 2]! / 1e6 + (random() - 0.5) * 0.02;
    const lat = geometry.points[lsoa * 2 + 1]! / 1e6 + (random() - 0.5) * 0.012;
    return {
      id: `p${i}`,
      name: `point ${i}`,
      kind: 'grant',
      amountGbp: 1000,
      footprint: { type: 'point', point: [lon, lat], radiusM: i % 2 === 0 ? 0 : 400 + random() * 1600 },
    };
  });
}

function randomPolygons(geometry: LsoaGeometry, count: number, seed: number): Scheme[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const lsoa = Math.floor(random() * geometry.count);
    const lon0 = geometry.points[lsoa * 2]! / 1e6;
    const lat0 = geometry.points[lsoa * 2 + 1]! / 1e6;
    const radiusM = 300 + random() * 2700;
    const sides = 5 + Math.floor(random() * 8);
    const ring: LonLat[] = [];
    for (let k = 0; k < sides; k++) {
      const angle = (k / sides) * 2 * Math.PI;
      const r = radiusM * (0.6 + 0.4 * random());
      ring.push([
        lon0 + (r * Math.cos(angle)) / (METRES_PER_DEGREE_LAT * Math.cos((lat0 * Math.PI) / 180)),
        lat0 + (r * Math.sin(angle)) / METRES_PER_DEGREE_LAT,
      ]);
    }
    ring.push(ring[0]!);
    return { id: `poly${i}`, name: `area ${i}`, kind: 'community', footprint: { type: 'polygon', polygons: [[ring]], bufferM: 0 } };
  });
}

function traffordRoutes(sharedData: string): Scheme[] {
  const file = path.join(sharedData, 'transport', 'trafford_bus_routes_tfgm_2023.geojson');
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: { ServiceID?: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  return collection.features.map((feature, i) => ({
    id: feature.properties.ServiceID ?? String(i + 1),
    name: feature.properties.ServiceID ?? `route ${i + 1}`,
    kind: 'transport',
    footprint: {
      type: 'line',
      lines: (feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as LonLat[][],
      bufferM: 400,
    },
  }));
}

export interface SchemeSet {
  name: string;
  /** Makes the set (the same every time), so only the set being measured is in memory. */
  make: () => Scheme[];
}

/** The scheme sets the bench measures, the same every run. */
export function benchSchemeSets(geometry: LsoaGeometry, sharedData: string): SchemeSet[] {
  return [
    { name: '1k points', make: () => randomPoints(geometry, 1_000, 1) },
    { name: '10k points', make: () => randomPoints(geometry, 10_000, 2) },
    { name: '100k points', make: () => randomPoints(geometry, 100_000, 3) },
    { name: 'Trafford routes (400 m)', make: () => traffordRoutes(sharedData) },
    { name: '200 polygons', make: () => randomPolygons(geometry, 200, 4) },
  ];
}
