// An Excel workbook (.xlsx, .xlsm) → the header and rows of one of its sheets, for the same table
// importer as CSV: 360Giving publishes its flattened template as a workbook ("grants" first, then
// sheets such as "Meta" or "Lookups"), and councils often have grants only in Excel.
//
// A workbook is a zip of XML parts (ECMA-376 SpreadsheetML): xl/workbook.xml lists the sheets,
// xl/_rels/workbook.xml.rels says which part holds each, xl/sharedStrings.xml holds the text cells
// point into, xl/styles.xml says which cells show numbers as dates. This file finds the parts and
// chooses the sheet; xlsx-sheet.ts reads the XML of the parts into rows of text.

import { guessColumns } from './columns';
import type { Unzipped } from './import-file';
import type { Table } from './read-360giving';
import { tableOf } from './read-table';
import { type ImportLimits, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS } from './import-limits';
import { type CellContext, type CellsNoted, columnLetters, elementsOf, firstInner, sharedStringsOf, sheetRows, stylesShown } from './xlsx-sheet';

export type WorkbookRead = { ok: true; table: Table; sheet: string; warnings: string[] } | { ok: false; message: string };

/** Opens the zip's entries that `wanted` picks (import-file.ts's unzipWithinLimit, so its zip-bomb limits hold). */
export type OpenParts = (wanted: (name: string) => boolean) => Unzipped;

/** Rows read from each sheet to judge whether its columns are a table of schemes. */
const SAMPLE_ROWS = 200;

// ---- The workbook ------------------------------------------------------------------------------

