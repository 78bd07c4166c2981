// The XML parts of an Excel workbook (read-xlsx.ts finds them) → rows of cell text, as Excel shows
// them: shared and inline strings, numbers to 15 significant digits, dates as yyyy-mm-dd.
//
// The parts are read with regular expressions rather than a DOM: xmldom ran out of a 4 GB heap
// after 90 s on a 100,000-row sheet (61 MB of XML), and a Web Worker has no DOMParser. Writers
// (Excel, LibreOffice, Google Sheets, openpyxl, SheetJS, .NET's Open XML SDK with its "x:"
// prefixes) write these parts in one plain form (no DTDs, comments or CDATA in sheet data), which is
// all this reads.

/** Reading reports at most every 2% of a sheet and 500 rows, as CSV parsing does (read-table.ts). */
const PROGRESS_EVERY_SHARE = 0.02;
const PROGRESS_EVERY_ROWS = 500;

// ---- XML, as workbook parts write it ----------------------------------------------------------

/** An element name's optional namespace prefix ("x:" in files from .NET's Open XML SDK). */
const PREFIX = '(?:[A-Za-z_][\\w.-]*:)?';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A character reference's character, or U+FFFD (as a decoder shows a bad byte) for a number that
 * names none: past U+10FFFF (String.fromCodePoint throws) or a lone surrogate half. `onInvalid`
 * hears of each, so the reader can say where.
 */
function referencedCharacter(code: number, onInvalid?: () => void): string {
  if (code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
  onInvalid?.();
  return '\uFFFD';
}

/** XML text → its characters: entities, then OOXML's own "_x000D_" escapes of control characters. */
function unescapeXml(text: string, onInvalid?: () => void): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (_, hex?: string, dec?: string, name?: string) =>
      hex !== undefined
        ? referencedCharacter(parseInt(hex, 16), onInvalid)
        : dec !== undefined
          ? referencedCharacter(Number(dec), onInvalid)
          : ENTITIES[name!]!,
    );
  }
  // "_x005F_" escapes a literal underscore before such a sequence, so it is undone in the same pass.
  if (out.includes('_x')) out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** An element's attributes by name (prefixed names keep their prefix: "r:id"). */
function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** Every `local` element (any prefix): its attributes and what it holds ('' when empty). Not for elements nested in themselves. */
export function elementsOf(xml: string, local: string): { attributes: Map<string, string>; inner: string }[] {
  const out: { attributes: Map<string, string>; inner: string }[] = [];
  const open = new RegExp(`<(${PREFIX})${local}(?=[\\s/>])([^>]*)>`, 'g');
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const tag = m[2]!;
    if (tag.endsWith('/')) {
      out.push({ attributes: attributesOf(tag.slice(0, -1)), inner: '' });
      continue;
    }
    const close = xml.indexOf(`</${m[1]}${local}>`, open.lastIndex);
    const end = close === -1 ? xml.length : close;
    out.push({ attributes: attributesOf(tag), inner: xml.slice(open.lastIndex, end) });
    open.lastIndex = end;
  }
  return out;
}

/** What one element (the first `local`) holds, or undefined when there is none. */
export function firstInner(xml: string, local: string): string | undefined {
  const open = new RegExp(`<(${PREFIX})${local}(?=[\\s/>])([^>]*)>`).exec(xml);
  if (!open) return undefined;
  if (open[2]!.endsWith('/')) return '';
  const start = open.index + open[0].length;
  const close = xml.indexOf(`</${open[1]}${local}>`, start);
  return xml.slice(start, close === -1 ? xml.length : close);
}

const PHONETIC_RUN = new RegExp(`<(${PREFIX})rPh\\b[\\s\\S]*?</\\1rPh>`, 'g');
// Attributes matched lazily, so an empty <t xml:space="preserve"/> ends at its own "/>".
const TEXT_RUN = new RegExp(`<${PREFIX}t(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${PREFIX}t>)`, 'g');

