// The summary of a coverage run on a tiny hand-made set of LSOAs, and the concentration index's
// hand-worked example from docs/coverage.md.

import { describe, expect, it } from 'vitest';
import { concentrationIndex } from '../../src/core/concentration-index';
import type { LsoaFigures } from '../../src/core/coverage-summary-types';
import { summarizeCoverage } from '../../src/core/summary';

// Eight LSOAs. Index: decile, rank, people, schemes reaching it, allocated £.
//   0: 1,   10, 1000, 1, 3000
//   1: 1,    5, 1500, 0,    0
//   2: 2,   40, 2000, 0,    0
//   3: 2,   30,  500, 2, 1000
//   4: 5,  500, 1200, 1, 1000
//   5: 10, 900,  800, 0,    0
//   6: 1,    1, 9999, 0,    0   (outside the scope)
//   7: 2,   35,    0, 0,    0   (no people)
const figures: LsoaFigures = {
  scope: [0, 1, 2, 3, 4, 5, 7],
  deciles: [1, 1, 2, 2, 5, 10, 1, 2],
  ranks: [10, 5, 40, 30, 500, 900, 1, 35],
  population: [1000, 1500, 2000, 500, 1200, 800, 9999, 0],
  count: [1, 0, 0, 2, 1, 0, 0, 0],
  allocatedGbp: [3000, 0, 0, 1000, 1000, 0, 0, 0],
};

describe('summarizeCoverage on a hand-made set', () => {
  const nearestAsked: number[][] = [];
  const summary = summarizeCoverage(figures, {
    gapDecile: 2,
    nearestKm: (lsoas) => {
      nearestAsked.push([...lsoas]);
      return Float64Array.from(lsoas, (i) => (i === 2 ? Infinity : i / 10));
    },
  });

  it('tabulates LSOAs, people, coverage and money by decile', () => {
    const [d1, d2, , , d5] = summary.deciles;
    expect(summary.deciles).toHaveLength(10);
    expect(d1).toEqual({
      decile: 1,
      lsoas: 2,
      people: 2500,
      coveredLsoas: 1,
      coveredPeople: 1000,
      shareLsoasCovered: 0.5,
      sharePeopleCovered: 0.4,
      allocatedGbp: 3000,
      gbpPerHead: 1.2,
    });
    expect(d2).toEqual({
      decile: 2,
      lsoas: 3,
      people: 2500,
      coveredLsoas: 1,
      coveredPeople: 500,
      shareLsoasCovered: 1 / 3,
      sharePeopleCovered: 0.2,
      allocatedGbp: 1000,
      gbpPerHead: 0.4,
    });
    expect(d5).toMatchObject({ lsoas: 1, people: 1200, coveredLsoas: 1, allocatedGbp: 1000, gbpPerHead: 1000 / 1200 });
    // A decile the scope does not reach has no shares, not 0%.
    expect(summary.deciles[2]).toMatchObject({ decile: 3, lsoas: 0, people: 0, shareLsoasCovered: null, sharePeopleCovered: null, gbpPerHead: null });
    expect(summary.deciles.reduce((n, row) => n + row.lsoas, 0)).toBe(figures.scope.length);
  });

  it('headlines the people in deciles 1–2 no scheme reaches', () => {
    expect(summary.headline).toEqual({
      definition: 'unreached',
      gapDecile: 2,
      lsoas: 5,
      people: 5000,
      peopleUncovered: 3500,
      shareUncovered: 0.7,
      gapLsoas: 3,
      gapPeople: 3500,
      shareInGaps: 0.7,
      reachCut: null,
      allEqual: false,
    });
  });

  it('lists the gaps most deprived first, with the distance to the nearest scheme', () => {
    expect(summary.gaps).toEqual([
      { index: 1, rank: 5, decile: 1, people: 1500, count: 0, services: 0, stops: 0, allocatedGbp: 0, nearestKm: 0.1 },
      { index: 7, rank: 35, decile: 2, people: 0, count: 0, services: 0, stops: 0, allocatedGbp: 0, nearestKm: 0.7 },
      { index: 2, rank: 40, decile: 2, people: 2000, count: 0, services: 0, stops: 0, allocatedGbp: 0, nearestKm: Infinity },
    ]);
    // Distances are asked once, for the gaps only.
    expect(nearestAsked).toEqual([[1, 7, 2]]);
  });

  it('compares the share of £ in deciles 1–2 with their share of people', () => {
    expect(summary.fairness).toMatchObject({ allocatedGbp: 5000, mostDeprivedDeciles: 2, shareOfGbp: 0.8, shareOfPeople: 5000 / 7000 });
    // By rank: 1 (1500, £0), 0 (1000, £3000), 3 (500, £1000), 7 (0), 2 (2000), 4 (1200, £1000), 5 (800).
    // R: 750/7000, 2000/7000, 2750/7000, -, -, 5600/7000, -. C = 2·(3000·2000 + 1000·2750 + 1000·5600)/(5000·7000) − 1.
    expect(summary.fairness.concentrationIndex).toBeCloseTo((2 * (3000 * 2000 + 1000 * 2750 + 1000 * 5600)) / (5000 * 7000) - 1, 12);
  });

  it('a wider gap decile widens the headline and the gap list', () => {
    const wide = summarizeCoverage(figures, { gapDecile: 10, nearestKm: (lsoas) => new Float64Array(lsoas.length) });
    expect(wide.headline).toMatchObject({ gapDecile: 10, people: 7000, peopleUncovered: 4300 });
    expect(wide.gaps.map((g) => g.index)).toEqual([1, 7, 2, 5]);
  });
});

