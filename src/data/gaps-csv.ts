// The gap list as CSV, for a spreadsheet or a report: the rows in the order shown, each with its
// level of reach (schemes, services, stops, £ per head), distances in
// km to 2 decimals (empty while not measured, "none" when no scheme can be measured from).
// Loaded only when someone downloads (PapaParse stays out of the first page load).

import { writeCsv } from './csv-writer';

export interface GapCsvRow {
  rank: number;
  decile: number;
  code: string;
  name: string | null;
  ward: string | null;
  people: number;
  /** Its level of reach: schemes reaching it, distinct transport services and stops, £ allocated per head (null: nobody lives there). */
  schemes: number;
  services: number;
  stops: number;
  gbpPerHead: number | null;
  km: number | undefined;
}

export function gapsCsv(rows: readonly GapCsvRow[]): string {
  return writeCsv(
    ['rank', 'decile', 'lsoa21cd', 'name', 'ward', 'people', 'schemes_reaching', 'services', 'stops', 'gbp_per_head', 'nearest_scheme_km'],
    rows.map((row) => [
      row.rank,
      row.decile,
      row.code,
      row.name ?? '',
      row.ward ?? '',
      row.people,
      row.schemes,
      row.services,
      row.stops,
      row.gbpPerHead === null ? '' : row.gbpPerHead.toFixed(2),
      row.km === undefined ? '' : Number.isFinite(row.km) ? row.km.toFixed(2) : 'none',
    ]),
  );
}
