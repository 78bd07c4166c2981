// What the legend says and counts. Pure: the state layer hands in columns, so this file knows
// nothing about how the data files are laid out.

import { DECILE_COLOURS, NO_DECILE_COLOUR } from '../theme';
import { INDICATORS, type IndicatorKey } from './indicators';

export const DECILE_END_WORDS = { first: 'Most deprived', last: 'Least deprived' } as const;

export function decileColour(decile: number): string {
  return DECILE_COLOURS[decile - 1] ?? NO_DECILE_COLOUR;
}

/** Heading of the legend, naming the index, its year and which end is which. */
export function legendTitle(key: IndicatorKey): { heading: string; explainer: string } {
  const info = INDICATORS[key];
  const heading = key === 'imd' || key === 'idaci' || key === 'idaopi' ? `${info.short} 2025 decile` : `${info.label} domain (IoD2025) decile`;
  return { heading, explainer: '1 = most deprived 10% of LSOAs in England' };
}

export interface DecileTally {
  /** Index 0 holds decile 1. */
  lsoas: number[];
  people: number[];
  totalLsoas: number;
  totalPeople: number;
}

export interface TallyInput {
  count: number;
  decileOf: (lsoa: number) => number;
  ladOf: (lsoa: number) => number;
  populationOf: (lsoa: number) => number;
}

/**
 * LSOAs and people per decile among the LSOAs whose LAD is in `ladsInScope` (null = all of
 * England). Deciles are national, so a scope rarely holds 10% in each.
 */
export function tallyDeciles(input: TallyInput, ladsInScope: ReadonlySet<number> | null): DecileTally {
  const lsoas = new Array<number>(10).fill(0);
  const people = new Array<number>(10).fill(0);
  let totalLsoas = 0;
  let totalPeople = 0;
  for (let i = 0; i < input.count; i++) {
    if (ladsInScope && !ladsInScope.has(input.ladOf(i))) continue;
    const slot = input.decileOf(i) - 1;
    const population = input.populationOf(i);
    totalLsoas++;
    totalPeople += population;
    if (slot < 0 || slot > 9) continue;
    lsoas[slot] = (lsoas[slot] ?? 0) + 1;
    people[slot] = (people[slot] ?? 0) + population;
  }
  return { lsoas, people, totalLsoas, totalPeople };
}

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "26,525": every number the app shows goes through here. */
export function formatCount(value: number): string {
  return wholeNumber.format(value);
}

/** "41,200 people (63%)": people first, share second. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const percent = (part / whole) * 100;
  if (part > 0 && percent < 1) return '<1%';
  return `${Math.round(percent)}%`;
}
