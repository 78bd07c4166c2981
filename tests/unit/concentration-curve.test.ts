// The concentration curve of allocated £ (src/core/concentration-curve.ts): hand-worked examples,
// its agreement with the concentration index (C = 1 − 2 · area under the full curve), the
// down-sampling, and the curve the summary carries for real LSOAs with a seeded allocation.

import { beforeAll, describe, expect, it } from 'vitest';
import { areaUnderCurve, concentrationCurve, CURVE_POINTS, curveShareAt } from '../../src/core/concentration-curve';
import { concentrationIndex, type RankedArea } from '../../src/core/concentration-index';
import type { ConcentrationCurve, CoverageSummary, LsoaFigures } from '../../src/core/coverage-summary-types';
import { summarizeCoverage } from '../../src/core/summary';
import { decodeDeciles } from '../../src/data/schema';
import { builtData, hasBuiltData, TRAFFORD } from './built-data';
import { seededRandom } from './seeded-random';

const FULL = { maxPoints: Infinity };

function expectWellFormed(curve: ConcentrationCurve, maxPoints = CURVE_POINTS) {
  expect(curve.people.length).toBe(curve.gbp.length);
  expect(curve.people.length).toBeGreaterThanOrEqual(2);
  expect(curve.people.length).toBeLessThanOrEqual(maxPoints);
  expect([curve.people[0], curve.gbp[0]]).toEqual([0, 0]);
  expect([curve.people.at(-1), curve.gbp.at(-1)]).toEqual([1, 1]);
  for (let k = 1; k < curve.people.length; k++) {
    expect(curve.people[k]!).toBeGreaterThanOrEqual(curve.people[k - 1]!);
    expect(curve.gbp[k]!).toBeGreaterThanOrEqual(curve.gbp[k - 1]! - 1e-12);
  }
}

/** C from the curve: 1 − 2 · area under it. */
const indexFromCurve = (curve: ConcentrationCurve) => 1 - 2 * areaUnderCurve(curve);

