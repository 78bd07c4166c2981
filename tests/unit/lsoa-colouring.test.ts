// Colouring the LSOAs from a coverage run: every LSOA in exactly one class, classes as the legend
// names them, on the real population and deciles of the built data.

import { describe, expect, it } from 'vitest';
import { classifyBivariate, classifyPerHead, classifySchemeCounts, countClasses, perHead } from '../../src/core/lsoa-colouring';
import { decodeDeciles } from '../../src/data/schema';
import { builtData, hasBuiltData } from './built-data';

describe('LSOA colourings', () => {
  it('schemes reaching: 0, 1, 2, 3–5, 6–10, 11 or more', () => {
    const classified = classifySchemeCounts(Uint32Array.of(0, 1, 2, 3, 5, 6, 10, 11, 400));
    expect([...classified.classOf]).toEqual([0, 1, 2, 3, 3, 4, 4, 5, 5]);
    expect(classified.classes.map((c) => c.label)).toEqual(['0 schemes', '1 scheme', '2 schemes', '3–5 schemes', '6–10 schemes', '11 or more schemes']);
    expect(classified.counts).toEqual([1, 1, 1, 2, 2, 2]);
    // The key counts a scope's LSOAs only.
    expect(countClasses(classified, [0, 3, 4, 8])).toEqual([1, 0, 0, 2, 0, 1]);
  });

  it('£ per head: nothing allocated apart, the funded in quintiles with round breaks', () => {
    // 10 funded LSOAs of 100 people at £100..£1,000 (£1..£10 a head), and 2 with nothing.
    const allocated = Float64Array.of(0, ...Array.from({ length: 10 }, (_, k) => (k + 1) * 100), 0);
    const population = new Array(12).fill(100);
    const classified = classifyPerHead(allocated, population);
    expect(classified.breaks).toEqual([3, 5, 7, 9]);
    expect([...classified.classOf]).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0]);
    expect(classified.classes[0]!.label).toBe('Nothing allocated');
    expect(classified.classes[5]!.label).toBe('£9.00 or more per head');
    expect(classified.equalGbpPerHead).toBeUndefined();
    // Nobody living there: nothing per head, whatever is allocated.
    expect([...perHead([50], [0])]).toEqual([0]);
  });

  it('£ per head all equal (one grant spread over a whole district): two classes, and the key is told so', () => {
    // Four LSOAs sharing £1,100 by population: the same £5.50 a head (to float rounding), two with nothing.
    const population = [300, 200, 100, 400, 500, 500];
    const allocated = Float64Array.from(population, (people, i) => (i < 4 ? (1100 * people) / 200 : 0));
    const perHeadClasses = classifyPerHead(allocated, population);
    expect(perHeadClasses.equalGbpPerHead).toBeCloseTo(5.5, 9);
    expect(perHeadClasses.classes.map((c) => c.label)).toEqual(['Nothing allocated', '£5.50 per head (every funded LSOA)']);
    expect([...perHeadClasses.classOf]).toEqual([1, 1, 1, 1, 0, 0]);
    const bivariate = classifyBivariate([1, 5, 9, 1, 1, 9], allocated, population);
    expect(bivariate.equalGbpPerHead).toBeCloseTo(5.5, 9);
    // Nothing lands "below the median": every funded LSOA is at it.
    expect([...bivariate.classOf].every((c) => c % 3 !== 1)).toBe(true);
    // Differing values are not collapsed.
    expect(classifyPerHead(Float64Array.of(100, 101), [100, 100]).equalGbpPerHead).toBeUndefined();
  });

  describe.skipIf(!hasBuiltData)('on the built data', () => {
    it('deprivation × £ per head: the corner cell is the most deprived 30% with nothing allocated', async () => {
      const { attributes } = await builtData();
      const deciles = decodeDeciles(attributes.deciles.imd!);
      // Money to every 7th LSOA, a pound a head times its position (varied amounts).
      const allocated = Float64Array.from(attributes.population, (people, i) => (i % 7 === 0 ? people * (1 + (i % 13)) : 0));
      const classified = classifyBivariate(deciles, allocated, attributes.population);
      expect(classified.classOf).toHaveLength(attributes.population.length);
      expect(classified.counts.reduce((a, b) => a + b, 0)).toBe(attributes.population.length);
      let deprivedUnfunded = 0;
      deciles.forEach((d, i) => {
        if (d <= 3 && allocated[i] === 0) deprivedUnfunded++;
      });
      expect(classified.counts[0]).toBe(deprivedUnfunded);
      expect(classified.classes[0]!.label).toBe('Deciles 1–3 (most deprived); nothing allocated');
      // Funded LSOAs split at the median: about half in each funded column.
      const funded = classified.counts.filter((_, k) => k % 3 !== 0).reduce((a, b) => a + b, 0);
      const above = classified.counts.filter((_, k) => k % 3 === 2).reduce((a, b) => a + b, 0);
      expect(Math.abs(above / funded - 0.5)).toBeLessThan(0.1);
    });
  });
});
