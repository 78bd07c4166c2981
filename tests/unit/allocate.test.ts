// Allocation of each scheme's amount over the LSOAs it reaches, by population: by hand, then on
// real data (the TfGM Trafford routes run through the coverage core, and whole regions).

import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateAmounts, schemeIdsAt } from '../../src/core/allocate';
import { computeCoverage } from '../../src/core/coverage';
import type { Scheme } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import type { BuiltData } from '../../scripts/cli/read-built-data';
import { builtData, hasBuiltData, trafford } from './built-data';

const point = (id: string, amountGbp?: number): Scheme => ({
  id,
  name: id,
  kind: 'other',
  footprint: { type: 'point', point: [0, 0], radiusM: 0 },
  ...(amountGbp !== undefined ? { amountGbp } : {}),
});

describe('allocateAmounts by hand', () => {
  // Four LSOAs with 100, 300, 0 and 600 people.
  const population = [100, 300, 0, 600];

  it('shares by population, sums amounts, counts schemes', () => {
    const schemes = [point('a', 1000), point('b'), point('c', 90), point('d', 50)];
    const covered = [[0, 1], [1, 2], [2], []];
    const { count, amountGbp, allocatedGbp, schemeAllocatedGbp } = allocateAmounts(covered, schemes, population);
    expect([...count]).toEqual([1, 2, 2, 0]);
    // b has no amount: it counts but adds nothing.
    expect([...amountGbp]).toEqual([1000, 1000, 90, 0]);
    // a: 1000 × 100/400 and × 300/400; c reaches only an empty LSOA, which then takes it all.
    expect([...allocatedGbp]).toEqual([250, 750, 90, 0]);
    // d reaches nothing, so allocates nothing.
    expect([...schemeAllocatedGbp]).toEqual([1000, 0, 90, 0]);
  });

  it('splits equally when none of the LSOAs reached has people', () => {
    const { allocatedGbp } = allocateAmounts([[2, 4, 5]], [point('a', 99)], [10, 10, 0, 10, 0, 0]);
    expect([...allocatedGbp]).toEqual([0, 0, 33, 0, 33, 33]);
  });

  it('treats a negative or non-finite amount as none', () => {
    const { allocatedGbp, amountGbp } = allocateAmounts([[0], [0]], [point('a', -5), point('b', NaN)], [10]);
    expect([...allocatedGbp]).toEqual([0]);
    expect([...amountGbp]).toEqual([0]);
  });
});

describe.skipIf(!hasBuiltData)('allocateAmounts on real data', () => {
  let data: BuiltData;
  beforeAll(async () => {
    data = await builtData();
  });

  const expectEachSchemeSumsToItsAmount = (covered: readonly Uint32Array[], schemes: readonly Scheme[], allocated: Float64Array) => {
    const population = data.attributes.population;
    let expectedTotal = 0;
    schemes.forEach((scheme, s) => {
      const lsoas = covered[s]!;
      if (lsoas.length === 0) return;
      // Re-derive this scheme's part alone and check it adds back up to its amount.
      const alone = allocateAmounts([lsoas], [scheme], population).allocatedGbp;
      let sum = 0;
      for (const i of lsoas) sum += alone[i]!;
      expect(Math.abs(sum - scheme.amountGbp!), scheme.id).toBeLessThanOrEqual(scheme.amountGbp! * 1e-12);
      expectedTotal += scheme.amountGbp!;
    });
    const total = allocated.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - expectedTotal)).toBeLessThanOrEqual(expectedTotal * 1e-12);
  };

  it('the 407 Trafford bus routes: every route’s amount is shared out exactly over the LSOAs it reaches', () => {
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('routes refused');
    // Give each route an awkward amount, so rounding would show.
    const schemes = read.schemes.map((s, k) => ({ ...s, amountGbp: 1234.57 * (k + 1) + 0.01 }));
    const areas = buildAreaResolver(data.attributes, data.details, data.lookups);
    const coverage = computeCoverage({ lsoas: data.geometry, schemes, rule: { kind: 'intersects' }, areas });
    expect(coverage.problems).toEqual([]);
    const allocation = allocateAmounts(coverage.covered, schemes, data.attributes.population);
    expect(coverage.covered.every((lsoas) => lsoas.length > 0)).toBe(true);
    expectEachSchemeSumsToItsAmount(coverage.covered, schemes, allocation.allocatedGbp);

    // count and ids agree with the coverage lists.
    const someLsoa = coverage.covered[0]![0]!;
    const ids = schemeIdsAt(coverage, schemes, someLsoa);
    expect(ids.length).toBe(allocation.count[someLsoa]);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain(schemes[0]!.id);
  });

  it('one scheme per region: each LSOA gets amount × its people / the region’s people', () => {
    const areas = buildAreaResolver(data.attributes, data.details, data.lookups);
    const schemes: Scheme[] = data.attributes.regions.map((region, k) => ({
      id: region.code,
      name: region.name,
      kind: 'grant',
      amountGbp: 1_000_000 + k * 333_333.33,
      footprint: { type: 'areas', areas: [{ kind: 'region', code: region.code }] },
    }));
    const covered = schemes.map((s) => Uint32Array.from(areas.lsoasOf('region', s.id) ?? []));
    expect(covered.reduce((n, c) => n + c.length, 0)).toBe(data.attributes.count);
    const { allocatedGbp } = allocateAmounts(covered, schemes, data.attributes.population);
    expectEachSchemeSumsToItsAmount(covered, schemes, allocatedGbp);
    const london = schemes.findIndex((s) => s.name === 'London');
    const londonPeople = covered[london]!.reduce((sum, i) => sum + data.attributes.population[i]!, 0);
    const first = covered[london]![0]!;
    expect(allocatedGbp[first]).toBeCloseTo((schemes[london]!.amountGbp! * data.attributes.population[first]!) / londonPeople, 9);
  });
});
