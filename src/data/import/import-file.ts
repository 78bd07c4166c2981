// One entry for every schemes file GapMap reads: GeoJSON, 360Giving JSON, tables (CSV, TSV,
// 360Giving flattened CSV), KML and KMZ, and zipped shapefiles. The format comes from the content
// (a zip and what it holds; JSON, and its shape; XML; else a table); the caller gets schemes and
// problems in one form whatever the format. Shapefiles and KML become GeoJSON for the GeoJSON reader.
// Their readers (shpjs, togeojson, xmldom) load only when such a file comes.

import { unzipSync } from 'fflate';
import { DEFAULT_REACH, type ReachDefaults, type Scheme } from '../../core/scheme';
import { readSchemesGeoJsonValue } from '../read-schemes-geojson';
import { isWorkspaceFile } from '../workspace-file';
import { guessColumns, type ColumnMeaning } from './columns';
import { grantsToTable, is360GivingPackage, type Table } from './read-360giving';
import { decodeText, looksBinary, readTable } from './read-table';
import { importTable, outwardCodesOf, type TableImportContext } from './table-schemes';
import type { ImportFormat, ImportProblem } from './import-problem';

export type { ImportFormat, ImportProblem };
export { formatImportProblem } from './import-problem';

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

export type ImportContext = TableImportContext;

/** Files larger than this are refused unread: reading one holds the file, its text and its schemes in memory at once. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** What the files GapMap opens from one zip may unpack to, in all; a zip that grows more is a zip bomb or no schemes file. */
export const MAX_UNZIPPED_BYTES = 10 * MAX_IMPORT_BYTES;
/** Deflate cannot unpack to more than 1032 times its compressed size, so an entry that claims more has a forged header. */
const MAX_DEFLATE_RATIO = 1032;

const FORMATS_READ = 'GapMap reads GeoJSON, 360Giving JSON, CSV, KML, KMZ and zipped shapefiles.';

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
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

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
const isContent = (name: string) => !name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(?:^|\/)\._/.test(name);

export type Unzipped = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

/**
 * The entries of a zip that `wanted` picks, unpacked, or why not. Refused before unpacking anything
 * when an entry states more than deflate can make of its compressed bytes, or the stated sizes add up
 * to more than maxUnzippedBytes. fflate unpacks each entry into a buffer of its stated size and stops
 * there, so an entry whose header understates it cannot grow past that either.
 */
export function unzipWithinLimit(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean, maxUnzippedBytes = MAX_UNZIPPED_BYTES): Unzipped {
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

/** A zip: a shapefile if it holds a .shp, else a KMZ if it holds a .kml. */
async function importZip(bytes: Uint8Array, fileName: string, reach: ReachDefaults): Promise<SchemesImport> {
  let names: string[];
  try {
    names = listZip(bytes)
      .map((entry) => entry.name)
      .filter(isContent);
  } catch (error) {
    return { ok: false, message: `${fileName} is not a text file (it holds binary data), nor a zip that can be opened (${errorText(error)}). ${FORMATS_READ}` };
  }
  if (names.some((name) => /\.shp$/i.test(name))) {
    const { readShapefiles, SHAPEFILE_PARTS } = await import('./read-shapefile');
    const unzipped = unzipWithinLimit(bytes, fileName, (name) => isContent(name) && SHAPEFILE_PARTS.test(name));
    if (!unzipped.ok) return unzipped;
    const read = readShapefiles(unzipped.files, fileName);
    return read.ok ? importGeoJson(read.collection, 'Shapefile', fileName, reach, read.warnings) : read;
  }
  // A KMZ's own KML comes first (usually doc.kml); any other is an overlay or a link it uses.
  const kmlName = names.find((name) => /\.kml$/i.test(name));
  if (kmlName !== undefined) {
    const unzipped = unzipWithinLimit(bytes, fileName, (name) => name === kmlName);
    if (!unzipped.ok) return unzipped;
    return importKml(decodeText(unzipped.files.get(kmlName)!).text, `${fileName} (${kmlName})`, reach);
  }
  const workbook = names.includes('xl/workbook.xml') ? ' It is an Excel workbook: save it as CSV and open that.' : '';
  return {
    ok: false,
    message: `${fileName} holds no .shp or .kml file (${zipContents(names)}); GapMap reads zipped shapefiles (.shp with .dbf and .prj) and KMZ.${workbook}`,
  };
}

/** A table's rows → schemes: fetches the postcode shards the table names, then imports. */
async function importRows(table: Table, format: ImportFormat, context: ImportContext, meanings?: ColumnMeaning[]): Promise<SchemesImport> {
  const chosen = meanings ?? guessColumns(table.headers, table.rows.slice(0, 200));
  if (context.postcodes) await context.postcodes.prepare(outwardCodesOf(table.rows, chosen));
  const imported = importTable(table.headers, table.rows, chosen, context);
  return {
    ok: true,
    format,
    schemes: imported.schemes,
    problems: imported.problems,
    table: { headers: table.headers, meanings: chosen, locatedBy: imported.locatedBy, rows: table.rows.length, sample: table.rows.slice(0, 5) },
  };
}

export async function importSchemesFile(bytes: Uint8Array, fileName: string, context: ImportContext, meanings?: ColumnMeaning[]): Promise<SchemesImport> {
  const tooLarge = fileSizeProblem(bytes.byteLength, fileName);
  if (tooLarge !== undefined) return { ok: false, message: tooLarge };
  const reach = context.reach ?? DEFAULT_REACH;
  if (isZip(bytes)) return importZip(bytes, fileName, reach);
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
      return importRows(grantsToTable(value.grants), '360Giving JSON', context, meanings);
    }
    return importGeoJson(value, 'GeoJSON', fileName, reach);
  }
  if (/^\s*<(?:\?xml|kml)\b/i.test(text)) return importKml(text, fileName, reach);
  const table = readTable(bytes, fileName);
  if (!table.ok) return table;
  return importRows(table.table, 'CSV', context, meanings);
}
