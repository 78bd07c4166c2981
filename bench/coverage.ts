// Coverage analysis speed and memory on all 33,755 LSOAs, for the scheme sets of
// bench/coverage-sets.ts under each rule. The indexed core runs in a child process, bundled as the
// worker ships (bench/coverage-runner.ts). The baseline, measured in the same run, is brute-force
// Turf (every scheme against every LSOA, no index) on a sample of schemes, extrapolated to the
// whole set.

import type { CoverageRule } from '../src/core/coverage-rule';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  area,
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  circle,
  featureCollection,
  intersect,
  multiLineString,
  point,
  pointToPolygonDistance,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Scheme } from '../src/core/scheme';
import { decodeGeometry, lsoaToGeoJson } from '../src/data/geometry-format';
import { bundleRunner } from './bundle-runner';
import { benchSchemeSets } from './coverage-sets';

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

interface RunnerOutput {
  lsoas: number;
  rssBeforeIndexMB: number;
  indexBuildMs: number;
  runs: { schemes: string; rule: string; firstMs: number; ms: number; pairs: number; runFiguresMs: number; allocationOnlyMs: number; peakRssMB: number }[];
  nearest: unknown[];
  area: { rule: string; lsoas: number; firstMs: number; ms: number }[];
  targetArea: [number, number][][];
  peakRssMB: number;
}

export async function benchCoverage(dataDir: string, sharedData: string): Promise<Record<string, unknown>> {
  const bundle = await bundleRunner('coverage-runner');
  const child = spawnSync(process.execPath, [bundle, dataDir, sharedData], { encoding: 'utf8', maxBuffer: 1 << 24 });
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`coverage runner failed:\n${child.stderr}`);
  const indexed = JSON.parse(child.stdout) as RunnerOutput;
  for (const run of indexed.runs) console.log(run);

  // Brute-force Turf in this process, on a sample of each set, for the ratio.
  const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as { files: { geometry: string } };
  const decoded = decodeGeometry(fs.readFileSync(path.join(dataDir, manifest.files.geometry)));
  if (!decoded.ok) throw new Error(decoded.message);
  const geometry = decoded.geometry;
  const lsoaFeatures = Array.from(
    { length: geometry.count },
    (_, i) => ({ type: 'Feature', properties: {}, geometry: lsoaToGeoJson(geometry, i) }) as Feature<Polygon | MultiPolygon>,
  );
  const sets = new Map(benchSchemeSets(geometry, sharedData).map(({ name, make }) => [name, make]));
  const rows = indexed.runs.map((run): Record<string, unknown> => {
    const row: Record<string, unknown> = { ...run };
    // Brute force on a sample: intersects for every set, share for the 10k points.
    if (run.rule === 'intersects' || (run.rule === 'share:0.5' && run.schemes === '10k points')) {
      const schemes = sets.get(run.schemes)!();
      const rule: CoverageRule = run.rule === 'intersects' ? { kind: 'intersects' } : { kind: 'share', share: 0.5 };
      const bruteMs = timeBruteForce(schemes, rule, lsoaFeatures, run.schemes.includes('points') ? 4 : 3);
      row.bruteForceTurfMsEstimated = Math.round(bruteMs);
      row.speedupVsTurf = Math.round(bruteMs / Math.max(run.ms, 1));
      console.log(row);
    }
    return row;
  });
  // A target area (~500 LSOAs), as each edit in the Areas panel asks: indexed vs brute-force Turf.
  const areaScheme: Scheme = { id: 'area', name: 'area', kind: 'other', footprint: { type: 'polygon', polygons: [indexed.targetArea], bufferM: 0 } };
  const area = indexed.area.map((run) => {
    const rule: CoverageRule =
      run.rule === 'intersects' ? { kind: 'intersects' } : run.rule === 'centroid' ? { kind: 'centroid' } : { kind: 'share', share: 0.5 };
    const row: Record<string, unknown> = { targetArea: '7 km circle, central Manchester', ...run, targetMs: 100 };
    if (rule.kind === 'intersects') {
      const bruteMs = timeBruteForce([areaScheme], rule, lsoaFeatures, 1);
      row.bruteForceTurfMs = Math.round(bruteMs);
      row.speedupVsTurf = Math.round(bruteMs / Math.max(run.ms, 1));
    }
    console.log(row);
    return row;
  });
  return {
    lsoas: indexed.lsoas,
    area,
    indexBuildMs: indexed.indexBuildMs,
    rssBeforeIndexMB: indexed.rssBeforeIndexMB,
    peakRssMB: indexed.peakRssMB,
    runs: rows,
    nearest: indexed.nearest,
  };
}
