// Words and numbers for the coverage panel: plain English, people before percentages, thousands
// separators, and the data named wherever a number is shown. Pure, so the tests read them as text.

import { formatCount } from '../core/legend';
import type { SchemeStats } from '../data/dataset';

// The words shared with the evidence pack live in core; the panel's components import them from here.
export {
  decileRange,
  formatGbp,
  formatGbpPerHead,
  formatKm,
  formatPercent,
  GAP_DEFINITION_NAMES,
  headlineSentence,
  mostDeprivedPhrase,
} from '../core/coverage-words';

export type SharePercentRead = { ok: true; share: number } | { ok: false; message: string };

/** What the user typed as a percentage of the LSOA's area → the share rule's p (0 < p ≤ 1). */
export function readSharePercent(text: string): SharePercentRead {
  const cleaned = text.trim().replace(/%$/, '').trim();
  const percent = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
    return { ok: false, message: `Enter a percentage more than 0 and at most 100 (for example 50); '${text}' is not one.` };
  }
  return { ok: true, share: Math.round(percent * 10) / 1000 };
}

/** "407 schemes: 400 routes, 7 points". */
export function describeSchemes(stats: SchemeStats): string {
  const counts = stats.shapes;
  const parts = (
    [
      [counts.line, 'route', 'routes'],
      [counts.point, 'point', 'points'],
      [counts.polygon, 'area', 'areas'],
      [counts.areas, 'list of areas', 'lists of areas'],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${formatCount(count)} ${count === 1 ? one : many}`);
  const total = `${formatCount(stats.count)} ${stats.count === 1 ? 'scheme' : 'schemes'}`;
  return parts.length > 0 ? `${total}: ${parts.join(', ')}` : total;
}
