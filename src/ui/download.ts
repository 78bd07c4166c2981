import type { ImportProblem } from '../data/import/import-problem';

/** Saves text (or a picture) as a file through the browser's download (no server round trip). */
export function downloadText(fileName: string, text: string | ArrayBuffer | Blob, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the download start before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An import's problems as CSV; PapaParse loads only when someone downloads. */
export function downloadProblems(fileName: string, problems: readonly ImportProblem[]): void {
  void import('../data/import/problems-csv').then(({ problemsCsv }) => downloadText(`${fileName}-problems.csv`, problemsCsv(fileName, problems), 'text/csv'));
}
