import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../../src/core/indicators';
import { DECILE_COLOURS, NO_DECILE_COLOUR } from '../../src/theme';
import { decileColour, formatCount, formatShare, legendTitle, tallyDeciles } from '../../src/core/legend';
import { decileAt } from '../../src/data/schema';
import { attributes } from './app-fixture';

const input = (column: string) => ({
  count: attributes.count,
  decileOf: (i: number) => decileAt(column, i),
  ladOf: (i: number) => attributes.lad[i] ?? -1,
  populationOf: (i: number) => attributes.population[i] ?? 0,
});

describe('tallyDeciles', () => {
  it('counts LSOAs and people per decile across England', () => {
    const tally = tallyDeciles(input(attributes.deciles.imd ?? ''), null);
    expect(tally.lsoas).toEqual([1, 0, 2, 0, 1, 0, 0, 1, 0, 1]);
    expect(tally.people).toEqual([1000, 0, 3000, 0, 1300, 0, 0, 1500, 0, 2000]);
    expect(tally.totalLsoas).toBe(6);
    expect(tally.totalPeople).toBe(8800);
  });

  it('counts only LSOAs whose district is in scope', () => {
    const tally = tallyDeciles(input(attributes.deciles.imd ?? ''), new Set([2]));
    expect(tally.lsoas).toEqual([0, 0, 2, 0, 1, 0, 0, 0, 0, 0]);
    expect(tally.totalPeople).toBe(4300);
  });
});

describe('colours and words', () => {
  it('has ten colours, darkest for decile 1', () => {
    expect(DECILE_COLOURS).toHaveLength(10);
    const lightness = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const values = DECILE_COLOURS.map(lightness);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(decileColour(1)).toBe(DECILE_COLOURS[0]);
    expect(decileColour(11)).toBe(NO_DECILE_COLOUR);
  });

  it('titles every indicator and says which end is most deprived', () => {
    expect(legendTitle('imd')).toEqual({ heading: 'IMD 2025 decile', explainer: '1 = most deprived 10% of LSOAs in England' });
    expect(legendTitle('income').heading).toBe('Income domain (IoD2025) decile');
    for (const key of INDICATOR_KEYS) expect(legendTitle(key).heading).toMatch(/decile$/);
  });

  it('formats numbers with thousands separators and shares people-first', () => {
    expect(formatCount(56490108)).toBe('56,490,108');
    expect(formatShare(41200, 65400)).toBe('63%');
    expect(formatShare(1, 1000)).toBe('<1%');
    expect(formatShare(0, 0)).toBe('0%');
  });
});