describe('concentrationIndex', () => {
  it('reproduces the hand-worked example in docs/coverage.md exactly: −0.5', () => {
    const areas = [
      { rank: 1, people: 1000, gbp: 6000 },
      { rank: 2, people: 2000, gbp: 3000 },
      { rank: 3, people: 1000, gbp: 1000 },
      { rank: 4, people: 1000, gbp: 0 },
    ];
    expect(concentrationIndex(areas)).toBe(-0.5);
    // The same by the covariance formula: 2·cov_w(h, R)/μ_w with h = £ per head, weights = people.
    const W = 5000;
    const R = [0.1, 0.4, 0.7, 0.9];
    const h = areas.map((a) => a.gbp / a.people);
    const mu = areas.reduce((s, a, k) => s + a.people * h[k]!, 0) / W;
    const meanR = areas.reduce((s, a, k) => s + a.people * R[k]!, 0) / W;
    const cov = areas.reduce((s, a, k) => s + a.people * (h[k]! - mu) * (R[k]! - meanR), 0) / W;
    expect((2 * cov) / mu).toBeCloseTo(-0.5, 12);
    // Input order does not matter.
    expect(concentrationIndex([...areas].reverse())).toBe(-0.5);
  });

  it('is 0 when £ follows population, and tends to −1 / +1 when it all goes to one end', () => {
    expect(concentrationIndex([1, 2, 3].map((rank) => ({ rank, people: 100 * rank, gbp: 7 * rank })))).toBeCloseTo(0, 12);
    const many = Array.from({ length: 100 }, (_, k) => ({ rank: k + 1, people: 10, gbp: 0 }));
    many[0]!.gbp = 500;
    expect(concentrationIndex(many)).toBeCloseTo(-0.99, 12);
    many[0]!.gbp = 0;
    many[99]!.gbp = 500;
    expect(concentrationIndex(many)).toBeCloseTo(0.99, 12);
  });

  it('gives LSOAs sharing a rank the same fractional rank', () => {
    // Ranks 1, 1, 2: the tied pair sits at R = 0.25 whichever way round they are listed.
    const tied = [
      { rank: 1, people: 100, gbp: 100 },
      { rank: 1, people: 100, gbp: 0 },
      { rank: 2, people: 200, gbp: 0 },
    ];
    expect(concentrationIndex(tied)).toBe(-0.5);
    expect(concentrationIndex([tied[1]!, tied[0]!, tied[2]!])).toBe(-0.5);
  });

  it('is null with no money or no people', () => {
    expect(concentrationIndex([])).toBeNull();
    expect(concentrationIndex([{ rank: 1, people: 10, gbp: 0 }])).toBeNull();
    expect(concentrationIndex([{ rank: 1, people: 0, gbp: 10 }])).toBeNull();
  });
});
