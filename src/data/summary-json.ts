// The summary a coverage run exports (the CLI's --summary file, the app's download): snake_case
// keys, money to the penny, shares to 6 places, distances to the metre, null where a figure has
// no meaning (a share of nobody, no nearest scheme).

import type { CoverageSummary } from '../core/coverage-summary-types';
import { formatRule, type CoverageRule } from '../core/scheme';

export interface SummaryProblem {
  id: string;
  reason: string;
  /** error: the scheme was not used; warning: it was used, with what was done about it. */
  severity: 'error' | 'warning';
}

export interface SummaryJson {
  rule: string;
  /** ONS code of the scope; E92000001 for England. */
  scope: string;
  scope_name: string;
  indicator: string;
  schemes: { read: number; usable: number; amount_gbp: number };
  deciles: {
    decile: number;
    lsoas: number;
    people: number;
    covered_lsoas: number;
    covered_people: number;
    share_lsoas_covered: number | null;
    share_people_covered: number | null;
    allocated_gbp: number;
    gbp_per_head: number | null;
  }[];
  headline: { gap_decile: number; people: number; people_uncovered: number; share_uncovered: number | null };
  gaps: { lsoa21cd: string; rank: number; decile: number; people: number; nearest_km: number | null }[];
  fairness: {
    allocated_gbp: number;
    most_deprived_deciles: number;
    share_of_gbp_most_deprived: number | null;
    share_of_people_most_deprived: number | null;
    concentration_index: number | null;
  };
  problems: SummaryProblem[];
}

export const ENGLAND_CODE = 'E92000001';

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const share = (value: number | null) => (value === null ? null : round(value, 6));
const pounds = (value: number) => round(value, 2);

export function summaryJson(input: {
  rule: CoverageRule;
  scope: { code: string; name: string };
  indicator: string;
  codes: readonly string[];
  schemes: { read: number; usable: number; amountGbp: number };
  summary: CoverageSummary;
  problems: readonly SummaryProblem[];
}): SummaryJson {
  const { summary } = input;
  return {
    rule: formatRule(input.rule),
    scope: input.scope.code,
    scope_name: input.scope.name,
    indicator: input.indicator,
    schemes: { read: input.schemes.read, usable: input.schemes.usable, amount_gbp: pounds(input.schemes.amountGbp) },
    deciles: summary.deciles.map((row) => ({
      decile: row.decile,
      lsoas: row.lsoas,
      people: row.people,
      covered_lsoas: row.coveredLsoas,
      covered_people: row.coveredPeople,
      share_lsoas_covered: share(row.shareLsoasCovered),
      share_people_covered: share(row.sharePeopleCovered),
      allocated_gbp: pounds(row.allocatedGbp),
      gbp_per_head: row.gbpPerHead === null ? null : round(row.gbpPerHead, 4),
    })),
    headline: {
      gap_decile: summary.headline.gapDecile,
      people: summary.headline.people,
      people_uncovered: summary.headline.peopleUncovered,
      share_uncovered: share(summary.headline.shareUncovered),
    },
    gaps: summary.gaps.map((gap) => ({
      lsoa21cd: input.codes[gap.index]!,
      rank: gap.rank,
      decile: gap.decile,
      people: gap.people,
      nearest_km: Number.isFinite(gap.nearestKm) ? round(gap.nearestKm, 3) : null,
    })),
    fairness: {
      allocated_gbp: pounds(summary.fairness.allocatedGbp),
      most_deprived_deciles: summary.fairness.mostDeprivedDeciles,
      share_of_gbp_most_deprived: share(summary.fairness.shareOfGbp),
      share_of_people_most_deprived: share(summary.fairness.shareOfPeople),
      concentration_index: share(summary.fairness.concentrationIndex),
    },
    problems: [...input.problems],
  };
}
