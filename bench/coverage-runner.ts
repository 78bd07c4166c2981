// The indexed coverage core on all LSOAs, as the bench's child process runs it: bundled the way
// the app's worker ships (bench/coverage.ts builds it with Vite), alone in its process so its peak
// memory is its own. Prints one JSON object: index build time, then per scheme set and rule the
// time of the first run (code not yet optimised by the JIT, as a user's first run) and the median
// of RUNS, the LSOA–scheme pairs found and the process's peak memory so far; and the time to
// measure nearest-scheme distances for LSOAs spread over England.
//
// Usage: node <bundle> <built data dir> <shared data dir>

import type { CoverageRule } from '../src/core/coverage-rule';
import fs from 'node:fs';
import path from 'node:path';
import { circle } from '@turf/turf';
import { lsoasOfArea } from '../src/core/area-lsoas';
import { areaStats } from '../src/core/area-stats';
import { allocateAmounts } from '../src/core/allocate';
import { computeCoverage } from '../src/core/coverage';
import { runFigures } from '../src/core/run-figures';
import { lsoaIndexOf } from '../src/core/lsoa-index';
import { nearestFootprintKm } from '../src/core/nearest';

import { decodeGeometry } from '../src/data/geometry-format';
import { benchSchemeSets } from './coverage-sets';

const [dataDir, sharedData] = process.argv.slice(2);
if (!dataDir || !sharedData) throw new Error('usage: coverage-runner <built data dir> <shared data dir>');
const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as { files: { geometry: string; attributes: string } };
const decoded = decodeGeometry(fs.readFileSync(path.join(dataDir, manifest.files.geometry)));
if (!decoded.ok) throw new Error(decoded.message);
const geometry = decoded.geometry;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const rssBeforeIndexMB = peakRssMB();
const indexStart = performance.now();
lsoaIndexOf(geometry);
const indexBuildMs = Math.round(performance.now() - indexStart);

const areas = { lsoasOf: () => undefined };
const population = (JSON.parse(fs.readFileSync(path.join(dataDir, manifest.files.attributes), 'utf8')) as { population: number[] }).population;
const rules: CoverageRule[] = [{ kind: 'intersects' }, { kind: 'centroid' }, { kind: 'share', share: 0.5 }];
const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sets = benchSchemeSets(geometry, sharedData);
const runs = [];
for (const { name, make } of sets) {
  const schemes = make();
  for (const rule of rules) {
    const times: number[] = [];
    let pairs = 0;
    let covered: Uint32Array[] = [];
    for (let k = 0; k < RUNS; k++) {
      const start = performance.now();
      const result = computeCoverage({ lsoas: geometry, schemes, rule, areas });
      times.push(performance.now() - start);
      pairs = result.lsoaSchemes.length;
      covered = result.covered;
    }
    // The step after coverage (which schemes count, allocation, each LSOA's reach: run-figures.ts),
    // against the allocation alone, which is what it replaced.
    const usable = schemes.map(() => true);
    const timed = (work: () => void) =>
      median(
        Array.from({ length: RUNS }, () => {
          const start = performance.now();
          work();
          return performance.now() - start;
        }),
      );
    const figuresMs = timed(() => runFigures({ schemes, covered, usable, population, areaWide: 'separate' }));
    const allocationOnlyMs = timed(() => allocateAmounts(covered, schemes, population));
    runs.push({
      schemes: name,
      rule: rule.kind === 'share' ? `share:${rule.share}` : rule.kind,
      firstMs: Math.round(times[0]!),
      ms: Math.round(median(times)),
      pairs,
      runFiguresMs: Number(figuresMs.toFixed(1)),
      allocationOnlyMs: Number(allocationOnlyMs.toFixed(1)),
      peakRssMB: peakRssMB(),
    });
  }
}

// The gap list's distances: 2,000 LSOAs spread over England to the nearest of each set.
const spread = Array.from({ length: 2000 }, (_, k) => Math.floor((k * geometry.count) / 2000));
const nearest = sets.map(({ name, make }) => {
  const schemes = make();
  const start = performance.now();
  nearestFootprintKm(
    geometry,
    spread,
    schemes,
    schemes.map(() => true),
    areas,
  );
  const ms = performance.now() - start;
  return { schemes: name, lsoas: spread.length, ms: Math.round(ms), msPerLsoa: Number((ms / spread.length).toFixed(3)) };
});

// A target area as the Areas panel asks for it on each edit (its LSOAs by the rule, then its
// figures): a 7 km circle round central Manchester, about 500 LSOAs.
const attributes = JSON.parse(fs.readFileSync(path.join(dataDir, manifest.files.attributes), 'utf8')) as {
  population: number[];
  deciles: { imd: string };
};
const deciles = Uint8Array.from(attributes.deciles.imd, (c) => (c === '0' ? 10 : Number(c)));
const targetArea = circle([-2.2426, 53.4808], 7, { units: 'kilometers', steps: 64 }).geometry.coordinates as [number, number][][];
const AREA_RUNS = 15;
const area = rules.map((rule) => {
  const times: number[] = [];
  let lsoas = 0;
  for (let k = 0; k < AREA_RUNS; k++) {
    const start = performance.now();
    const found = lsoasOfArea(geometry, [{ id: 'area', footprint: { type: 'polygon', polygons: [targetArea], bufferM: 0 } }], rule, areas);
    lsoas = areaStats(found.lsoas, attributes.population, deciles).lsoas;
    times.push(performance.now() - start);
  }
  return {
    rule: rule.kind === 'share' ? `share:${rule.share}` : rule.kind,
    lsoas,
    firstMs: Number(times[0]!.toFixed(1)),
    ms: Number(median(times).toFixed(1)),
  };
});

process.stdout.write(JSON.stringify({ lsoas: geometry.count, rssBeforeIndexMB, indexBuildMs, runs, nearest, area, targetArea, peakRssMB: peakRssMB() }));
