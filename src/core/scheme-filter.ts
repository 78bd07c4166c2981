// Which schemes a coverage run counts: by kind, funder, theme, the period they are active in and
// their amount. Datasets are chosen apart (shown or hidden). An empty filter keeps every scheme.

import { SCHEME_KINDS, type Scheme, type SchemeKind } from './scheme';

export interface SchemeFilter {
  /** Kinds kept; null: all. */
  kinds: SchemeKind[] | null;
  /** Funders kept (exact names); null: all. */
  funders: string[] | null;
  themes: string[] | null;
  /** Active at some time in this period (ISO dates, inclusive); schemes without dates count as active. */
  activeFrom: string | null;
  activeTo: string | null;
  /** Amount in £, inclusive; schemes without an amount are left out once either bound is set. */
  minAmountGbp: number | null;
  maxAmountGbp: number | null;
}

export const NO_FILTER: SchemeFilter = { kinds: null, funders: null, themes: null, activeFrom: null, activeTo: null, minAmountGbp: null, maxAmountGbp: null };

export function isNoFilter(filter: SchemeFilter): boolean {
  return filterKey(filter) === '';
}

/** A short stable text for the filter ('' for none), part of a run's cache key. */
export function filterKey(filter: SchemeFilter): string {
  const parts: string[] = [];
  if (filter.kinds) parts.push(`k=${SCHEME_KINDS.filter((k) => filter.kinds!.includes(k)).join(',')}`);
  if (filter.funders) parts.push(`f=${[...filter.funders].sort().join('\u001f')}`);
  if (filter.themes) parts.push(`t=${[...filter.themes].sort().join('\u001f')}`);
  if (filter.activeFrom) parts.push(`from=${filter.activeFrom}`);
  if (filter.activeTo) parts.push(`to=${filter.activeTo}`);
  if (filter.minAmountGbp !== null) parts.push(`min=${filter.minAmountGbp}`);
  if (filter.maxAmountGbp !== null) parts.push(`max=${filter.maxAmountGbp}`);
  return parts.join(';');
}

export function matchesFilter(scheme: Scheme, filter: SchemeFilter): boolean {
  if (filter.kinds && !filter.kinds.includes(scheme.kind)) return false;
  if (filter.funders && !filter.funders.includes(scheme.funder ?? '')) return false;
  if (filter.themes && !filter.themes.includes(scheme.theme ?? '')) return false;
  // Active in the period: starts before it ends and ends after it starts (open ends reach forever).
  if (filter.activeTo && scheme.start && scheme.start > filter.activeTo) return false;
  if (filter.activeFrom && scheme.end && scheme.end < filter.activeFrom) return false;
  if (filter.minAmountGbp !== null || filter.maxAmountGbp !== null) {
    const amount = scheme.amountGbp;
    if (amount === undefined) return false;
    if (filter.minAmountGbp !== null && amount < filter.minAmountGbp) return false;
    if (filter.maxAmountGbp !== null && amount > filter.maxAmountGbp) return false;
  }
  return true;
}
