// What an import says about a file, row by row, in one form whatever the format. Kept apart from
// the importers so the UI can show problems without loading them (proj4, Turf, PapaParse).

export type ImportFormat = 'GeoJSON' | '360Giving JSON' | 'CSV' | 'XLSX' | 'Shapefile' | 'KML';

export interface ImportProblem {
  /** 1-based data row of a table, or feature of a GeoJSON file; absent for the whole file. */
  row?: number;
  feature?: number;
  id?: string;
  column?: string;
  value?: string;
  severity: 'error' | 'warning';
  message: string;
}

/** "Row 12, column 'Latitude' ('152.3'): …" or "Feature 3 (id 'r3'): …", for lists, the CLI and the problems CSV. */
export function formatImportProblem(problem: ImportProblem): string {
  const position = problem.row !== undefined ? `Row ${problem.row}` : problem.feature !== undefined ? `Feature ${problem.feature}` : undefined;
  const id = problem.id !== undefined ? `${position !== undefined ? ' ' : ''}(id '${problem.id}')` : '';
  const column = problem.column !== undefined ? `column '${problem.column}'${problem.value !== undefined ? ` ('${problem.value}')` : ''}` : undefined;
  const where = [position !== undefined || id !== '' ? `${position ?? ''}${id}` : undefined, column].filter((part) => part !== undefined);
  return where.length > 0 ? `${where.join(', ')}: ${problem.message}` : problem.message;
}
