// The gap list's rows, order and CSV: names and wards from the details, distances as measured,
// any column sorted with ties kept most deprived first and unmeasured distances last.

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GapLsoa } from '../../src/core/coverage-summary-types';
import { gapsCsv } from '../../src/data/gaps-csv';
import type { DetailsFile } from '../../src/data/schema';
import { gapRows, sortGapRows } from '../../src/state/gap-list';

// A hand-made fixture: three Trafford LSOA codes, with names, wards, ranks and people written for the test.
const attributes = { codes: ['E01006074', 'E01006077', 'E01006081'] };
const details = {
  names: ['Trafford 026A', 'Trafford 026B', 'Trafford 027C'],
  ward: [0, 0, 1],
  wards: [
    { code: 'E05000820', name: 'Bowdon' },
    { code: 'E05000830', name: 'Timperley North' },
  ],
} as unknown as DetailsFile;
const gaps: GapLsoa[] = [
  { index: 0, rank: 120, decile: 1, people: 1500, count: 3, services: 1, stops: 2, allocatedGbp: 150, nearestKm: NaN },
  { index: 1, rank: 300, decile: 1, people: 1900, count: 0, services: 0, stops: 0, allocatedGbp: 0, nearestKm: 2.5 },
  { index: 2, rank: 2500, decile: 1, people: 1500, count: 3, services: 2, stops: 1, allocatedGbp: 0, nearestKm: Infinity },
];

describe('gap list', () => {
  const rows = gapRows(gaps, new Map(), attributes, details);

  it('names each gap and its ward, with the distance measured so far', () => {
    expect(rows.map((r) => [r.code, r.name, r.ward, r.km])).toEqual([
      ['E01006074', 'Trafford 026A', 'Bowdon', undefined],
      ['E01006077', 'Trafford 026B', 'Bowdon', 2.5],
      ['E01006081', 'Trafford 027C', 'Timperley North', Infinity],
    ]);
    expect(gapRows(gaps, new Map([[0, 0.4]]), attributes, details)[0]!.km).toBe(0.4);
    expect(gapRows(gaps, new Map(), attributes, null)[0]!.name).toBeNull();
  });

  it('sorts by any column; ties most deprived first; distances not measured last either way', () => {
    const order = (key: Parameters<typeof sortGapRows>[1]['key'], descending: boolean) => sortGapRows(rows, { key, descending }).map((r) => r.index);
    expect(order('rank', false)).toEqual([0, 1, 2]);
    expect(order('rank', true)).toEqual([2, 1, 0]);
    expect(order('people', true)).toEqual([1, 0, 2]);
    expect(order('people', false)).toEqual([0, 2, 1]);
    expect(order('ward', true)).toEqual([2, 0, 1]);
    expect(order('km', false)).toEqual([1, 2, 0]);
    expect(order('km', true)).toEqual([2, 1, 0]);
  });

  it('exports the rows as shown, distances to 2 decimals, "none" when nothing can be measured', () => {
    const csv = gapsCsv(sortGapRows(rows, { key: 'people', descending: true }));
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed).toEqual([
      ['rank', 'decile', 'lsoa21cd', 'name', 'ward', 'people', 'schemes_reaching', 'services', 'stops', 'gbp_per_head', 'nearest_scheme_km'],
      ['300', '1', 'E01006077', 'Trafford 026B', 'Bowdon', '1900', '0', '0', '0', '0.00', '2.50'],
      ['120', '1', 'E01006074', 'Trafford 026A', 'Bowdon', '1500', '3', '1', '2', '0.10', ''],
      ['2500', '1', 'E01006081', 'Trafford 027C', 'Timperley North', '1500', '3', '2', '1', '0.00', 'none'],
    ]);
  });

  it('sorts by reach: the fewest schemes first, then fewer services, then fewer stops; ties by need (rank)', () => {
    const byReach = sortGapRows(rows, { key: 'reach', descending: false }).map((row) => row.rank);
    expect(byReach).toEqual([300, 120, 2500]);
    expect(sortGapRows(rows, { key: 'reach', descending: true }).map((row) => row.rank)).toEqual([2500, 120, 300]);
  });
});
