// Every CSV GapMap writes (the CLI's per-LSOA table, the gap list, an area's LSOAs, an import's
// problems) goes through here, so each is safe to open in a spreadsheet. A spreadsheet runs a
// text cell that starts with = + - @ (or a tab or carriage return) as a formula: `=HYPERLINK(…)`
// in a scheme's name or id would become a live link, `@SUM(…)` a calculation. PapaParse's
// escapeFormulae puts an apostrophe before such text (the cell then shows the text as written);
// numbers are written as numbers and never escaped, so -5 stays -5. Cells are quoted only when
// they must be (a comma, quote or line break, or an escaped formula). No line break after the last
// row.

import Papa from 'papaparse';

export type CsvCell = string | number;

export interface CsvOptions {
  /** '\r\n' (RFC 4180, the default, what spreadsheets expect) or '\n' (the CLI's files, as Unix tools expect). */
  newline?: '\r\n' | '\n';
}

export function writeCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const text = Papa.unparse({ fields: [...fields], data: rows.map((row) => [...row]) }, { escapeFormulae: true, newline });
  // With no rows PapaParse ends the header with a line break, with rows it does not: never, here.
  return text.endsWith(newline) ? text.slice(0, -newline.length) : text;
}