/** The text of a shared string (<si>) or inline string (<is>): its <t>, or its rich-text runs' <t>s joined; not the phonetic guides (<rPh>) of Japanese text. */
function richText(inner: string, onInvalid?: () => void): string {
  const plain = inner.includes('rPh') ? inner.replace(PHONETIC_RUN, '') : inner;
  let text = '';
  for (const m of plain.matchAll(TEXT_RUN)) text += m[1] ?? '';
  return unescapeXml(text, onInvalid);
}

/** The shared strings part's texts, in order (a cell of type "s" holds an index into them), and which hold a character reference that names no character. */
export function sharedStringsOf(xml: string): { strings: string[]; invalid: Set<number> } {
  const invalid = new Set<number>();
  const strings = [...xml.matchAll(new RegExp(`<(${PREFIX})si>([\\s\\S]*?)</\\1si>|<${PREFIX}si/>`, 'g'))].map((m, i) =>
    richText(m[2] ?? '', () => invalid.add(i)),
  );
  return { strings, invalid };
}

// ---- Numbers shown as dates ---------------------------------------------------------------------

type NumberShown = 'number' | 'date' | 'datetime' | 'time';

/**
 * Built-in number formats (ECMA-376 Part 1, 18.8.30) that show a date or time. 14–17 dates, 18–21
 * times, 22 date and time, 45–47 minutes and seconds. 27–36 and 50–58 are reserved for the East
 * Asian versions of Excel, which show dates with them (32–35 times).
 */
function builtInShown(id: number): NumberShown {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id === 36 || (id >= 50 && id <= 58)) return 'date';
  if (id === 22) return 'datetime';
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id === 45 || id === 47) return 'time';
  return 'number';
}

/**
 * What a custom format code shows, from the letters left once its literals ("text", \x, _x, *x),
 * [colours], [$£-809] locales and AM/PM are taken out: d or y is a date; m alone is a month and m
 * with h or s a minute. Elapsed times ([h]:mm) are durations, not dates or times of day, so they
 * keep their number. Only the first section (positive numbers) matters: dates are positive.
 */
export function customFormatShown(code: string): NumberShown {
  const section = code.replace(/"[^"]*"|\\.|_.|\*./g, '').split(';')[0] ?? '';
  if (/\[(?:h+|m+|s+)\]/i.test(section)) return 'number';
  const letters = section.replace(/\[[^\]]*\]/g, '').replace(/general|am\/pm|a\/p/gi, '');
  const time = /[hs]/i.test(letters);
  const date = /[dy]/i.test(letters) || (/m/i.test(letters) && !time);
  return date && time ? 'datetime' : date ? 'date' : time ? 'time' : 'number';
}

