// One entry for every schemes file GapMap reads: GeoJSON, 360Giving JSON, and tables (CSV, TSV,
// 360Giving flattened CSV). The format comes from the content (JSON or not) and, for JSON, its
// shape; the caller gets schemes and problems in one form whatever the format.

import type { Scheme } from '../../core/scheme';
import { readSchemesGeoJsonValue } from '../read-schemes-geojson';
import { guessColumns, type ColumnMeaning } from './columns';
import { grantsToTable, is360GivingPackage, type Table } from './read-360giving';
import { decodeText, looksBinary, readTable } from './read-table';
import { importTable, outwardCodesOf, type TableImportContext } from './table-schemes';

import type { ImportFormat, ImportProblem } from './import-problem';

export type { ImportFormat, ImportProblem };
export { formatImportProblem } from './import-problem';

export type SchemesImport =
  | {
      ok: true;
      format: ImportFormat;
      schemes: Scheme[];
      problems: ImportProblem[];
      /** Tables only: what each column was taken to mean, and how many schemes each kind of location placed. */
      table?: { headers: string[]; meanings: ColumnMeaning[]; locatedBy: Map<string, number>; rows: number; sample: string[][] };
    }
  | { ok: false; message: string };

export type ImportContext = TableImportContext;

/** A table's rows → schemes: fetches the postcode shards the table names, then imports. */
async function importRows(table: Table, format: ImportFormat, context: ImportContext, meanings?: ColumnMeaning[]): Promise<SchemesImport> {
  const chosen = meanings ?? guessColumns(table.headers, table.rows.slice(0, 200));
  if (context.postcodes) await context.postcodes.prepare(outwardCodesOf(table.rows, chosen));
  const imported = importTable(table.headers, table.rows, chosen, context);
  return {
    ok: true,
    format,
    schemes: imported.schemes,
    problems: imported.problems,
    table: { headers: table.headers, meanings: chosen, locatedBy: imported.locatedBy, rows: table.rows.length, sample: table.rows.slice(0, 5) },
  };
}

/** The table a file holds (CSV, or 360Giving JSON flattened), for the column-mapping preview; null for GeoJSON. */
export function tableOf(bytes: Uint8Array, fileName: string): { ok: true; table: Table | null } | { ok: false; message: string } {
  if (looksBinary(bytes)) return { ok: false, message: `${fileName} is not a text file (it holds binary data).` };
  const { text } = decodeText(bytes);
  if (/^\s*[{[]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
    return { ok: true, table: is360GivingPackage(value) ? grantsToTable(value.grants) : null };
  }
  const read = readTable(bytes, fileName);
  return read.ok ? { ok: true, table: read.table } : read;
}

export async function importSchemesFile(bytes: Uint8Array, fileName: string, context: ImportContext, meanings?: ColumnMeaning[]): Promise<SchemesImport> {
  if (looksBinary(bytes)) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data). GapMap reads GeoJSON, 360Giving JSON and CSV files.` };
  }
  const { text } = decodeText(bytes);
  if (/^\s*[{[]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (is360GivingPackage(value)) {
      if (value.grants.length === 0) return { ok: false, message: `${fileName} is a 360Giving file with no grants.` };
      return importRows(grantsToTable(value.grants), '360Giving JSON', context, meanings);
    }
    const read = readSchemesGeoJsonValue(value);
    if (!read.ok) return { ok: false, message: `${fileName}: ${read.problems.map((p) => p.message).join(' ')}` };
    return { ok: true, format: 'GeoJSON', schemes: read.schemes, problems: read.problems };
  }
  const table = readTable(bytes, fileName);
  if (!table.ok) return table;
  return importRows(table.table, 'CSV', context, meanings);
}
