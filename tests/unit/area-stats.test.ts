// A target area's figures on real data: an area of one district's LSOAs has the district's people
// and decile mix (as the coverage summary counts them for the district), and the schemes reaching
// it are those whose LSOAs fall in it.

import { describe, expect, it } from 'vitest';
import { allocateAmounts } from '../../src/core/allocate';
import { areaStats } from '../../src/core/area-stats';
import { computeCoverage } from '../../src/core/coverage';
import { resolveScopeRef } from '../../src/core/scope';
import { lsoasInScope } from '../../src/core/scope-lsoas';
import { summarizeCoverage } from '../../src/core/summary';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { decodeDeciles } from '../../src/data/schema';
import { builtData, hasBuiltData, TRAFFORD, trafford } from './built-data';
import fs from 'node:fs';

describe.skipIf(!hasBuiltData)('area statistics', () => {
  it('Trafford’s LSOAs as an area: the district’s people and decile mix; the routes reaching it', async () => {
    const data = await builtData();
    const { attributes } = data;
    const lsoas = lsoasInScope(attributes, attributes.lad, resolveScopeRef(attributes, { kind: 'lad', code: TRAFFORD })!);
    const deciles = decodeDeciles(attributes.deciles.imd!);
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('routes should read');
    const coverage = computeCoverage({
      lsoas: data.geometry,
      schemes: read.schemes,
      rule: { kind: 'centroid' },
      areas: buildAreaResolver(attributes, data.details, data.lookups),
    });
    const allocation = allocateAmounts(coverage.covered, read.schemes, attributes.population);
    const stats = areaStats(lsoas, attributes.population, deciles, { ...coverage, allocatedGbp: allocation.allocatedGbp });

    const summary = summarizeCoverage(
      {
        scope: lsoas,
        population: attributes.population,
        deciles,
        ranks: data.details.ranks.imd!,
        count: allocation.count,
        allocatedGbp: allocation.allocatedGbp,
      },
      { nearestKm: (list) => new Float64Array(list.length) },
    );
    expect(stats.lsoas).toBe(139);
    expect(stats.people).toBe(summary.deciles.reduce((sum, row) => sum + row.people, 0));
    expect(stats.peopleByDecile).toEqual(summary.deciles.map((row) => row.people));
    expect(stats.shareMostDeprived10).toBeCloseTo(summary.deciles[0]!.people / stats.people, 12);
    expect(stats.shareMostDeprived20).toBeCloseTo((summary.deciles[0]!.people + summary.deciles[1]!.people) / stats.people, 12);
    // The routes reaching Trafford: those covering at least one of its LSOAs.
    const inArea = new Set(lsoas);
    const expected = coverage.covered.map((list, s) => (list.some((lsoa) => inArea.has(lsoa)) ? s : -1)).filter((s) => s >= 0);
    expect(stats.schemesReaching).toEqual(expected);
    expect(stats.schemesReaching.length).toBeGreaterThan(0);
    expect(stats.allocatedGbp).toBe(0); // The routes give no amounts.
  });

  it('an empty area: nobody, no shares', () => {
    expect(areaStats([], [], [])).toEqual({
      lsoas: 0,
      people: 0,
      peopleByDecile: new Array(10).fill(0),
      shareMostDeprived10: null,
      shareMostDeprived20: null,
      schemesReaching: [],
      allocatedGbp: 0,
    });
  });
});