describe('concentrationCurve, worked by hand', () => {
  it('is the diagonal when every LSOA gets the same £ per head', () => {
    const areas = [100, 300, 200, 400].map((people, k) => ({ rank: k + 1, people, gbp: 2.5 * people }));
    const curve = concentrationCurve(areas, FULL)!;
    expect(curve.people).toEqual([0, 0.1, 0.4, 0.6, 1]);
    curve.gbp.forEach((y, k) => expect(y).toBeCloseTo(curve.people[k]!, 15));
    expect(indexFromCurve(curve)).toBeCloseTo(0, 15);
    expect(concentrationIndex(areas)).toBeCloseTo(0, 15);
  });

  it('rises to 1 at the most deprived LSOA’s share of people when it gets all the money', () => {
    const areas = [
      { rank: 3, people: 1000, gbp: 0 },
      { rank: 1, people: 1000, gbp: 5000 },
      { rank: 2, people: 2000, gbp: 0 },
      { rank: 4, people: 1000, gbp: 0 },
    ];
    const curve = concentrationCurve(areas, FULL)!;
    expect(curve).toEqual({ people: [0, 0.2, 0.6, 0.8, 1], gbp: [0, 1, 1, 1, 1] });
    expect(curveShareAt(curve, 0.1)).toBeCloseTo(0.5, 15);
    expect(curveShareAt(curve, 0.2)).toBe(1);
    // C = 1 − 2 · (0.2 · 0.5 + 0.8 · 1) = −0.8, which is 2 · 0.1 − 1 by the index's formula.
    expect(indexFromCurve(curve)).toBeCloseTo(-0.8, 15);
    expect(concentrationIndex(areas)).toBeCloseTo(-0.8, 15);
    // Read off at every 10% of people: a straight rise to 1 at 20%, then flat.
    expect([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((x) => curveShareAt(curve, x))).toEqual([0, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Down-sampled to 3 points, it is read at 0, 50% and 100% of people.
    expect(concentrationCurve(areas, { maxPoints: 3 })).toEqual({ people: [0, 0.5, 1], gbp: [0, 1, 1] });
  });

  it('draws the worked example of docs/coverage.md, whose index is −0.5', () => {
    const areas = [
      { rank: 1, people: 1000, gbp: 6000 },
      { rank: 2, people: 2000, gbp: 3000 },
      { rank: 3, people: 1000, gbp: 1000 },
      { rank: 4, people: 1000, gbp: 0 },
    ];
    const curve = concentrationCurve(areas)!;
    expect(curve.people).toEqual([0, 0.2, 0.6, 0.8, 1]);
    expect(curve.gbp[1]).toBeCloseTo(0.6, 15);
    expect(curve.gbp[2]).toBeCloseTo(0.9, 15);
    expect(curve.gbp[3]).toBeCloseTo(1, 15);
    // Area = 0.2·0.3 + 0.4·0.75 + 0.2·0.95 + 0.2·1 = 0.75, so C = 1 − 1.5.
    expect(areaUnderCurve(curve)).toBeCloseTo(0.75, 15);
    expect(indexFromCurve(curve)).toBeCloseTo(-0.5, 15);
    expect(curveShareAt(curve, 0.4)).toBeCloseTo(0.75, 15);
  });

  it('groups tied ranks into one straight segment, whatever their order', () => {
    const areas = [
      { rank: 1, people: 1000, gbp: 6000 },
      { rank: 1, people: 1000, gbp: 0 },
      { rank: 2, people: 2000, gbp: 4000 },
    ];
    const curve = concentrationCurve(areas)!;
    expect(curve.people).toEqual([0, 0.5, 1]);
    expect(curve.gbp).toEqual([0, 0.6, 1]);
    expect(concentrationCurve([areas[1]!, areas[2]!, areas[0]!])).toEqual(curve);
    expect(indexFromCurve(curve)).toBeCloseTo(concentrationIndex(areas)!, 15);
  });

  it('steps straight up for money reaching LSOAs with no people', () => {
    const areas = [
      { rank: 1, people: 0, gbp: 500 },
      { rank: 2, people: 500, gbp: 0 },
      { rank: 3, people: 0, gbp: 500 },
      { rank: 4, people: 500, gbp: 0 },
    ];
    const curve = concentrationCurve(areas)!;
    expect(curve).toEqual({ people: [0, 0, 0.5, 0.5, 1], gbp: [0, 0.5, 0.5, 1, 1] });
    expect(curveShareAt(curve, 0)).toBe(0);
    expect(curveShareAt(curve, 0.5)).toBe(1); // the top of the step
    expect(curveShareAt(curve, 0.25)).toBe(0.5);
    expect(indexFromCurve(curve)).toBeCloseTo(concentrationIndex(areas)!, 15);
  });

  it('is null when there are no people or no money, as the index is', () => {
    expect(concentrationCurve([])).toBeNull();
    expect(concentrationCurve([{ rank: 1, people: 10, gbp: 0 }])).toBeNull();
    expect(concentrationCurve([{ rank: 1, people: 0, gbp: 10 }])).toBeNull();
  });
});

describe('concentrationCurve, down-sampled', () => {
  const random = seededRandom(20250401);
  const areas: RankedArea[] = Array.from({ length: 5000 }, (_, k) => {
    const people = 1000 + Math.floor(random() * 2000);
    // More money per head in the more deprived, with noise and some LSOAs left out.
    const gbp = random() < 0.3 ? 0 : people * (3 - (2 * k) / 5000) * random();
    return { rank: k < 40 ? 1 : k + 1, people, gbp };
  });
  const full = concentrationCurve(areas, FULL)!;
  const small = concentrationCurve(areas)!;

  it('agrees with the concentration index on the full curve (C = 1 − 2 · area)', () => {
    expectWellFormed(full, Infinity);
    expect(full.people).toHaveLength(5000 - 40 + 1 + 1); // 40 tied LSOAs make one group, plus (0,0)
    expect(Math.abs(indexFromCurve(full) - concentrationIndex(areas)!)).toBeLessThan(1e-9);
    expect(concentrationIndex(areas)!).toBeLessThan(0);
  });

  it('keeps at most 101 points, every 1% of people, read off the full curve', () => {
    expectWellFormed(small);
    expect(small.people).toHaveLength(CURVE_POINTS);
    small.people.forEach((x, k) => expect(x).toBe(k / 100));
    small.gbp.forEach((y, k) => expect(y).toBe(curveShareAt(full, k / 100)));
    // Straight lines between points 1% apart lose little of the area.
    expect(Math.abs(areaUnderCurve(small) - areaUnderCurve(full))).toBeLessThan(1e-4);
  });

  it('keeps a short curve whole, and honours a smaller limit', () => {
    const few = areas.slice(0, 60);
    expect(concentrationCurve(few)).toEqual(concentrationCurve(few, FULL));
    const five = concentrationCurve(areas, { maxPoints: 5 })!;
    expect(five.people).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expectWellFormed(five, 5);
  });
});

describe.skipIf(!hasBuiltData)('the summary’s concentration curve on the real LSOAs', () => {
  let figures: LsoaFigures;
  let england: CoverageSummary;
  let traffordScope: number[];

  beforeAll(async () => {
    const data = await builtData();
    const { attributes, details } = data;
    const random = seededRandom(7);
    const population = attributes.population;
    const deciles = decodeDeciles(attributes.deciles.imd!);
    // A seeded allocation over the real LSOAs: about 60% reached, £ per head falling with the
    // IMD decile (about £30 in decile 1 to £3 in decile 10), with noise.
    const allocatedGbp = new Float64Array(population.length);
    const count = new Uint8Array(population.length);
    for (let i = 0; i < population.length; i++) {
      if (random() < 0.6) {
        count[i] = 1;
        allocatedGbp[i] = population[i]! * (33 - 3 * deciles[i]!) * (0.5 + random());
      }
    }
    const scope = Array.from({ length: population.length }, (_, i) => i);
    figures = { scope, population, deciles, ranks: details.ranks.imd!, count, allocatedGbp };
    england = summarizeCoverage(figures, { nearestKm: (lsoas) => new Float64Array(lsoas.length) });
    const lad = attributes.lads.findIndex((l) => l.code === TRAFFORD);
    traffordScope = scope.filter((i) => attributes.lad[i] === lad);
  });

  const areasOf = (scope: readonly number[]): RankedArea[] =>
    scope.map((i) => ({ rank: figures.ranks[i]!, people: figures.population[i]!, gbp: figures.allocatedGbp[i]! }));

  it('is carried in the fairness figures, at most 101 points from (0,0) to (1,1)', () => {
    const curve = england.fairness.concentrationCurve!;
    expectWellFormed(curve);
    expect(curve.people).toHaveLength(CURVE_POINTS);
    // The money leans towards the deprived: the curve is above the line of equality, C < 0.
    expect(england.fairness.concentrationIndex!).toBeLessThan(-0.2);
    curve.gbp.slice(1, -1).forEach((y, k) => expect(y).toBeGreaterThan(curve.people[k + 1]!));
  });

  it('agrees with the concentration index on the full curve, within 1e-9', () => {
    for (const scope of [figures.scope, traffordScope]) {
      const areas = areasOf(scope);
      const full = concentrationCurve(areas, FULL)!;
      expectWellFormed(full, Infinity);
      expect(Math.abs(indexFromCurve(full) - concentrationIndex(areas)!)).toBeLessThan(1e-9);
    }
    expect(Math.abs(indexFromCurve(concentrationCurve(areasOf(figures.scope), FULL)!) - england.fairness.concentrationIndex!)).toBeLessThan(1e-9);
  });

  it('passes through each decile boundary at the share of £ the decile table gives', () => {
    // Nationally, deciles 1..d are the most deprived LSOAs by rank, so the curve at their share of
    // people is their share of the money.
    const full = concentrationCurve(areasOf(figures.scope), FULL)!;
    const small = england.fairness.concentrationCurve!;
    const totalPeople = england.deciles.reduce((sum, row) => sum + row.people, 0);
    let people = 0;
    let gbp = 0;
    for (const row of england.deciles) {
      people += row.people;
      gbp += row.allocatedGbp;
      expect(Math.abs(curveShareAt(full, people / totalPeople) - gbp / england.fairness.allocatedGbp)).toBeLessThan(1e-9);
      expect(Math.abs(curveShareAt(small, people / totalPeople) - gbp / england.fairness.allocatedGbp)).toBeLessThan(2e-3);
    }
  });

  it('is drawn over the scope’s LSOAs only, for a district', () => {
    const summary = summarizeCoverage({ ...figures, scope: traffordScope }, { nearestKm: (lsoas) => new Float64Array(lsoas.length) });
    const curve = summary.fairness.concentrationCurve!;
    expectWellFormed(curve);
    expect(curve).toEqual(concentrationCurve(areasOf(traffordScope)));
    expect(Math.abs(indexFromCurve(concentrationCurve(areasOf(traffordScope), FULL)!) - summary.fairness.concentrationIndex!)).toBeLessThan(1e-9);
  });
});
