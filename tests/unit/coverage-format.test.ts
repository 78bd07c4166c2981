import { describeRule } from '../../src/core/coverage-rule';
import type { Headline } from '../../src/core/coverage-summary-types';
// The coverage panel's words and numbers, and the map's scheme and gap helpers.

import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { schemesToGeoJson } from '../../src/core/scheme-features';
import { schemeStats } from '../../src/data/dataset';
import { lsoaIdSetFilter } from '../../src/map/style';
import { describeSchemes, formatGbp, formatGbpPerHead, formatKm, formatPercent, headlineSentence, readSharePercent } from '../../src/ui/coverage-format';

/** A headline under the 'unreached' definition, as the core gives it. */
function unreached(h: Pick<Headline, 'gapDecile' | 'people' | 'peopleUncovered' | 'shareUncovered'>): Headline {
  return {
    definition: 'unreached',
    lsoas: h.people > 0 ? 1 : 0,
    gapLsoas: 0,
    gapPeople: h.peopleUncovered,
    shareInGaps: h.shareUncovered,
    reachCut: null,
    allEqual: false,
    ...h,
  };
}

describe('headline', () => {
  it('puts people before the percentage, with thousands separators', () => {
    expect(
      headlineSentence(unreached({ gapDecile: 2, people: 65_400, peopleUncovered: 41_200, shareUncovered: 0.63 }), { name: 'England', isEngland: true }),
    ).toBe('41,200 people in the most deprived 20% of England live in LSOAs no scheme reaches (63% of them).');
  });

  it('names the scope, and copes with nobody or one person', () => {
    expect(headlineSentence(unreached({ gapDecile: 2, people: 18_345, peopleUncovered: 0, shareUncovered: 0 }), { name: 'Trafford', isEngland: false })).toBe(
      'In Trafford, 0 people in the most deprived 20% of England live in LSOAs no scheme reaches (0% of them).',
    );
    expect(headlineSentence(unreached({ gapDecile: 1, people: 10, peopleUncovered: 1, shareUncovered: 0.1 }), { name: 'Rutland', isEngland: false })).toBe(
      'In Rutland, 1 person in the most deprived 10% of England lives in LSOAs no scheme reaches (10% of them).',
    );
    expect(headlineSentence(unreached({ gapDecile: 1, people: 0, peopleUncovered: 0, shareUncovered: null }), { name: 'Rutland', isEngland: false })).toBe(
      'Rutland has no LSOAs in the most deprived 10% of England, so no one there is in a gap.',
    );
  });
});

describe('numbers', () => {
  it('never rounds a part up to all or down to none', () => {
    expect(formatPercent(0.004)).toBe('<1%');
    expect(formatPercent(0.996)).toBe('>99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('–');
  });

  it('formats money and distances', () => {
    expect(formatGbp(1_234_567.8)).toBe('£1,234,568');
    expect(formatGbpPerHead(1.5)).toBe('£1.50');
    expect(formatGbpPerHead(null)).toBe('–');
    expect(formatKm(0.04)).toBe('0.0');
    expect(formatKm(12.345)).toBe('12.3');
    expect(formatKm(Infinity)).toBe('none');
    expect(formatKm(undefined)).toBe('…');
    expect(formatKm(NaN)).toBe('…');
  });

  it('reads the share rule as a percentage of the LSOA’s area', () => {
    expect(readSharePercent('50')).toEqual({ ok: true, share: 0.5 });
    expect(readSharePercent(' 12.5 % ')).toEqual({ ok: true, share: 0.125 });
    expect(readSharePercent('100')).toEqual({ ok: true, share: 1 });
    for (const bad of ['0', '101', 'half', '']) expect(readSharePercent(bad).ok).toBe(false);
    expect(describeRule({ kind: 'share', share: 0.125 })).toBe('Covers a share of the LSOA (at least 12.5%)');
  });
});

const schemes: Scheme[] = [
  { id: 'a', name: 'Stop', kind: 'other', footprint: { type: 'point', point: [-2.3, 53.4], radiusM: 200 } },
  {
    id: 'b',
    name: 'Route',
    kind: 'transport',
    footprint: {
      type: 'line',
      lines: [
        [
          [-2.3, 53.4],
          [-2.31, 53.41],
        ],
      ],
      bufferM: 400,
    },
  },
  { id: 'c', name: 'Estate', kind: 'community', footprint: { type: 'areas', areas: [{ kind: 'lsoa21', code: 'E01000001' }] } },
];

describe('schemes on the map', () => {
  it('draws footprints with shapes, by kind, with ids of scheme index + 1', () => {
    const collection = schemesToGeoJson(schemes);
    expect(collection.features.map((f) => [f.id, f.geometry.type, f.properties.kind, f.properties.reachM])).toEqual([
      [1, 'Point', 'other', 200],
      [2, 'MultiLineString', 'transport', 400],
    ]);
    expect(describeSchemes(schemeStats(schemes))).toBe('3 schemes: 1 route, 1 point, 1 list of areas');
    expect(describeSchemes(schemeStats([...schemes, schemes[1]!, schemes[1]!]))).toBe('5 schemes: 3 routes, 1 point, 1 list of areas');
    expect(describeSchemes(schemeStats([]))).toBe('0 schemes');
  });

  it('outlines gaps with a lookup filter on feature ids (LSOA index + 1)', () => {
    expect(lsoaIdSetFilter([])).toEqual(['boolean', false]);
    expect(lsoaIdSetFilter([4, 0, 4])).toEqual(['match', ['id'], [1, 5], true, false]);
  });
});
