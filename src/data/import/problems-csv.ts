// The problems of an import as a CSV the user can download, sort and fix the source file from.

import { writeCsv } from '../csv-writer';
import type { ImportProblem } from './import-problem';

const PROBLEMS_CSV_HEADER = ['file', 'row', 'feature', 'id', 'column', 'value', 'severity', 'message'] as const;

export function problemsCsv(fileName: string, problems: readonly ImportProblem[]): string {
  return writeCsv(
    PROBLEMS_CSV_HEADER,
    problems.map((p) => [fileName, p.row ?? '', p.feature ?? '', p.id ?? '', p.column ?? '', p.value ?? '', p.severity, p.message]),
  );
}
