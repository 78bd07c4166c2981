// Coverage analysis speed on all 33,755 LSOAs: seeded random points (half with a 400–2,000 m
// catchment), the real Trafford bus routes (400 m) and 200 random polygons, under each rule.
// The baseline, measured in the same run, is brute-force Turf (every scheme against every LSOA,
// no index) on a sample of schemes, extrapolated to the whole set.

import fs from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import booleanIntersects from '@turf/boolean-intersects';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import buffer from '@turf/buffer';
import circle from '@turf/circle';
import { featureCollection, multiLineString, point } from '@turf/helpers';
import intersect from '@turf/intersect';
import pointToPolygonDistance from '@turf/point-to-polygon-distance';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { computeCoverage } from '../src/core/coverage';
import { lsoaIndexOf } from '../src/core/lsoa-index';
import type { LsoaGeometry } from '../src/core/lsoa-geometry';
import type { CoverageRule, LonLat, Scheme } from '../src/core/scheme';
import { decodeGeometry, lsoaToGeoJson } from '../src/data/geometry-format';

/** Park–Miller: the same schemes every run, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
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
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: { ServiceID?: string }; geometry: { type: string; coordinates: unknown } }[] };
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

/** The scheme sets the bench measures, the same every run. */
export function benchSchemeSets(geometry: LsoaGeometry, sharedData: string): [string, Scheme[]][] {
  return [
    ['1k points', randomPoints(geometry, 1_000, 1)],
    ['10k points', randomPoints(geometry, 10_000, 2)],
    ['100k points', randomPoints(geometry, 100_000, 3)],
    ['Trafford routes (400 m)', traffordRoutes(sharedData)],
    ['200 polygons', randomPolygons(geometry, 200, 4)],
  ];
}

/** Brute-force Turf: one scheme against every LSOA, no index. Returns the covered count. */
function bruteForceScheme(scheme: Scheme, rule: CoverageRule, lsoas: Feature<Polygon | MultiPolygon>[]): number {
  const footprint = scheme.footprint;
  let count = 0;
  if (footprint.type === 'point') {
    const at = point(footprint.point);
    const disc = footprint.radiusM > 0 && rule.kind === 'share' ? circle(at, footprint.radiusM, { units: 'meters', steps: 128 }) : null;
    for (const lsoa of lsoas) {
      if (disc && rule.kind === 'share') {
        const overlap = intersect(featureCollection([lsoa, disc]));
        if (overlap && area(overlap) >= rule.share * area(lsoa)) count++;
      } else if (booleanPointInPolygon(at, lsoa) || pointToPolygonDistance(at, lsoa, { units: 'meters' }) <= footprint.radiusM) {
        count++;
      }
    }
  } else if (footprint.type === 'line') {
    const line = multiLineString(footprint.lines);
    const shape = buffer(line, footprint.bufferM, { units: 'meters' });
    for (const lsoa of lsoas) if (shape && booleanIntersects(shape, lsoa)) count++;
  } else if (footprint.type === 'polygon') {
    const shape = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: footprint.polygons } } as Feature<MultiPolygon>;
    for (const lsoa of lsoas) {
      const overlap = booleanIntersects(shape, lsoa) ? intersect(featureCollection([lsoa, shape])) : null;
      if (overlap && area(overlap) > 1) count++;
    }
  }
  return count;
}

function timeBruteForce(schemes: Scheme[], rule: CoverageRule, lsoas: Feature<Polygon | MultiPolygon>[], sample: number): number {
  const step = Math.max(1, Math.floor(schemes.length / sample));
  const picked = schemes.filter((_, i) => i % step === 0).slice(0, sample);
  const start = performance.now();
  for (const scheme of picked) bruteForceScheme(scheme, rule, lsoas);
  return ((performance.now() - start) / picked.length) * schemes.length;
}

export async function benchCoverage(dataDir: string, sharedData: string): Promise<Record<string, unknown>> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as { files: { geometry: string } };
  const decoded = decodeGeometry(fs.readFileSync(path.join(dataDir, manifest.files.geometry)));
  if (!decoded.ok) throw new Error(decoded.message);
  const geometry = decoded.geometry;
  const indexStart = performance.now();
  lsoaIndexOf(geometry);
  const indexMs = performance.now() - indexStart;
  const lsoaFeatures = Array.from(
    { length: geometry.count },
    (_, i) => ({ type: 'Feature', properties: {}, geometry: lsoaToGeoJson(geometry, i) }) as Feature<Polygon | MultiPolygon>,
  );
  const areas = { lsoasOf: () => undefined };

  const sets = benchSchemeSets(geometry, sharedData);
  const rules: CoverageRule[] = [{ kind: 'intersects' }, { kind: 'centroid' }, { kind: 'share', share: 0.5 }];
  const rows: Record<string, unknown>[] = [];
  for (const [name, schemes] of sets) {
    for (const rule of rules) {
      const start = performance.now();
      const result = computeCoverage({ lsoas: geometry, schemes, rule, areas });
      const ms = performance.now() - start;
      const row: Record<string, unknown> = {
        schemes: name,
        rule: rule.kind === 'share' ? `share:${rule.share}` : rule.kind,
        ms: Math.round(ms),
        pairs: result.lsoaSchemes.length,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      // Brute force on a sample: intersects for every set, share for the 10k points.
      if (rule.kind === 'intersects' || (rule.kind === 'share' && name === '10k points')) {
        const sample = name.includes('points') ? 4 : 3;
        const bruteMs = timeBruteForce(schemes, rule, lsoaFeatures, sample);
        row.bruteForceTurfMsEstimated = Math.round(bruteMs);
        row.speedupVsTurf = Math.round(bruteMs / ms);
      }
      rows.push(row);
      console.log(row);
    }
  }
  return { lsoas: geometry.count, indexBuildMs: Math.round(indexMs), runs: rows };
}