const RELATIONSHIP = (type: string) => (rel: { type: string }) => rel.type.endsWith(`/${type}`);

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** A relationship's target as a zip entry name: relative to the folder of the part that names it ("xl/"), or from the root with a leading "/". */
function partName(target: string, folder: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${folder}${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function relationshipsOf(xml: string | undefined): Relationship[] {
  if (xml === undefined) return [];
  return elementsOf(xml, 'Relationship')
    .filter(({ attributes }) => attributes.get('TargetMode') !== 'External')
    .map(({ attributes }) => ({ id: attributes.get('Id') ?? '', type: attributes.get('Type') ?? '', target: attributes.get('Target') ?? '' }));
}

/** A part's text, or undefined when the zip lacks it. Throws (RangeError) on a part too large for one string. */
function textOf(files: Map<string, Uint8Array>, name: string): string | undefined {
  const bytes = files.get(name);
  if (bytes === undefined) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

interface Sheet {
  name: string;
  part: string;
}

/** How many of a sheet's columns GapMap recognises (0: none), or -1 for a sheet with no header row. */
function scoreOf(rows: readonly string[][]): number {
  const [header, ...sample] = rows;
  if (!header) return -1;
  return guessColumns(header, sample).filter((m) => m.kind !== 'ignore').length;
}

/**
 * The table of the workbook's sheet whose columns GapMap recognises best (the first such, so the
 * 360Giving template's "grants" sheet wins over its "Meta" and "Lookups"), or why there is none.
 * `names` are the zip's entries; `onProgress` is told the share of the sheet read (0..1).
 */
export function readWorkbook(
  names: readonly string[],
  open: OpenParts,
  fileName: string,
  onProgress?: (done: number) => void,
  limits: ImportLimits = {},
): WorkbookRead {
  // Entry names are matched without case: some writers spell them "xl/SharedStrings.xml".
  const byLowerName = new Map(names.map((name) => [name.toLowerCase(), name]));
  const entry = (name: string) => byLowerName.get(name.toLowerCase());
  const damaged = (what: string) => ({
    ok: false as const,
    message: `${fileName} is an Excel workbook but ${what}, so it cannot be read. Open it in Excel and save it again, or save it as CSV.`,
  });

  const workbookName = entry('xl/workbook.xml');
  if (workbookName === undefined) return damaged('it has no xl/workbook.xml');
  const relsName = entry('xl/_rels/workbook.xml.rels');
  const head = open((name) => name === workbookName || name === relsName);
  if (!head.ok) return head;
  let workbookXml: string;
  let relationships: Relationship[];
  try {
    workbookXml = textOf(head.files, workbookName) ?? '';
    relationships = relationshipsOf(relsName === undefined ? undefined : textOf(head.files, relsName));
  } catch {
    return damaged('its list of sheets is too large to read');
  }
  const date1904 = /^(?:1|true)$/i.test(elementsOf(workbookXml, 'workbookPr')[0]?.attributes.get('date1904') ?? '');
  const listed = elementsOf(firstInner(workbookXml, 'sheets') ?? '', 'sheet').map(({ attributes }) => {
    const relId = [...attributes].find(([key]) => key === 'id' || key.endsWith(':id'))?.[1];
    return { name: attributes.get('name') ?? '', rel: relationships.find((r) => r.id === relId) };
  });
  if (listed.length === 0) return damaged('its xl/workbook.xml lists no sheets');
  // Without relationships (a writer that leaves them out), sheets are xl/worksheets/sheetN.xml in order.
  const sheets: Sheet[] = listed.flatMap(({ name, rel }, i): Sheet[] => {
    if (rel === undefined) return relationships.length === 0 ? [{ name, part: `xl/worksheets/sheet${i + 1}.xml` }] : [];
    return RELATIONSHIP('worksheet')(rel) ? [{ name, part: partName(rel.target, 'xl/') }] : [];
  });
  if (sheets.length === 0)
    return { ok: false, message: `${fileName} is an Excel workbook with no worksheets (only charts or macros), so it holds no table to read.` };

  const sharedStringsName = entry(partName(relationships.find(RELATIONSHIP('sharedStrings'))?.target ?? 'sharedStrings.xml', 'xl/'));
  const stylesName = entry(partName(relationships.find(RELATIONSHIP('styles'))?.target ?? 'styles.xml', 'xl/'));
  const wanted = new Set([sharedStringsName, stylesName, ...sheets.map((sheet) => entry(sheet.part))].filter((name) => name !== undefined));
  const body = open((name) => wanted.has(name));
  if (!body.ok) return body;

  let context: CellContext;
  try {
    const sharedXml = sharedStringsName === undefined ? undefined : textOf(body.files, sharedStringsName);
    const shared = sharedXml === undefined ? { strings: [], invalid: new Set<number>() } : sharedStringsOf(sharedXml);
    context = {
      sharedStrings: shared.strings,
      invalidShared: shared.invalid,
      shown: stylesShown(stylesName === undefined ? undefined : textOf(body.files, stylesName)),
      date1904,
      maxColumns: limits.maxSheetColumns ?? MAX_SHEET_COLUMNS,
      maxCells: limits.maxSheetCells ?? MAX_SHEET_CELLS,
    };
  } catch {
    return { ok: false, message: `${fileName}'s text (xl/sharedStrings.xml) is too large to read in one piece. Save the sheet as CSV and open that.` };
  }

  // Each sheet's header and first rows say how well GapMap knows its columns; the best is read whole.
  const judged: { sheet: Sheet; xml: string; score: number }[] = [];
  for (const sheet of sheets) {
    const part = entry(sheet.part);
    if (part === undefined) return damaged(`its sheet "${sheet.name}" (${sheet.part}) is missing`);
    let xml: string;
    try {
      xml = textOf(body.files, part) ?? '';
    } catch {
      return { ok: false, message: `${fileName}'s sheet "${sheet.name}" is too large to read in one piece. Save the sheet as CSV and open that.` };
    }
    body.files.delete(part);
    judged.push({ sheet, xml, score: scoreOf(sheetRows(xml, context, SAMPLE_ROWS + 1).rows) });
  }
  const withHeader = judged.filter((j) => j.score >= 0);
  const best = withHeader.reduce<(typeof judged)[number] | undefined>((held, j) => (held === undefined || j.score > held.score ? j : held), undefined);
  if (best === undefined) {
    const all = sheets.map((sheet) => sheet.name);
    return {
      ok: false,
      message:
        all.length === 1
          ? `${fileName} is an Excel workbook whose only sheet, "${all[0]}", is empty: it has no header row.`
          : `${fileName} is an Excel workbook whose ${all.length} sheets (${quoted(all)}) are all empty: none has a header row.`,
    };
  }

  const label = `${fileName} (sheet "${best.sheet.name}")`;
  const { rows, width, leftOut, invalid, tooManyCellsAt } = sheetRows(best.xml, context, Infinity, onProgress);
  if (tooManyCellsAt !== undefined) return { ok: false, message: tooManyCellsMessage(label, tooManyCellsAt, context.maxCells) };
  onProgress?.(1);
  // The header as wide as the widest row, so every column that holds something has a name
  // ("Column 7" where its header cell is empty); rows stay as long as their cells, as CSV rows do.
  const header = rows[0];
  if (header !== undefined) {
    while (header.length < width) header.push('');
    header.length = width;
  }
  const table = tableOf(rows, label);
  if (!table.ok) return table;

  const warnings: string[] = [];
  if (leftOut) warnings.push(leftOutMessage(label, leftOut, context.maxColumns));
  if (invalid) warnings.push(invalidMessage(label, invalid));
  const others = withHeader.filter((j) => j !== best).map((j) => j.sheet.name);
  if (others.length > 0) {
    const why = best === withHeader[0] ? 'the first' : 'the one whose columns GapMap recognises';
    warnings.push(
      `${fileName} has ${others.length + 1} sheets with data; "${best.sheet.name}" was read (${why}), ${quoted(others)} ${others.length === 1 ? 'was' : 'were'} not. ` +
        'To import another sheet, save it as CSV and open that.',
    );
  }
  return { ok: true, table: table.table, sheet: best.sheet.name, warnings };
}

const cellsText = (noted: CellsNoted) =>
  noted.count === 1 ? `cell ${noted.first}` : `${noted.count.toLocaleString('en-GB')} cells (the first ${noted.first})`;

function leftOutMessage(label: string, leftOut: CellsNoted, maxColumns: number): string {
  const last = columnLetters(maxColumns - 1);
  return (
    `${label}: ${cellsText(leftOut)} right of column ${last} ${leftOut.count === 1 ? 'was' : 'were'} left out; GapMap reads the first ` +
    `${maxColumns.toLocaleString('en-GB')} columns (A to ${last}). If ${leftOut.count === 1 ? 'it is' : 'they are'} stray, delete ` +
    `${leftOut.count === 1 ? 'it' : 'them'}; if ${leftOut.count === 1 ? 'it holds' : 'they hold'} schemes' details, move that column left, and import again.`
  );
}

function invalidMessage(label: string, invalid: CellsNoted): string {
  return (
    `${label}: ${cellsText(invalid)} ${invalid.count === 1 ? 'holds' : 'hold'} a character reference (such as &#xFFFFFFFF;) that names no character, ` +
    'shown as \uFFFD. The program that wrote the workbook damaged that text: correct it in Excel, or save the sheet as CSV, and import again.'
  );
}

function tooManyCellsMessage(label: string, at: string, maxCells: number): string {
  return (
    `${label} was not read: at cell ${at} its rows would hold more than ${maxCells.toLocaleString('en-GB')} cells (counting the empty ones before ` +
    "each row's last), more than GapMap reads from one sheet. Delete stray cells far right of the table or the columns it does not need, " +
    'or split the rows into several files, and import again.'
  );
}
