// What the proposed schemes would change, from the summaries without and with them (the same
// scope, indicator and gap decile): the gaps they would close, the people that reaches, and £ per
// head in the most deprived deciles. Pure, so the panel and the tests read the same figures.

import type { CoverageSummary, GapLsoa } from './coverage-summary-types';

export interface WhatIfFigures {
  /** Gaps now that the proposed schemes would reach, most deprived first. */
  closed: GapLsoa[];
  closedPeople: number;
  gapsNow: number;
  /** £ per head across deciles 1..gapDecile, now and with the proposed schemes (null: nobody lives there). */
  perHeadNow: number | null;
  perHeadWith: number | null;
  /** Per decile 1..10: people reached now and with the proposed schemes. */
  peopleReached: { decile: number; now: number; with: number }[];
}

/** £ per head across deciles 1..gapDecile. */
function perHeadInMostDeprived(summary: CoverageSummary, gapDecile: number): number | null {
  const rows = summary.deciles.filter((row) => row.decile <= gapDecile);
  const people = rows.reduce((sum, row) => sum + row.people, 0);
  return people > 0 ? rows.reduce((sum, row) => sum + row.allocatedGbp, 0) / people : null;
}

export function whatIfFigures(now: CoverageSummary, withProposed: CoverageSummary, gapDecile: number): WhatIfFigures {
  const still = new Set(withProposed.gaps.map((gap) => gap.index));
  const closed = now.gaps.filter((gap) => !still.has(gap.index));
  return {
    closed,
    closedPeople: closed.reduce((sum, gap) => sum + gap.people, 0),
    gapsNow: now.gaps.length,
    perHeadNow: perHeadInMostDeprived(now, gapDecile),
    perHeadWith: perHeadInMostDeprived(withProposed, gapDecile),
    peopleReached: now.deciles.map((row, k) => ({
      decile: row.decile,
      now: row.coveredPeople,
      with: withProposed.deciles[k]?.coveredPeople ?? row.coveredPeople,
    })),
  };
}
