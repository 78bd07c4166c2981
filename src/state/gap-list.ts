// The gap list as the panel shows and exports it: one row per gap LSOA (unreached, or under-served)
// with its names, level of reach and distance, sortable by need (rank) and by reach, or any column. Pure, so the sort and the CSV are tested apart
// from the table.

import type { GapLsoa } from '../core/coverage-summary-types';
import type { GapCsvRow } from '../data/gaps-csv';
import type { AttributesFile, DetailsFile } from '../data/schema';
import { gapNearestKm } from './slices/summary-view';

/** Name and ward are null until the names are loaded; km undefined while not measured, Infinity when no scheme is usable. */
export interface GapRow extends GapCsvRow {
  index: number;
}

export type GapSortKey = 'rank' | 'name' | 'ward' | 'people' | 'reach' | 'km';
export interface GapSort {
  key: GapSortKey;
  descending: boolean;
}

/** The list's own order: most deprived first. */
export const DEFAULT_GAP_SORT: GapSort = { key: 'rank', descending: false };

export function gapRows(
  gaps: readonly GapLsoa[],
  measured: ReadonlyMap<number, number>,
  attributes: Pick<AttributesFile, 'codes'>,
  details: DetailsFile | null,
): GapRow[] {
  return gaps.map((gap) => ({
    index: gap.index,
    rank: gap.rank,
    decile: gap.decile,
    code: attributes.codes[gap.index] ?? '',
    name: details?.names[gap.index] ?? null,
    ward: details ? (details.wards[details.ward[gap.index] ?? -1]?.name ?? null) : null,
    people: gap.people,
    schemes: gap.count,
    services: gap.services,
    stops: gap.stops,
    gbpPerHead: gap.people > 0 ? gap.allocatedGbp / gap.people : null,
    km: gapNearestKm(gap, measured),
  }));
}

const text = (value: string | null) => value ?? '';

/**
 * Sorted by a column (ties by rank, so the order is stable and most deprived first). Rows not
 * measured yet go last whichever way distances are sorted.
 */
export function sortGapRows(rows: readonly GapRow[], sort: GapSort): GapRow[] {
  const sign = sort.descending ? -1 : 1;
  const compare = (a: GapRow, b: GapRow): number => {
    switch (sort.key) {
      case 'rank':
        return sign * (a.rank - b.rank);
      case 'name':
        return sign * text(a.name ?? a.code).localeCompare(text(b.name ?? b.code), 'en-GB');
      case 'ward':
        return sign * text(a.ward).localeCompare(text(b.ward), 'en-GB');
      case 'people':
        return sign * (a.people - b.people);
      case 'reach':
        // Schemes reaching, then services, then stops: the least reached first when ascending.
        return sign * (a.schemes - b.schemes || a.services - b.services || a.stops - b.stops);
      case 'km': {
        if (a.km === undefined || b.km === undefined) return a.km === b.km ? 0 : a.km === undefined ? 1 : -1;
        if (a.km === b.km) return 0;
        return sign * (a.km < b.km ? -1 : 1);
      }
    }
  };
  return [...rows].sort((a, b) => compare(a, b) || a.rank - b.rank);
}
