// The summary a coverage run exports (the CLI's --summary file, the app's download): snake_case
// keys, money to the penny, shares to 6 places, distances to the metre, null where a figure has
// no meaning (a share of nobody, no nearest scheme).

import { formatRule, type CoverageRule } from '../core/coverage-rule';
import type { CoverageSummary, Headline } from '../core/coverage-summary-types';
import type { GapDefinition } from '../core/gap-definition';
import type { Placement } from '../core/placement';
import type { SchemeKind } from '../core/scheme';

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
  schemes: {
    read: number;
    usable: number;
    amount_gbp: number;
    /** Schemes read, by kind and by how precisely they were located (placement.ts). */
    by_kind: Partial<Record<SchemeKind, number>>;
    by_placement: Partial<Record<Placement, number>>;
    /** Schemes recorded only for a district, county or region as a whole. */
    area_wide: {
      count: number;
      amount_gbp: number;
      /** true with --area-wide count: they reach every LSOA of their area (an assumption). */
      counted: boolean;
      in_scope: { count: number; amount_gbp: number };
      areas: { codes: string[]; name: string; placement: Placement; count: number; amount_gbp: number; in_scope: boolean }[];
    };
  };
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
  headline: {
    definition: GapDefinition;
    gap_decile: number;
    lsoas: number;
    people: number;
    people_uncovered: number;
    share_uncovered: number | null;
    gap_lsoas: number;
    gap_people: number;
    share_in_gaps: number | null;
    reach_cut: number | null;
    all_equal: boolean;
  };
  gaps: {
    lsoa21cd: string;
    rank: number;
    decile: number;
    people: number;
    count: number;
    services: number;
    stops: number;
    allocated_gbp: number;
    gbp_per_head: number | null;
    nearest_km: number | null;
  }[];
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
  schemes: { read: number; usable: number; amountGbp: number; byKind: Partial<Record<SchemeKind, number>>; byPlacement: Partial<Record<Placement, number>> };
  summary: CoverageSummary;
  problems: readonly SummaryProblem[];
  /** The name of an area code (district, county, region), for the area-wide lines. */
  areaName: (code: string) => string;
}): SummaryJson {
  const { summary } = input;
  const wide = summary.areaWide;
  return {
    rule: formatRule(input.rule),
    scope: input.scope.code,
    scope_name: input.scope.name,
    indicator: input.indicator,
    schemes: {
      read: input.schemes.read,
      usable: input.schemes.usable,
      amount_gbp: pounds(input.schemes.amountGbp),
      by_kind: { ...input.schemes.byKind },
      by_placement: { ...input.schemes.byPlacement },
      area_wide: {
        count: wide?.count ?? 0,
        amount_gbp: pounds(wide?.amountGbp ?? 0),
        counted: wide?.mode === 'count',
        in_scope: { count: wide?.inScope.count ?? 0, amount_gbp: pounds(wide?.inScope.amountGbp ?? 0) },
        areas: (wide?.areas ?? []).map((area) => ({
          codes: area.codes,
          name: area.codes.map(input.areaName).join(', '),
          placement: area.placement,
          count: area.count,
          amount_gbp: pounds(area.amountGbp),
          in_scope: area.inScope,
        })),
      },
    },
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
      definition: summary.headline.definition,
      gap_decile: summary.headline.gapDecile,
      lsoas: summary.headline.lsoas,
      people: summary.headline.people,
      people_uncovered: summary.headline.peopleUncovered,
      share_uncovered: share(summary.headline.shareUncovered),
      gap_lsoas: summary.headline.gapLsoas,
      gap_people: summary.headline.gapPeople,
      share_in_gaps: share(summary.headline.shareInGaps),
      reach_cut: summary.headline.reachCut,
      all_equal: summary.headline.allEqual,
    },
    gaps: summary.gaps.map((gap) => ({
      lsoa21cd: input.codes[gap.index]!,
      rank: gap.rank,
      decile: gap.decile,
      people: gap.people,
      count: gap.count,
      services: gap.services,
      stops: gap.stops,
      allocated_gbp: pounds(gap.allocatedGbp),
      gbp_per_head: gap.people > 0 ? round(gap.allocatedGbp / gap.people, 4) : null,
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

/** The headline as the core gives it, read back from a summary file (the tests compare the app's words with the CLI's). */
export function headlineOfJson(h: SummaryJson['headline']): Headline {
  return {
    definition: h.definition,
    gapDecile: h.gap_decile,
    lsoas: h.lsoas,
    people: h.people,
    peopleUncovered: h.people_uncovered,
    shareUncovered: h.share_uncovered,
    gapLsoas: h.gap_lsoas,
    gapPeople: h.gap_people,
    shareInGaps: h.share_in_gaps,
    reachCut: h.reach_cut,
    allEqual: h.all_equal,
  };
}
