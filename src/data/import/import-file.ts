// One entry for every schemes file GapMap reads: GeoJSON, 360Giving JSON, tables (CSV, TSV,
// 360Giving flattened CSV, Excel workbooks), KML and KMZ, and zipped shapefiles. The format comes
// from the content (a zip and what it holds; JSON, and its shape; XML; else a table); the caller
// gets schemes and problems in one form whatever the format. Shapefiles and KML become GeoJSON for
// the GeoJSON reader; a workbook's sheet becomes a table for the CSV importer. Their readers
// (shpjs, togeojson, xmldom, read-xlsx) load only when such a file comes.

import { unzipSync } from 'fflate';
import { DEFAULT_REACH, type ReachDefaults, type Scheme } from '../../core/scheme';
import { readSchemesGeoJsonValue } from '../read-schemes-geojson';
import { isWorkspaceFile } from '../workspace-file';
import { guessColumns, type ColumnMeaning } from './columns';
import { grantsToTable, is360GivingPackage, type Table } from './read-360giving';
import { decodeText, looksBinary, readTable } from './read-table';
import type { OpenParts } from './read-xlsx';
import { importTable, outwardCodesOf, type TableImportContext } from './table-schemes';
import type { ImportFormat, ImportProblem } from './import-problem';
import { type ImportLimits, MAX_DEFLATE_RATIO, MAX_IMPORT_BYTES, MAX_TEXT_BYTES, MAX_UNZIPPED_BYTES } from './import-limits';
export { formatImportProblem } from './import-problem';
export { MAX_IMPORT_BYTES } from './import-limits';

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

export type ImportContext = TableImportContext & {
  /** Lower limits than import-limits.ts's, for tests. */
  limits?: ImportLimits;
};

const FORMATS_READ = 'GapMap reads GeoJSON, 360Giving JSON, CSV, Excel workbooks (.xlsx), KML, KMZ and zipped shapefiles.';

/**
 * The share of a table's progress bar that reading the file (parsing the CSV, or the workbook's
 * sheet) fills; turning rows into schemes fills the rest. Parsing took a fifth to a third of the
 * time of importing the bench's 100k-row CSVs and 100k rows of 360Giving's forty columns in Node,
 * and in the app fetching the postcode shards adds to the rest.
 */
export const READING_SHARE = 0.3;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** Why a file of this many bytes is too large to import, or undefined. */
export function fileSizeProblem(byteLength: number, fileName: string, maxBytes = MAX_IMPORT_BYTES): string | undefined {
  if (byteLength <= maxBytes) return undefined;
  return `${fileName} is ${sizeText(byteLength)}, more than the ${sizeText(maxBytes)} GapMap reads in one file. Split it into smaller files, or leave out what the coverage does not need.`;
}

/** A zip starts with a local file header, "PK\x03\x04" (shapefile zips, KMZ, and also .xlsx and .docx). */
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** An OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1): Excel 97–2003 .xls, and also a password-protected .xlsx. */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isOle2 = (bytes: Uint8Array) => OLE2_SIGNATURE.every((byte, i) => bytes[i] === byte);

function oldOfficeFileProblem(fileName: string): string {
  if (/\.xls[xm]$/i.test(fileName)) {
    return (
      `${fileName} is password-protected: Excel encrypts a workbook with a password, and GapMap cannot open it. ` +
      'Remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again, or save it as CSV, and open that.'
    );
  }
  return `${fileName} is an Excel 97–2003 workbook (.xls) or another old Office file, which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV, and open that.`;
}

interface ZipEntry {
  name: string;
  compressedBytes: number;
  /** As the zip's central directory states it, which a forged zip can understate or overstate. */
  unzippedBytes: number;
}

/** A zip's entries, read from its central directory without unpacking any. Throws on a damaged zip. */
function listZip(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  unzipSync(bytes, {
    filter: (file) => {
      entries.push({ name: file.name, compressedBytes: file.size, unzippedBytes: file.originalSize });
      return false;
    },
  });
  return entries;
}

