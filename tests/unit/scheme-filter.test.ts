// Which schemes a filtered run counts: kinds, funders, themes, the period they are active in and
// their amount; the filter's key tells runs apart and ignores order.

import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { filterKey, isNoFilter, matchesFilter, NO_FILTER } from '../../src/core/scheme-filter';

const at: Scheme['footprint'] = { type: 'point', point: [-2.35, 53.42], radiusM: 0 };
const grant: Scheme = {
  id: 'g',
  name: 'Grant',
  kind: 'grant',
  funder: 'Trafford Council',
  theme: 'Health',
  amountGbp: 5000,
  start: '2024-04-01',
  end: '2025-03-31',
  footprint: at,
};
const bus: Scheme = { id: 'b', name: 'Bus', kind: 'transport', funder: 'TfGM', footprint: at };

describe('scheme filter', () => {
  it('keeps everything when empty', () => {
    expect(isNoFilter(NO_FILTER)).toBe(true);
    expect([grant, bus].every((s) => matchesFilter(s, NO_FILTER))).toBe(true);
  });

  it('by kind, funder and theme', () => {
    expect(matchesFilter(grant, { ...NO_FILTER, kinds: ['transport'] })).toBe(false);
    expect(matchesFilter(bus, { ...NO_FILTER, kinds: ['transport'] })).toBe(true);
    expect(matchesFilter(bus, { ...NO_FILTER, funders: ['Trafford Council'] })).toBe(false);
    expect(matchesFilter(grant, { ...NO_FILTER, themes: ['Health'] })).toBe(true);
    expect(matchesFilter(bus, { ...NO_FILTER, themes: ['Health'] })).toBe(false);
  });

  it('active in a period: overlapping dates count, schemes without dates always count', () => {
    expect(matchesFilter(grant, { ...NO_FILTER, activeFrom: '2025-03-31' })).toBe(true);
    expect(matchesFilter(grant, { ...NO_FILTER, activeFrom: '2025-04-01' })).toBe(false);
    expect(matchesFilter(grant, { ...NO_FILTER, activeTo: '2024-03-31' })).toBe(false);
    expect(matchesFilter(grant, { ...NO_FILTER, activeFrom: '2023-01-01', activeTo: '2024-04-01' })).toBe(true);
    expect(matchesFilter(bus, { ...NO_FILTER, activeFrom: '2030-01-01' })).toBe(true);
  });

  it('by amount, inclusive; no amount is left out once a bound is set', () => {
    expect(matchesFilter(grant, { ...NO_FILTER, minAmountGbp: 5000 })).toBe(true);
    expect(matchesFilter(grant, { ...NO_FILTER, minAmountGbp: 5000.01 })).toBe(false);
    expect(matchesFilter(grant, { ...NO_FILTER, maxAmountGbp: 4999 })).toBe(false);
    expect(matchesFilter(bus, { ...NO_FILTER, maxAmountGbp: 1e9 })).toBe(false);
  });

  it('keys tell filters apart and ignore the order of names', () => {
    expect(filterKey(NO_FILTER)).toBe('');
    expect(filterKey({ ...NO_FILTER, funders: ['b', 'a'] })).toBe(filterKey({ ...NO_FILTER, funders: ['a', 'b'] }));
    expect(filterKey({ ...NO_FILTER, kinds: ['transport', 'grant'] })).toBe(filterKey({ ...NO_FILTER, kinds: ['grant', 'transport'] }));
    expect(filterKey({ ...NO_FILTER, minAmountGbp: 0 })).not.toBe('');
    expect(filterKey({ ...NO_FILTER, activeFrom: '2024-01-01' })).not.toBe(filterKey({ ...NO_FILTER, activeTo: '2024-01-01' }));
  });
});
