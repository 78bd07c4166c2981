import Papa from 'papaparse';
import type { DataProblem, Result } from './problems';

export interface CsvTable {
  headers: string[];
  /** Data rows as arrays of cell strings, aligned with `headers`. */
  rows: string[][];
}

/** Parses CSV text (UTF-8, optional BOM) into a header row and data rows. */
export function parseCsv(text: string, file: string): Result<CsvTable> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  const problems: DataProblem[] = parsed.errors.slice(0, 10).map((error) => ({
    file,
    ...(error.row !== undefined ? { row: error.row } : {}),
    message: `CSV is malformed: ${error.message}`,
  }));
  const [headerRow, ...rows] = parsed.data;
  if (!headerRow || headerRow.length === 0) {
    return { ok: false, problems: [{ file, message: 'The file is empty: expected a header row.' }] };
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { headers: headerRow.map((h) => h.trim()), rows }, problems: [] };
}

/** Lower-case, drop everything but letters and digits: "LSOA code (2021)" → "lsoacode2021". */
function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** Accepted header spellings; matched after normaliseHeader(). */
  aliases: readonly string[];
  required: boolean;
  /** What the column is, for error messages. */
  description: string;
}

/**
 * Finds each wanted column by its aliases. A missing required column is a problem that names the
 * column and lists the headers that were found.
 */
export function resolveColumns<K extends string>(
  headers: readonly string[],
  specs: readonly ColumnSpec<K>[],
  file: string,
): Result<Partial<Record<K, number>>> {
  const byNormal = new Map<string, number>();
  headers.forEach((header, index) => {
    const normal = normaliseHeader(header);
    if (!byNormal.has(normal)) byNormal.set(normal, index);
  });
  const found: Partial<Record<K, number>> = {};
  const problems: DataProblem[] = [];
  for (const spec of specs) {
    const index = spec.aliases.map((alias) => byNormal.get(normaliseHeader(alias))).find((i) => i !== undefined);
    if (index !== undefined) {
      found[spec.key] = index;
    } else if (spec.required) {
      problems.push({
        file,
        column: spec.aliases[0],
        message:
          `Missing column for ${spec.description}: expected one of ${spec.aliases.map((a) => `'${a}'`).join(', ')}. ` +
          `Headers found: ${headers.map((h) => `'${h}'`).join(', ')}.`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: found, problems: [] };
}