/** Leaves out folders and the copies macOS adds ("__MACOSX/…", "._roads.shp"), which hold no one's data. */
export const isContent = (name: string) => !name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(?:^|\/)\._/.test(name);

export type Unzipped = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

/**
 * The entries of a zip that `wanted` picks, unpacked, or why not. Refused before unpacking anything
 * when an entry states more than deflate can make of its compressed bytes or more than one entry may
 * hold, or the stated sizes add up to more than the zip may unpack to. A header that understates is
 * held too: fflate inflates each entry into a buffer of its stated size and never grows it (what
 * would spill over is dropped), so no entry grows past the size that was checked.
 */
export function unzipWithinLimit(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean, limits: ImportLimits = {}): Unzipped {
  const { maxUnzippedBytes = MAX_UNZIPPED_BYTES, maxEntryBytes = MAX_TEXT_BYTES } = limits;
  let entries: ZipEntry[];
  try {
    entries = listZip(bytes).filter((entry) => wanted(entry.name));
  } catch (error) {
    return { ok: false, message: `${fileName} could not be unzipped (${errorText(error)}).` };
  }
  for (const entry of entries) {
    if (entry.unzippedBytes > entry.compressedBytes * MAX_DEFLATE_RATIO) {
      return {
        ok: false,
        message:
          `${fileName} was not opened: its ${entry.name} claims to unpack to ${sizeText(entry.unzippedBytes)} from ${sizeText(entry.compressedBytes)}, ` +
          'more than any compression can, so the zip is forged (a zip bomb) or damaged.',
      };
    }
    if (entry.unzippedBytes > maxEntryBytes) {
      return {
        ok: false,
        message:
          `${fileName} was not opened: its ${entry.name} would unpack to ${sizeText(entry.unzippedBytes)}, more than the ${sizeText(maxEntryBytes)} ` +
          'GapMap can read from one file in a zip. A file that grows so much is usually a zip bomb; if it is real, split it into smaller files.',
      };
    }
  }
  const unzippedBytes = entries.reduce((sum, entry) => sum + entry.unzippedBytes, 0);
  if (unzippedBytes > maxUnzippedBytes) {
    return {
      ok: false,
      message:
        `${fileName} was not opened: it would unpack to ${sizeText(unzippedBytes)}, more than the ${sizeText(maxUnzippedBytes)} GapMap unpacks from one zip. ` +
        'A zip that grows so much is usually a zip bomb; if it is a real layer, split it into smaller zips.',
    };
  }
  const names = new Set(entries.map((entry) => entry.name));
  try {
    return { ok: true, files: new Map(Object.entries(unzipSync(bytes, { filter: (file) => names.has(file.name) }))) };
  } catch (error) {
    return { ok: false, message: `${fileName} could not be unzipped (${errorText(error)}).` };
  }
}

/** Parsed GeoJSON (from a file, a shapefile or KML) → schemes; `fileWarnings` are about the whole file. */
function importGeoJson(value: unknown, format: ImportFormat, fileName: string, reach: ReachDefaults, fileWarnings: readonly string[] = []): SchemesImport {
  const read = readSchemesGeoJsonValue(value, reach);
  if (!read.ok) return { ok: false, message: `${fileName}: ${read.problems.map((p) => p.message).join(' ')}` };
  const warnings = fileWarnings.map((message): ImportProblem => ({ severity: 'warning', message }));
  return { ok: true, format, schemes: read.schemes, problems: [...warnings, ...read.problems] };
}

async function importKml(text: string, label: string, reach: ReachDefaults): Promise<SchemesImport> {
  const { readKml } = await import('./read-kml');
  const read = readKml(text, label);
  return read.ok ? importGeoJson(read.collection, 'KML', label, reach) : read;
}

/** "it holds a.txt, b.png, … and 7 more", for a zip that holds nothing GapMap reads. */
function zipContents(names: readonly string[]): string {
  if (names.length === 0) return 'it is empty';
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `it holds ${shown} and ${names.length - 5} more` : `it holds ${shown}`;
}

