// Bytes of a CSV or TSV file → header and rows. Text is UTF-8 (with or without a byte-order mark)
// or, when it is not valid UTF-8, Windows-1252 (what Excel on Windows saves as "CSV"); the
// delimiter (comma, semicolon or tab) is PapaParse's guess.

import Papa from 'papaparse';
import type { Table } from './read-360giving';

export type TableRead = { ok: true; table: Table; encoding: 'UTF-8' | 'Windows-1252'; delimiter: string; warnings: string[] } | { ok: false; message: string };

export function decodeText(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** Binary files (images, spreadsheets saved as .xlsx, zips) hold NUL bytes; text never does. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) return true;
  return false;
}

/**
 * Reading reports at most this often: each report crosses to the UI thread, and 50 steps make a
 * smooth bar. Both must have passed, so a small file reports little and a file of long rows
 * (360Giving's 40 columns) still reports as it goes.
 */
const PROGRESS_EVERY_SHARE = 0.02;
const PROGRESS_EVERY_ROWS = 500;

/**
 * The rows of a CSV text, telling `onProgress` the share of the text parsed (0..1) as it goes.
 * PapaParse's `step` hands over each row of its one pass over the whole text, with where in the text
 * it is; the rows are those a plain Papa.parse of the text gives (the delimiter is guessed from the
 * same first rows), only reported on the way. Chunked parsing (`chunkSize`) would re-scan the
 * unfinished line at each chunk, which a quote left open near the top makes quadratic.
 */
export function parseCsvText(text: string, onProgress?: (done: number) => void): { rows: string[][]; delimiter: string; warnings: string[] } {
  const rows: string[][] = [];
  const warnings: string[] = [];
  let delimiter = ',';
  const everyChars = Math.max(1, text.length * PROGRESS_EVERY_SHARE);
  let reportedAt = 0;
  let rowsSinceReport = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    step: (result) => {
      // A quote opened and never closed swallows every line after it into one cell: say where, or
      // the user sees only "no location" on one long row.
      if (warnings.length === 0 && result.errors.some((error) => error.code === 'MissingQuotes')) {
        const where = rows.length === 0 ? 'In the header' : `Row ${rows.length}`;
        warnings.push(
          `${where}: a quote mark (") opens a cell but is never closed, so the rest of the file was read as that one cell. Check the file for a stray quote mark.`,
        );
      }
      rows.push(result.data);
      delimiter = result.meta.delimiter;
      if (onProgress === undefined || ++rowsSinceReport < PROGRESS_EVERY_ROWS) return;
      const cursor = result.meta.cursor;
      if (cursor - reportedAt < everyChars) return;
      reportedAt = cursor;
      rowsSinceReport = 0;
      onProgress(Math.min(1, cursor / text.length));
    },
  });
  onProgress?.(1);
  return { rows, delimiter, warnings };
}

/** A table's first row is its header; blank header cells are named by their place. */
export function tableOf(rows: string[][], fileName: string): { ok: true; table: Table } | { ok: false; message: string } {
  const [header, ...data] = rows;
  if (!header || header.every((cell) => cell.trim() === '')) return { ok: false, message: `${fileName} is empty: it has no header row.` };
  if (data.length === 0) return { ok: false, message: `${fileName} has a header but no rows.` };
  const headers = header.map((cell, c) => cell.trim() || `Column ${c + 1}`);
  return { ok: true, table: { headers, rows: data } };
}

/** `onProgress` is told the share of the file parsed (0..1), rising, ending at 1. */
export function readTable(bytes: Uint8Array, fileName: string, onProgress?: (done: number) => void): TableRead {
  if (looksBinary(bytes)) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data). Save it as CSV (comma-separated, UTF-8) and open that.` };
  }
  const { text, encoding } = decodeText(bytes);
  const { rows, delimiter, warnings } = parseCsvText(text, onProgress);
  const table = tableOf(rows, fileName);
  return table.ok ? { ...table, encoding, delimiter, warnings } : table;
}
