// Words and numbers for coverage figures: plain English, people before percentages, thousands
// separators. The app's panel (src/ui/coverage-format.ts re-exports them) and the evidence pack
// (src/core/report) say the same things in the same words.

import type { Headline } from './coverage-summary-types';
import type { GapDefinition } from './gap-definition';
import { formatCount } from './legend';

/** "63%", "<1%", ">99%": never rounds a part up to all of it or down to none. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '–';
  const percent = share * 100;
  if (percent > 0 && percent < 0.5) return '<1%';
  if (percent < 100 && percent >= 99.5) return '>99%';
  return `${Math.round(percent)}%`;
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "£12,345" (whole pounds). */
export function formatGbp(value: number): string {
  return pounds.format(value);
}

/** "£1.23" per head; "–" where there is nobody to divide by. */
export function formatGbpPerHead(value: number | null): string {
  return value === null ? '–' : poundsAndPence.format(value);
}

/** Km to the nearest scheme, one decimal; "none" when no scheme could be used; "…" not measured yet. */
export function formatKm(km: number | undefined): string {
  if (km === undefined || Number.isNaN(km)) return '…';
  if (!Number.isFinite(km)) return 'none';
  return km.toFixed(1);
}

/** "the most deprived 20% of England" for deciles 1..D. */
export function mostDeprivedPhrase(gapDecile: number): string {
  return gapDecile >= 10 ? 'any decile of England' : `the most deprived ${gapDecile * 10}% of England`;
}

export function decileRange(gapDecile: number): string {
  return gapDecile === 1 ? 'decile 1' : `deciles 1–${gapDecile}`;
}

/**
 * The headline, in the words of its gap definition:
 * - unreached: "41,200 people in the most deprived 20% of England live in LSOAs no scheme reaches
 *   (63% of them)." ("no located scheme" when area-wide schemes are left apart);
 * - underserved: "3 of the 11 LSOAs in the most deprived 20% of England are the least served:
 *   reached by at most 61 schemes (5,139 people, 28% of them)."
 * Prefixed with the scope when it is not England.
 */
export function headlineSentence(headline: Headline, scope: { name: string; isEngland: boolean }, options: { areaWideApart?: boolean } = {}): string {
  const where = scope.isEngland ? '' : `In ${scope.name}, `;
  const group = mostDeprivedPhrase(headline.gapDecile);
  if (headline.people === 0 && headline.lsoas === 0) {
    return `${scope.isEngland ? 'England' : scope.name} has no LSOAs in ${group}, so no one there is in a gap.`;
  }
  let sentence: string;
  switch (headline.definition) {
    case 'unreached': {
      const people = `${formatCount(headline.peopleUncovered)} ${headline.peopleUncovered === 1 ? 'person' : 'people'}`;
      const verb = headline.peopleUncovered === 1 ? 'lives' : 'live';
      const scheme = options.areaWideApart ? 'located scheme' : 'scheme';
      sentence = `${where}${people} in ${group} ${verb} in LSOAs no ${scheme} reaches (${formatPercent(headline.shareUncovered)} of them).`;
      break;
    }
    case 'underserved': {
      const cut = headline.reachCut ?? 0;
      const schemes = `${formatCount(cut)} ${cut === 1 ? 'scheme' : 'schemes'}`;
      sentence = headline.allEqual
        ? `${where}all ${formatCount(headline.lsoas)} LSOAs in ${group} are reached by ${schemes} each, so none is less served than another.`
        : `${where}${formatCount(headline.gapLsoas)} of the ${formatCount(headline.lsoas)} LSOAs in ${group} are the least served: reached by at most ${schemes} ` +
          `(${formatCount(headline.gapPeople)} ${headline.gapPeople === 1 ? 'person' : 'people'}, ${formatPercent(headline.shareInGaps)} of them).`;
      break;
    }
  }
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** What the gap list and the map's outline mean under each definition. */
export const GAP_DEFINITION_NAMES: Record<GapDefinition, { label: string; hint: string }> = {
  unreached: { label: 'No scheme reaches them', hint: 'LSOAs in the most deprived deciles that no scheme reaches.' },
  underserved: {
    label: 'The fewest schemes reach them',
    hint: `The fifth of the most deprived LSOAs that the fewest schemes reach (and any reached by as few). In a town where every place is near some bus, this shows the least served.`,
  },
};
