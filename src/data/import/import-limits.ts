// What one import may read, in one place: each limit is checked before the memory it guards is
// allocated, so a small hostile or careless file is refused with a message rather than running the
// tab or the CLI out of memory.

/** Files larger than this are refused unread: reading one holds the file, its text and its schemes in memory at once. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** What the files GapMap opens from one zip may unpack to, in all; a zip that grows more is a zip bomb or no schemes file. */
export const MAX_UNZIPPED_BYTES = 10 * MAX_IMPORT_BYTES;

/** Deflate cannot unpack to more than 1032 times its compressed size, so an entry that claims more has a forged header. */
export const MAX_DEFLATE_RATIO = 1032;

/**
 * The most one unzipped entry read as text (a KMZ's KML, a workbook's sheet or shared strings) may
 * unpack to. V8 holds at most 2^29 − 24 characters (about 512 M) in one string and stops the
 * process, not just the call, on some paths past that; half of it leaves room for the copies that
 * reading the text makes.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/**
 * Columns read from a workbook's sheet: column ALL. Tables of schemes have tens of columns
 * (360Giving's flattened template about a hundred); a cell further right is a stray, and reading
 * up to Excel's last column (XFD, 16,384) on every row made a dense array of 16,384 cells a row.
 */
export const MAX_SHEET_COLUMNS = 1000;

/**
 * Cells (empty ones before a row's last cell included) read from one sheet: 20 million, five times
 * 200,000 rows of 360Giving's twenty-odd columns, about 160 MB of references before their text.
 */
export const MAX_SHEET_CELLS = 20_000_000;

/** The limits above that a caller may lower (tests do, to try them without building hundreds of megabytes). */
export interface ImportLimits {
  /** MAX_UNZIPPED_BYTES: what the picked entries of a zip may unpack to, in all. */
  maxUnzippedBytes?: number;
  /** MAX_TEXT_BYTES: what any one entry may unpack to, as its bytes are read as one string. */
  maxEntryBytes?: number;
  /** MAX_SHEET_COLUMNS. */
  maxSheetColumns?: number;
  /** MAX_SHEET_CELLS. */
  maxSheetCells?: number;
}