/** An Excel workbook: its best sheet (read-xlsx.ts), as a table, through the CSV importer. */
async function importWorkbook(
  bytes: Uint8Array,
  names: readonly string[],
  fileName: string,
  context: ImportContext,
  meanings: ColumnMeaning[] | undefined,
): Promise<SchemesImport> {
  const { readWorkbook } = await import('./read-xlsx');
  const open: OpenParts = (wanted) => unzipWithinLimit(bytes, fileName, wanted, context.limits);
  const { onProgress } = context;
  const read = readWorkbook(names, open, fileName, onProgress && ((done) => onProgress(done * READING_SHARE)), context.limits);
  if (!read.ok) return read;
  return importRows(read.table, 'XLSX', context, meanings, { readingShare: READING_SHARE, warnings: read.warnings });
}

/** The text of an OpenDocument file's "mimetype" entry ("application/vnd.oasis.opendocument.spreadsheet"), or ''. */
function openDocumentType(bytes: Uint8Array, fileName: string): string {
  const unzipped = unzipWithinLimit(bytes, fileName, (name) => name === 'mimetype');
  const mimetype = unzipped.ok ? unzipped.files.get('mimetype') : undefined;
  return mimetype ? decodeText(mimetype).text.trim() : '';
}

/** A zip: an Excel workbook if it holds xl/workbook.xml, a shapefile if it holds a .shp, else a KMZ if it holds a .kml. */
async function importZip(bytes: Uint8Array, fileName: string, context: ImportContext, meanings: ColumnMeaning[] | undefined): Promise<SchemesImport> {
  const reach = context.reach ?? DEFAULT_REACH;
  let names: string[];
  try {
    names = listZip(bytes)
      .map((entry) => entry.name)
      .filter(isContent);
  } catch (error) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data), nor a zip that can be opened (${errorText(error)}). ${FORMATS_READ}` };
  }
  const lowerNames = names.map((name) => name.toLowerCase());
  if (lowerNames.includes('xl/workbook.xml')) return importWorkbook(bytes, names, fileName, context, meanings);
  if (lowerNames.includes('xl/workbook.bin')) {
    return {
      ok: false,
      message: `${fileName} is an Excel Binary Workbook (.xlsb), which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV, and open that.`,
    };
  }
  if (names.includes('mimetype') && names.includes('content.xml') && /opendocument\.spreadsheet/.test(openDocumentType(bytes, fileName))) {
    return {
      ok: false,
      message: `${fileName} is an OpenDocument spreadsheet (.ods), which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV (in LibreOffice: File > Save As), and open that.`,
    };
  }
  if (names.some((name) => /\.shp$/i.test(name))) {
    const { readShapefiles, SHAPEFILE_PARTS } = await import('./read-shapefile');
    const unzipped = unzipWithinLimit(bytes, fileName, (name) => isContent(name) && SHAPEFILE_PARTS.test(name), context.limits);
    if (!unzipped.ok) return unzipped;
    const read = readShapefiles(unzipped.files, fileName);
    return read.ok ? importGeoJson(read.collection, 'Shapefile', fileName, reach, read.warnings) : read;
  }
  // A KMZ's own KML comes first (usually doc.kml); any other is an overlay or a link it uses.
  const kmlName = names.find((name) => /\.kml$/i.test(name));
  if (kmlName !== undefined) {
    const unzipped = unzipWithinLimit(bytes, fileName, (name) => name === kmlName, context.limits);
    if (!unzipped.ok) return unzipped;
    return importKml(decodeText(unzipped.files.get(kmlName)!).text, `${fileName} (${kmlName})`, reach);
  }
  // A file GapMap reads, zipped to be sent: it can be opened once out of the zip.
  const readable = names.find((name) => /\.(?:csv|tsv|xlsx|xlsm|geojson|json)$/i.test(name));
  const unzipHint = readable === undefined ? '' : ` Unzip it and open ${readable.split('/').pop()}.`;
  return {
    ok: false,
    message: `${fileName} holds no .shp or .kml file (${zipContents(names)}); GapMap reads zipped shapefiles (.shp with .dbf and .prj), KMZ and Excel workbooks (.xlsx).${unzipHint}`,
  };
}

interface RowsOptions {
  /** The share of the progress bar reading the file already filled (0 when reading it reports nothing). */
  readingShare: number;
  /** About the whole file (which sheet was read), listed before the rows' problems. */
  warnings?: readonly string[];
}

/** A table's rows → schemes: fetches the postcode shards the table names, then imports. */
async function importRows(
  table: Table,
  format: ImportFormat,
  context: ImportContext,
  meanings: ColumnMeaning[] | undefined,
  options: RowsOptions,
): Promise<SchemesImport> {
  const chosen = meanings ?? guessColumns(table.headers, table.rows.slice(0, 200));
  if (context.postcodes) await context.postcodes.prepare(outwardCodesOf(table.rows, chosen));
  const { onProgress } = context;
  const share = options.readingShare;
  const imported = importTable(
    table.headers,
    table.rows,
    chosen,
    onProgress ? { ...context, onProgress: (done) => onProgress(share + (1 - share) * done) } : context,
  );
  const warnings = (options.warnings ?? []).map((message): ImportProblem => ({ severity: 'warning', message }));
  return {
    ok: true,
    format,
    schemes: imported.schemes,
    problems: [...warnings, ...imported.problems],
    table: { headers: table.headers, meanings: chosen, locatedBy: imported.locatedBy, rows: table.rows.length, sample: table.rows.slice(0, 5) },
  };
}

export async function importSchemesFile(bytes: Uint8Array, fileName: string, context: ImportContext, meanings?: ColumnMeaning[]): Promise<SchemesImport> {
  const tooLarge = fileSizeProblem(bytes.byteLength, fileName);
  if (tooLarge !== undefined) return { ok: false, message: tooLarge };
  const reach = context.reach ?? DEFAULT_REACH;
  if (isZip(bytes)) return importZip(bytes, fileName, context, meanings);
  if (isOle2(bytes)) return { ok: false, message: oldOfficeFileProblem(fileName) };
  if (looksBinary(bytes)) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data). ${FORMATS_READ}` };
  }
  const { text } = decodeText(bytes);
  if (/^\s*[{[]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${fileName} is not valid JSON (${errorText(error)}).` };
    }
    if (isWorkspaceFile(value)) {
      return { ok: false, message: `${fileName} is a GapMap workspace file: open it with "Open a workspace file" to bring back its datasets.` };
    }
    if (is360GivingPackage(value)) {
      if (value.grants.length === 0) return { ok: false, message: `${fileName} is a 360Giving file with no grants.` };
      // JSON.parse reports no progress, so the rows fill the whole bar.
      return importRows(grantsToTable(value.grants), '360Giving JSON', context, meanings, { readingShare: 0 });
    }
    return importGeoJson(value, 'GeoJSON', fileName, reach);
  }
  if (/\.(?:geo)?json$/i.test(fileName)) return { ok: false, message: notGeoJsonProblem(text, fileName) };
  if (/^\s*<(?:\?xml|kml)\b/i.test(text)) return importKml(text, fileName, reach);
  const { onProgress } = context;
  const table = readTable(bytes, fileName, onProgress && ((done) => onProgress(done * READING_SHARE)));
  if (!table.ok) return table;
  return importRows(table.table, 'CSV', context, meanings, { readingShare: READING_SHARE, warnings: table.warnings });
}

/** A .json or .geojson file that is not an object or a list: a single value, or not JSON at all. */
function notGeoJsonProblem(text: string, fileName: string): string {
  try {
    const value: unknown = JSON.parse(text);
    const shown = JSON.stringify(value).slice(0, 40);
    return `${fileName} holds a single JSON value (${shown}), not a GeoJSON FeatureCollection or a 360Giving grants file. ${FORMATS_READ}`;
  } catch (error) {
    return `${fileName} is not valid JSON (${errorText(error)}). ${FORMATS_READ}`;
  }
}
