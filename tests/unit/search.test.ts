import { describe, expect, it } from 'vitest';
import { allowedTypos, createSearchIndex, normalise, prefixEditDistance, search, type SearchEntry } from '../../src/core/search';

const entry = (kind: SearchEntry['kind'], index: number, label: string, fuzzy = true): SearchEntry => ({
  kind,
  index,
  label,
  detail: '',
  fuzzy,
});

const index = createSearchIndex([
  entry('lad', 0, 'Trafford'),
  entry('lad', 0, 'E08000009', false),
  entry('lsoa', 10, 'Trafford 001A'),
  entry('lsoa', 11, 'Trafford 001B'),
  entry('lsoa', 10, 'E01006000', false),
  entry('ward', 3, 'Stretford and Humphrey Park'),
  entry('ward', 4, 'Longford'),
  entry('msoa', 7, 'Old Trafford'),
  entry('msoa', 7, 'Trafford 012'),
  entry('ward', 5, "St. Helen's"),
  entry('region', 1, 'North West'),
  entry('lad', 1, 'Ashford'),
  entry('lsoa', 12, 'Parkside 001A'),
]);

const labels = (query: string, limit?: number) => search(index, query, limit).map((hit) => hit.entry.label);

describe('normalise', () => {
  it('folds case, accents, apostrophes, full stops and ampersands', () => {
    expect(normalise("  St. Helen's ")).toBe('st helens');
    expect(normalise('Brighton & Hove')).toBe('brighton and hove');
    expect(normalise('Ñewcastle-upon-Tyne')).toBe('newcastle upon tyne');
  });
});

describe('prefixEditDistance', () => {
  it('measures the query against the best prefix of the text', () => {
    expect(prefixEditDistance('traff', 'trafford', 2)).toBe(0);
    expect(prefixEditDistance('traford', 'trafford', 2)).toBe(1);
    expect(prefixEditDistance('trafferd', 'trafford', 2)).toBe(1);
    expect(prefixEditDistance('tarfford', 'trafford', 2)).toBe(1); // a swap counts once
    expect(prefixEditDistance('manchester', 'trafford', 2)).toBe(3); // over the limit
  });
});

describe('allowedTypos', () => {
  it('grows with the query length', () => {
    expect([1, 3, 4, 7, 8, 20].map(allowedTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('search', () => {
  it('puts an exact match first, then broader areas before LSOAs', () => {
    // MSOA 7 is found by its ONS name "Trafford 012" (a prefix), which beats "Old Trafford".
    expect(labels('trafford')).toEqual(['Trafford', 'Trafford 012', 'Trafford 001A', 'Trafford 001B']);
  });

  it('ranks prefix matches before word matches', () => {
    expect(labels('park')).toEqual(['Parkside 001A', 'Stretford and Humphrey Park']);
    // Substrings: districts, then wards, MSOAs and LSOAs.
    expect(labels('ford')).toEqual(['Ashford', 'Trafford', 'Longford', 'Stretford and Humphrey Park', 'Old Trafford', 'Trafford 001A', 'Trafford 001B']);
  });

  it('forgives typos scaled by length', () => {
    expect(labels('Stretfrod')).toEqual(['Stretford and Humphrey Park']);
    expect(labels('Longfrod')).toEqual(['Longford']);
    expect(labels('Tarfford')[0]).toBe('Trafford');
  });

  it('does not guess on short queries', () => {
    expect(labels('lon')).toEqual(['Longford']);
    expect(labels('xzy')).toEqual([]);
  });

  it('matches codes exactly or by prefix only', () => {
    expect(labels('E08000009')).toEqual(['E08000009']);
    expect(labels('e0800')).toEqual(['E08000009']);
    expect(labels('E08000008')).toEqual([]);
  });

  it('returns one hit per area, under its best-matching name', () => {
    const hits = search(index, 'old trafford');
    expect(hits.filter((hit) => hit.entry.kind === 'msoa')).toHaveLength(1);
    expect(hits[0]?.entry.label).toBe('Old Trafford');
  });

  it('matches every word of a multi-word query, in any order', () => {
    expect(labels('park stretford')).toEqual(['Stretford and Humphrey Park']);
  });

  it('reads punctuation loosely and honours the limit', () => {
    expect(labels('st helens')).toEqual(["St. Helen's"]);
    expect(labels('trafford', 2)).toHaveLength(2);
    expect(labels('   ')).toEqual([]);
  });
});
