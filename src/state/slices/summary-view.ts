// Pure helpers of the coverage run and its summary: what a summary is taken over (the view), the
// target area as the dashboard's scope, and which gaps still need their distance measured.

import type { CoverageSummary } from '../../core/coverage-summary-types';
import { hashText } from '../../core/scheme-hash';
import { sameScope } from '../../core/scope';
import type { SummaryArea, SummaryView } from '../../contract';
import type { AppState } from '../store';

/**
 * Distances to the nearest scheme are measured for this many gaps, most deprived first: all of
 * them in any county or district, so the list sorts by distance (an England-wide list of more is
 * measured for its most deprived part; the rest say so).
 */
export const GAP_DISTANCES_MEASURED = 10_000;

export interface SummaryState {
  view: SummaryView;
  summary: CoverageSummary;
  current: CoverageSummary;
  /** Null when no scheme shown is proposed. */
  withProposed: CoverageSummary | null;
}

export function summaryState(view: SummaryView, current: CoverageSummary, withProposed: CoverageSummary | null, includeProposed: boolean): SummaryState {
  return { view, summary: includeProposed && withProposed ? withProposed : current, current, withProposed };
}

export function coverageView(state: Pick<AppState, 'scope' | 'indicator' | 'coverage'>): SummaryView {
  return {
    scope: state.scope,
    indicator: state.indicator,
    gapDecile: state.coverage.gapDecile,
    gaps: state.coverage.gapDefinition,
    area: state.coverage.areaScope,
  };
}

export function sameView(a: SummaryView, b: SummaryView): boolean {
  return (
    sameScope(a.scope, b.scope) &&
    a.indicator === b.indicator &&
    a.gapDecile === b.gapDecile &&
    a.gaps === b.gaps &&
    (a.area?.key ?? null) === (b.area?.key ?? null)
  );
}

/** A target area as the dashboard's scope. */
export function summaryArea(id: string, name: string, lsoas: ArrayLike<number>): SummaryArea {
  const list = Array.from(lsoas);
  return { id, name, lsoas: list, key: `${id}|${hashText(`${name}|${list.join(',')}`)}` };
}

/** The gaps whose distance is still to be measured, most deprived first. */
export function gapsToMeasure(summary: CoverageSummary, measured: ReadonlyMap<number, number>): number[] {
  return summary.gaps
    .slice(0, GAP_DISTANCES_MEASURED)
    .filter((gap) => Number.isNaN(gap.nearestKm) && !measured.has(gap.index))
    .map((gap) => gap.index);
}

/** Km to the nearest scheme for a gap: measured with the summary or since; undefined if not yet. */
export function gapNearestKm(gap: { index: number; nearestKm: number }, measured: ReadonlyMap<number, number>): number | undefined {
  return Number.isNaN(gap.nearestKm) ? measured.get(gap.index) : gap.nearestKm;
}

/** A copy of `known` with LSOA, km pairs added. */
export function withMeasured(known: ReadonlyMap<number, number>, measured: ArrayLike<number>): ReadonlyMap<number, number> {
  if (measured.length === 0) return known;
  const next = new Map(known);
  for (let k = 0; k + 1 < measured.length; k += 2) next.set(measured[k]!, measured[k + 1]!);
  return next;
}
