// Words, scales and points for the coverage charts: the panel's (src/ui/CoverageCharts.tsx, through
// ui/coverage-charts-model.ts) and the evidence pack's (src/core/report). Pure, so the tests read
// the captions and tables as text without drawing anything.

import { curveShareAt } from './concentration-curve';
import type { ConcentrationCurve, DecileRow } from './coverage-summary-types';
import { DECILE_END_WORDS, formatCount } from './legend';
import { formatGbpPerHead, formatPercent } from './coverage-words';

/** "(most deprived)" after decile 1, "(least deprived)" after decile 10. */
function decileWords(decile: number): string {
  if (decile === 1) return `decile 1 (${DECILE_END_WORDS.first.toLowerCase()})`;
  if (decile === 10) return `decile 10 (${DECILE_END_WORDS.last.toLowerCase()})`;
  return `decile ${decile}`;
}

/** 0 and 3–5 round ticks up to at least `max`: steps of 1, 2, 2.5 or 5 × a power of ten. */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  let exponent = Math.floor(Math.log10(max)) - 1;
  for (;;) {
    for (const mantissa of [1, 2, 2.5, 5]) {
      // m × 10^e, divided rather than multiplied for negative e so 0.1 stays 0.1.
      const at = (k: number) => (exponent < 0 ? (k * mantissa) / 10 ** -exponent : k * mantissa * 10 ** exponent);
      const intervals = Math.ceil(max / at(1) - 1e-9);
      if (intervals <= 4) return Array.from({ length: Math.max(intervals, 1) + 1 }, (_, k) => at(k));
    }
    exponent++;
  }
}

/** "£0", "£2.50", "£1,000": whole pounds when every tick is whole, else pence. */
export function formatGbpTick(value: number, ticks: readonly number[]): string {
  const whole = ticks.every((t) => Math.abs(t - Math.round(t)) < 1e-9);
  if (whole) return `£${formatCount(value)}`;
  const decimals = ticks.reduce((most, t) => Math.max(most, decimalsOf(t)), 2);
  return `£${value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}`;
}

function decimalsOf(value: number): number {
  for (let d = 0; d < 8; d++) if (Math.abs(value * 10 ** d - Math.round(value * 10 ** d)) < 1e-6) return d;
  return 8;
}

/** "−0.23" (a true minus sign), "0.00". */
export function formatIndex(index: number): string {
  const text = Math.abs(index).toFixed(2);
  return index < 0 && text !== '0.00' ? `−${text}` : text;
}

/** What the sign of the concentration index means, in words. */
export function indexMeaning(index: number): string {
  if (formatIndex(index) === '0.00') return 'about 0, so £ per head hardly follows deprivation';
  return index < 0 ? 'negative, so the money leans towards the more deprived LSOAs' : 'positive, so the money leans towards the less deprived LSOAs';
}

const withPeople = (rows: readonly DecileRow[]) => rows.filter((row) => row.people > 0 && row.sharePeopleCovered !== null);

/**
 * "In decile 1 (most deprived), 41,200 of 65,000 people (63%) live in LSOAs a scheme reaches; in
 * decile 10 (least deprived), 3,100 of 25,000 (12%)." The first and last deciles the scope has.
 */
export function reachCaption(rows: readonly DecileRow[], place: string): string {
  const present = withPeople(rows);
  const first = present[0];
  const last = present.at(-1);
  if (!first || !last) return `No one lives in the LSOAs of ${place}, so there is no reach to chart.`;
  const part = (row: DecileRow, noun: string) =>
    `${formatCount(row.coveredPeople)} of ${formatCount(row.people)}${noun} (${formatPercent(row.sharePeopleCovered)})`;
  const lead = `In ${decileWords(first.decile)}, ${part(first, first.people === 1 ? ' person' : ' people')} ${first.people === 1 ? 'lives' : 'live'} in LSOAs a scheme reaches`;
  if (first === last) return `${lead}. ${place} has no people in other deciles.`;
  return `${lead}; in ${decileWords(last.decile)}, ${part(last, '')}.`;
}

/** "£4.20 per head in decile 1 (most deprived) and £1.10 in decile 10 (least deprived); £2.30 across Trafford." */
export function perHeadCaption(rows: readonly DecileRow[], place: string): string {
  const present = rows.filter((row) => row.gbpPerHead !== null && row.people > 0);
  const first = present[0];
  const last = present.at(-1);
  const people = rows.reduce((sum, row) => sum + row.people, 0);
  const money = rows.reduce((sum, row) => sum + row.allocatedGbp, 0);
  if (!first || !last || people <= 0) return `No one lives in the LSOAs of ${place}, so there is no £ per head to chart.`;
  const overall = `${formatGbpPerHead(money / people)} across ${place}`;
  if (first === last) return `${formatGbpPerHead(first.gbpPerHead)} per head in ${decileWords(first.decile)}, the only decile in ${place}.`;
  return `${formatGbpPerHead(first.gbpPerHead)} per head in ${decileWords(first.decile)} and ${formatGbpPerHead(last.gbpPerHead)} in ${decileWords(last.decile)}; ${overall}.`;
}

/** The people share the curve's caption quotes. */
const CAPTION_PEOPLE_SHARE = 0.2;

/**
 * "The most deprived 20% of people in Trafford received 35% of the £ allocated there (20% with the
 * same £ per head everywhere). Concentration index −0.23: negative, so …"
 */
export function curveCaption(curve: ConcentrationCurve, index: number, place: string): string {
  const share = formatPercent(curveShareAt(curve, CAPTION_PEOPLE_SHARE));
  const fifth = formatPercent(CAPTION_PEOPLE_SHARE);
  return (
    `The most deprived ${fifth} of people in ${place} (by their LSOA’s rank) received ${share} of the £ allocated there ` +
    `(${fifth} with the same £ per head everywhere). Concentration index ${formatIndex(index)}: ${indexMeaning(index)}.`
  );
}

/** The curve read at 10%, 20%, … 100% of people, for its table. */
export function curveTenths(curve: ConcentrationCurve): { people: number; gbp: number }[] {
  return Array.from({ length: 10 }, (_, k) => {
    const people = (k + 1) / 10;
    return { people, gbp: curveShareAt(curve, people) };
  });
}

/** "0%", "20%", … for a 0..1 axis. */
export const SHARE_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;