/** What each cell style (the cell's s="…", an index into <cellXfs>) shows its numbers as. */
export function stylesShown(stylesXml: string | undefined): NumberShown[] {
  if (stylesXml === undefined) return [];
  const custom = new Map<number, NumberShown>();
  for (const { attributes } of elementsOf(firstInner(stylesXml, 'numFmts') ?? '', 'numFmt')) {
    custom.set(Number(attributes.get('numFmtId')), customFormatShown(attributes.get('formatCode') ?? ''));
  }
  // <xf> start tags only: an <xf> may hold <alignment/> or <protection/>.
  const xfs = firstInner(stylesXml, 'cellXfs') ?? '';
  return [...xfs.matchAll(new RegExp(`<${PREFIX}xf(?=[\\s/>])([^>]*)>`, 'g'))].map((m) => {
    const id = Number(attributesOf(m[1]!).get('numFmtId') ?? 0);
    return custom.get(id) ?? builtInShown(id);
  });
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Day 0 of the 1900 date system as Excel counts from day 61 on (it takes 1900 for a leap year), in days from 1970-01-01, and the latest date it shows. */
const EXCEL_EPOCH_DAYS = -25_569;
const LAST_SERIAL = 2_958_465; // 9999-12-31

/**
 * An Excel date serial → "yyyy-mm-dd" (with "Thh:mm:ss" when the format shows a time and there is
 * one), or "hh:mm:ss" for a time of day. 1900 system: 1 is 1900-01-01 and 60 the 29 February 1900
 * Excel believes in; 1904 system (old Mac workbooks): 0 is 1904-01-01. Undefined out of range.
 */
export function excelSerialText(serial: number, shown: Exclude<NumberShown, 'number'>, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > LAST_SERIAL) return undefined;
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const clock = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}`;
  if (shown === 'time') return clock;
  const day = civilDate(days + (date1904 ? 1462 : days < 61 ? 1 : 0) + EXCEL_EPOCH_DAYS);
  return shown === 'datetime' && rest !== 0 ? `${day}T${clock}` : day;
}

/** Days since 1970-01-01 → "yyyy-mm-dd", by arithmetic (H. Hinnant's civil_from_days): a Date per cell is most of the time of a sheet of dates. */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** A plain decimal of at most 15 characters (so at most 15 digits), as most stored numbers are: shown as stored. */
const SHORT_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A number as Excel shows it in General format: at most 15 significant digits, so 0.1 + 0.2 stays "0.3". */
function numberText(raw: string): string {
  if (raw.length <= 15 && SHORT_DECIMAL.test(raw)) return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return raw;
  return String(Number(n.toPrecision(15)));
}

// ---- Sheets ----------------------------------------------------------------------------------------

export interface CellContext {
  sharedStrings: readonly string[];
  /** Shared strings holding a character reference that names no character (shown as U+FFFD). */
  invalidShared: ReadonlySet<number>;
  shown: readonly NumberShown[];
  date1904: boolean;
  /** Cells right of this many columns are left out (import-limits.ts's MAX_SHEET_COLUMNS). */
  maxColumns: number;
  /** Reading stops before a sheet's rows would hold more cells than this (MAX_SHEET_CELLS). */
  maxCells: number;
}

const CELL = new RegExp(`<${PREFIX}c(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${PREFIX}c>)`, 'g');
const CELL_REF = /\br\s*=\s*["']([A-Za-z]{1,3})\d*["']/;
const ROW_NUMBER = /\br\s*=\s*["'](\d+)["']/;
const CELL_TYPE = /\bt\s*=\s*["'](\w+)["']/;
const CELL_STYLE = /\bs\s*=\s*["'](\d+)["']/;
const VALUE = new RegExp(`<${PREFIX}v(?:\\s[^>]*)?>([\\s\\S]*?)</${PREFIX}v>`);
const INLINE = new RegExp(`<(${PREFIX})is>([\\s\\S]*?)</\\1is>`);

/** 0-based column of "A", "Z", "AA", … */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A", "Z", "AA", … of a 0-based column. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A cell's text as Excel shows it, near enough for a table: shared and inline strings, numbers, dates as yyyy-mm-dd, TRUE/FALSE, #N/A. */
function cellText(attributes: string, inner: string, context: CellContext, onInvalid: () => void): string {
  const type = CELL_TYPE.exec(attributes)?.[1] ?? 'n';
  if (type === 'inlineStr') {
    const inline = INLINE.exec(inner);
    return inline ? richText(inline[2]!, onInvalid) : '';
  }
  // <v> without a prefix, found by indexOf: a regular expression per cell is much of a big sheet's time.
  const open = inner.indexOf('<v>');
  const close = open === -1 ? -1 : inner.indexOf('</v>', open);
  const raw = close !== -1 ? inner.slice(open + 3, close) : VALUE.exec(inner)?.[1];
  if (raw === undefined) return '';
  switch (type) {
    case 's':
      if (context.invalidShared.has(Number(raw))) onInvalid();
      return context.sharedStrings[Number(raw)] ?? '';
    case 'b':
      return raw.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'd': {
      // An ISO 8601 date cell (Strict OOXML, some writers): the date, and the time only when there is one.
      const text = unescapeXml(raw, onInvalid).trim();
      return /^\d{4}-\d{2}-\d{2}(?:T00:00(?::00(?:\.0+)?)?Z?)?$/.test(text) ? text.slice(0, 10) : text;
    }
    case 'n': {
      const style = CELL_STYLE.exec(attributes)?.[1];
      const shown = style === undefined ? 'number' : (context.shown[Number(style)] ?? 'number');
      if (shown !== 'number') {
        const text = excelSerialText(Number(raw), shown, context.date1904);
        if (text !== undefined) return text;
      }
      return numberText(raw);
    }
    default:
      // 'str' (a formula's text), 'e' (an error such as #N/A), and anything newer: the text as stored.
      return unescapeXml(raw, onInvalid);
  }
}

/** How many cells something was true of, and the first of them ("XFD2"). */
export interface CellsNoted {
  count: number;
  first: string;
}

interface SheetRows {
  /** The rows that hold anything, as CSV's rows would be (blank rows left out, as PapaParse's skipEmptyLines: 'greedy'). */
  rows: string[][];
  /** Columns up to the last that holds anything but spaces, in any row. */
  width: number;
  /** Cells with text right of context.maxColumns, left out. */
  leftOut?: CellsNoted;
  /** Cells whose text had a character reference that names no character. */
  invalid?: CellsNoted;
  /** The cell at which the rows would have held more than context.maxCells, when reading stopped there. */
  tooManyCellsAt?: string;
}

const note = (noted: CellsNoted | undefined, cell: string): CellsNoted => (noted ? { count: noted.count + 1, first: noted.first } : { count: 1, first: cell });

/**
 * A sheet's rows, each cell in the column its reference (r="C7") names, so an empty cell in the
 * middle of a row keeps the cells after it in their columns. `limit` stops after that many rows;
 * `onProgress` is told the share of the sheet's XML read. A row holds the empty cells before its
 * last, so the column and cell limits are checked before a row is widened, not after.
 */
export function sheetRows(xml: string, context: CellContext, limit = Infinity, onProgress?: (done: number) => void): SheetRows {
  const out: SheetRows = { rows: [], width: 0 };
  const { rows } = out;
  const data = firstInner(xml, 'sheetData');
  if (data === undefined || data === '') return out;
  const rowOpen = new RegExp(`<(${PREFIX})row(?=[\\s/>])([^>]*)>`, 'g');
  const everyChars = Math.max(1, data.length * PROGRESS_EVERY_SHARE);
  let reportedAt = 0;
  let rowsSinceReport = 0;
  let rowNumber = 0;
  let cells = 0;
  for (let m = rowOpen.exec(data); m !== null && rows.length < limit; m = rowOpen.exec(data)) {
    const stated = ROW_NUMBER.exec(m[2]!)?.[1];
    rowNumber = stated === undefined ? rowNumber + 1 : Number(stated);
    if (m[2]!.endsWith('/')) continue;
    const close = data.indexOf(`</${m[1]}row>`, rowOpen.lastIndex);
    const end = close === -1 ? data.length : close;
    const content = data.slice(rowOpen.lastIndex, end);
    rowOpen.lastIndex = end;
    const row: string[] = [];
    let column = -1;
    let lastFilled = -1;
    // exec on the one expression rather than matchAll, which copies it for every row.
    CELL.lastIndex = 0;
    for (let cell = CELL.exec(content); cell !== null; cell = CELL.exec(content)) {
      const attributes = cell[1]!;
      const ref = CELL_REF.exec(attributes)?.[1];
      // A cell without a reference follows the one before it.
      column = ref === undefined ? column + 1 : columnIndex(ref);
      const at = () => `${columnLetters(column)}${rowNumber}`;
      let invalid = false;
      const text = cellText(attributes, cell[2] ?? '', context, () => (invalid = true));
      if (text === '') continue;
      if (column >= context.maxColumns) {
        if (text.trim() !== '') out.leftOut = note(out.leftOut, at());
        continue;
      }
      if (invalid) out.invalid = note(out.invalid, at());
      if (column >= row.length) {
        if (cells + column + 1 - row.length > context.maxCells) {
          out.tooManyCellsAt = at();
          return out;
        }
        cells += column + 1 - row.length;
        while (row.length < column) row.push('');
      }
      row[column] = text;
      if (text.trim() !== '') lastFilled = Math.max(lastFilled, column);
    }
    if (lastFilled === -1) {
      cells -= row.length;
      continue;
    }
    rows.push(row);
    out.width = Math.max(out.width, lastFilled + 1);
    if (onProgress !== undefined && ++rowsSinceReport >= PROGRESS_EVERY_ROWS && end - reportedAt >= everyChars) {
      reportedAt = end;
      rowsSinceReport = 0;
      onProgress(Math.min(1, end / data.length));
    }
  }
  return out;
}
