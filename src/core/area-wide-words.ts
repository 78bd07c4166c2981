// What is recorded only for a whole district, county or region, in words said before any figure.
// The dashboard's note (src/ui/AreaWideNote.tsx) and the evidence pack (src/core/report) both
// take their sentences from here, so they never say it differently.

import type { AreaWideSummary } from './coverage-summary-types';
import { formatGbp } from './coverage-words';
import { formatCount } from './legend';
import type { SchemeKind } from './scheme';

const KIND_NOUNS: Record<SchemeKind, [string, string]> = {
  grant: ['grant', 'grants'],
  transport: ['transport scheme', 'transport schemes'],
  community: ['community scheme', 'community schemes'],
  other: ['scheme', 'schemes'],
};

/** "555 grants" when every scheme read is of one kind, else "555 schemes". */
function schemesNoun(count: number, byKind: Partial<Record<SchemeKind, number>>): string {
  const kinds = Object.keys(byKind) as SchemeKind[];
  const [one, many] = kinds.length === 1 ? KIND_NOUNS[kinds[0]!] : KIND_NOUNS.other;
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export interface AreaWideWords {
  /** Counted as reaching all of their area (an assumption), apart from the figures, or not in the scope at all. */
  mode: 'counted' | 'apart' | 'outside';
  /** The part said first (in bold on the page). */
  lead: string;
  /** The rest of the sentence, after the lead. */
  rest: string;
  /** "12 more are recorded for areas outside Trafford." when some are. */
  outside: string | null;
}

export function areaWideWords(
  areaWide: AreaWideSummary,
  byKind: Partial<Record<SchemeKind, number>>,
  place: string,
  areaName: (code: string) => string,
): AreaWideWords {
  const inScope = areaWide.areas.filter((area) => area.inScope);
  if (inScope.length === 0) {
    return {
      mode: 'outside',
      lead: '',
      rest: `${schemesNoun(areaWide.count, byKind)} are recorded only for whole areas outside ${place}; they do not bear on it.`,
      outside: null,
    };
  }
  const names = inScope.map((area) => area.codes.map(areaName).join(', '));
  const where = names.length <= 3 ? names.join('; ') : `${names.slice(0, 3).join('; ')} and ${formatCount(names.length - 3)} more areas`;
  const what = schemesNoun(areaWide.inScope.count, byKind);
  const money = areaWide.inScope.amountGbp > 0 ? `, ${formatGbp(areaWide.inScope.amountGbp)},` : '';
  const outsideCount = areaWide.count - areaWide.inScope.count;
  const outside = outsideCount > 0 ? `${formatCount(outsideCount)} more are recorded for areas outside ${place}.` : null;
  return areaWide.mode === 'count'
    ? {
        mode: 'counted',
        lead: 'Assumption:',
        rest: `${what}${money} recorded only for ${where} as a whole are counted as reaching every LSOA there, their money shared by population. The file does not say which neighbourhoods they reached.`,
        outside,
      }
    : {
        mode: 'apart',
        lead: `${what}${money} recorded only for ${where} as a whole:`,
        rest: `they cannot show which neighbourhoods they reach, so the figures below leave them out and their money is not spread over ${place}’s LSOAs.`,
        outside,
      };
}
