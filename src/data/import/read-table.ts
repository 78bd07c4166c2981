// Bytes of a CSV or TSV file → header and rows. Text is UTF-8 (with or without a byte-order mark)
// or, when it is not valid UTF-8, Windows-1252 (what Excel on Windows saves as "CSV"); the
// delimiter (comma, semicolon or tab) is PapaParse's guess.

import Papa from 'papaparse';
import type { Table } from './read-360giving';

export type TableRead = { ok: true; table: Table; encoding: 'UTF-8' | 'Windows-1252'; delimiter: string } | { ok: false; message: string };

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

export function readTable(bytes: Uint8Array, fileName: string): TableRead {
  if (looksBinary(bytes)) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data). Save it as CSV (comma-separated, UTF-8) and open that.` };
  }
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const [header, ...rows] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === '')) return { ok: false, message: `${fileName} is empty: it has no header row.` };
  if (rows.length === 0) return { ok: false, message: `${fileName} has a header but no rows.` };
  const headers = header.map((cell, c) => cell.trim() || `Column ${c + 1}`);
  return { ok: true, table: { headers, rows }, encoding, delimiter: parsed.meta.delimiter };
}
