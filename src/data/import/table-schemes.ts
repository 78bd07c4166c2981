// Rows of a table (CSV, TSV, 360Giving flattened) → schemes, with a meaning per column
// (columns.ts). Every row becomes a scheme or a listed problem naming its row, column and value.
// Each row's place comes from the first usable location of, in order, the beneficiary, the scheme
// itself and the recipient (360Giving prefers where a grant benefits to the recipient's address),
// and within one of those from coordinates, then a grid reference, then a postcode, then an area
// code; the scheme records which one was used.

import { outsideEnglandReason } from '../../core/england-box';
import { areaKindOfCode, AREA_CODE_HELP } from '../../core/area-code-kind';
import type { AreaResolver } from '../../core/coverage-types';
import {
  DEFAULT_POINT_RADIUS_M,
  DEFAULT_STOP_RADIUS_M,
  SCHEME_KINDS,
  type AreaCodeKind,
  type Footprint,
  type ReachDefaults,
  type Scheme,
  type SchemeKind,
} from '../../core/scheme';
import { PLACEMENTS, placementOfAreas, type Placement } from '../../core/placement';
import { normalisePostcode, missingPostcodeReason, type PostcodeIndex } from '../postcodes';
import { normalisePropertyName, parseAmount, parseDate, PROPERTY_NAMES } from '../scheme-properties';
import { bngProblem, bngToLonLat } from './british-national-grid';
import { LOCATION_PLACES, type ColumnMeaning, type LocationPart, type LocationPlace, type SchemeField } from './columns';

export interface TableImportContext {
  /** Area codes that exist (England), to check area-code locations. */
  areas: AreaResolver;
  /** Postcodes, prepared for this table (preparePostcodes); without it postcodes cannot be used. */
  postcodes?: PostcodeIndex;
  /** The kind of scheme when no column says (tables are usually grants). */
  defaultKind: SchemeKind;
  /** How far routes and points reach when the file does not say; DEFAULT_REACH when absent. */
  reach?: ReachDefaults;
  /** Told the share of the rows read so far (0..1), rising, every few thousand rows, and 1 at the end. */
  onProgress?: (done: number) => void;
  /**
   * Place each row by the finest location any of its places gives (a recipient's postcode before
   * the beneficiary's district), instead of the first place that gives one. Off by default.
   */
  preferFinest?: boolean;
}

/** Rows between progress reports: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_ROWS = 2_000;

interface RowProblem {
  /** 1-based data row (the header is row 0). */
  row: number;
  column?: string;
  value?: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface TableImport {
  schemes: Scheme[];
  problems: RowProblem[];
  /** How many schemes each kind of location placed, e.g. "Beneficiary location: area code" → 853. */
  locatedBy: Map<string, number>;
}

const PLACE_NAMES: Record<LocationPlace, string> = { beneficiary: 'beneficiary location', scheme: 'location', recipient: 'recipient' };

interface Cell {
  column: string;
  value: string;
}

type Located = { footprint: Footprint; how: string; placement: Placement; warnings: string[] } | { reasons: string[] };

/** Postcodes a table needs, so the caller can fetch their shards first (PostcodeIndex.prepare). */
export function outwardCodesOf(rows: readonly (readonly string[])[], meanings: readonly ColumnMeaning[]): Set<string> {
  const columns = meanings.flatMap((m, c) => (m.kind === 'location' && m.part === 'postcode' ? [c] : []));
  const out = new Set<string>();
  for (const row of rows) {
    for (const c of columns) {
      const postcode = normalisePostcode(row[c] ?? '');
      if (postcode) out.add(postcode.outward);
    }
  }
  return out;
}

const NOT_ENGLAND_PREFIX: Record<string, string> = { S: 'Scotland', W: 'Wales', N: 'Northern Ireland' };

const LOOKS_LIKE_ONS_CODE = /^[EWSN]\d{8}$/;

function locateByCode(given: Cell, vintage: 'lsoa21' | 'lsoa11' | undefined, givenType: Cell | undefined, context: TableImportContext): Located {
  // Some published files have the code and its type the wrong way round ("MD" / "E08000021").
  const swapped =
    givenType !== undefined && !LOOKS_LIKE_ONS_CODE.test(given.value.trim().toUpperCase()) && LOOKS_LIKE_ONS_CODE.test(givenType.value.trim().toUpperCase());
  const cell = swapped ? { column: givenType.column, value: givenType.value } : given;
  const typeCell = swapped ? given : givenType;
  const located = locateByCodeCell(cell, vintage, typeCell, context);
  if (swapped && 'footprint' in located) {
    located.warnings.push(
      `the code '${cell.value}' was in ${cell.column} and its type '${given.value}' in ${given.column}; they were read the right way round`,
    );
  }
  return located;
}

function locateByCodeCell(cell: Cell, vintage: 'lsoa21' | 'lsoa11' | undefined, typeCell: Cell | undefined, context: TableImportContext): Located {
  const codes = [
    ...new Set(
      cell.value
        .split(/[;,\s]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== ''),
    ),
  ];
  const areas: { kind: AreaCodeKind; code: string }[] = [];
  const warnings: string[] = [];
  for (const code of codes) {
    const country = NOT_ENGLAND_PREFIX[code[0] ?? ''];
    if (country && LOOKS_LIKE_ONS_CODE.test(code)) return { reasons: [`${cell.column} '${code}' is in ${country}; GapMap covers England only`] };
    const kind = areaKindOfCode(code, vintage ?? 'lsoa21');
    const typeNote = typeCell && typeCell.value !== '' ? ` (type ${typeCell.value})` : '';
    if (!kind) return { reasons: [`${cell.column} '${code}'${typeNote} is not an area code GapMap can map: expected ${AREA_CODE_HELP}`] };
    if (context.areas.lsoasOf(kind, code)) {
      areas.push({ kind, code });
      continue;
    }
    // An LSOA code of no stated vintage that is not a 2021 LSOA may be a 2011 one (older grant data).
    if (kind === 'lsoa21' && vintage === undefined) {
      const lsoas = context.areas.lsoasOf('lsoa11', code);
      if (lsoas) {
        areas.push({ kind: 'lsoa11', code });
        warnings.push(
          lsoas.length > 1
            ? `${cell.column} '${code}' is an LSOA 2011 code, split into ${lsoas.length} LSOAs in 2021; the scheme covers all of them`
            : `${cell.column} '${code}' is an LSOA 2011 code; it was mapped to its 2021 LSOA`,
        );
        continue;
      }
    }
    const what =
      kind === 'lsoa21' ? 'an England LSOA (2021)' : kind === 'lsoa11' ? 'an England LSOA (2011)' : `a current England ${kind === 'lad' ? 'district' : kind}`;
    return { reasons: [`${cell.column} '${code}'${typeNote} is not ${what}`] };
  }
  if (areas.length === 0) return { reasons: [] };
  const kinds = [...new Set(areas.map((a) => (a.kind === 'lsoa11' || a.kind === 'lsoa21' ? 'LSOA' : a.kind === 'lad' ? 'district' : a.kind)))];
  return { footprint: { type: 'areas', areas }, how: `area code (${kinds.join(', ')})`, placement: placementOfAreas(areas), warnings };
}

function locateByPostcode(cell: Cell, radiusM: number, context: TableImportContext): Located {
  const postcode = normalisePostcode(cell.value);
  if (!postcode) return { reasons: [`${cell.column} '${cell.value}' is not shaped like a UK postcode (e.g. M1 1AD)`] };
  if (!context.postcodes)
    return { reasons: [`${cell.column} '${postcode.postcode}' cannot be looked up: this build has no postcode table (npm run data with the postcodes file)`] };
  const place = context.postcodes.find(postcode);
  if (!place) return { reasons: [`${cell.column}: ${missingPostcodeReason(postcode, context.postcodes.releaseNote)}`] };
  return { footprint: { type: 'point', point: [place.lon, place.lat], radiusM }, how: 'postcode', placement: 'postcode', warnings: [] };
}

function number(text: string): number {
  return text.trim() === '' ? NaN : Number(text.replace(/,/g, '').trim());
}

/** A decimal number as written in a file: 53.48, -2.3, 1e-3; not 0x1F, Infinity or "53,48". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why a latitude or longitude cell cannot be read as one, or null. */
function degreesProblem(cell: Cell): string | null {
  const text = cell.value.trim();
  if (DECIMAL.test(text)) return null;
  if (/^[+-]?\d+,\d+$/.test(text)) return `${cell.column} '${text}' uses a decimal comma: write ${text.replace(',', '.')}`;
  return `${cell.column} '${text}' is not a number in decimal notation`;
}

/** The first usable location of one place (coordinates, grid reference, postcode, area code), or why there is none. */
function locateAt(cells: Partial<Record<LocationPart, Cell>>, vintage: 'lsoa21' | 'lsoa11' | undefined, radiusM: number, context: TableImportContext): Located {
  const reasons: string[] = [];
  const filled = (part: LocationPart) => (cells[part]?.value ?? '') !== '';
  if (filled('latitude') || filled('longitude')) {
    const lat = number(cells.latitude?.value ?? '');
    const lon = number(cells.longitude?.value ?? '');
    const notDecimal = filled('latitude') && filled('longitude') ? (degreesProblem(cells.latitude!) ?? degreesProblem(cells.longitude!)) : null;
    const outside = Number.isFinite(lat) && Number.isFinite(lon) ? outsideEnglandReason([lon, lat]) : null;
    if (!filled('latitude') || !filled('longitude'))
      reasons.push(`${cells.latitude?.column ?? cells.longitude?.column} is given without its ${filled('latitude') ? 'longitude' : 'latitude'}`);
    else if (notDecimal) reasons.push(notDecimal);
    else if (!Number.isFinite(lat) || lat < -90 || lat > 90) reasons.push(`${cells.latitude!.column} ${cells.latitude!.value} is outside −90…90`);
    else if (!Number.isFinite(lon) || lon < -180 || lon > 180) reasons.push(`${cells.longitude!.column} ${cells.longitude!.value} is outside −180…180`);
    else if (outside) reasons.push(outside);
    else return { footprint: { type: 'point', point: [lon, lat], radiusM }, how: 'latitude/longitude', placement: 'exact', warnings: [] };
  }
  if (filled('easting') || filled('northing')) {
    const easting = number(cells.easting?.value ?? '');
    const northing = number(cells.northing?.value ?? '');
    const problem = bngProblem(easting, northing);
    if (problem) reasons.push(problem);
    else return { footprint: { type: 'point', point: bngToLonLat(easting, northing), radiusM }, how: 'grid reference', placement: 'exact', warnings: [] };
  }
  if (filled('postcode')) {
    const found = locateByPostcode(cells.postcode!, radiusM, context);
    if ('footprint' in found) return found;
    reasons.push(...found.reasons);
  }
  if (filled('code')) {
    const found = locateByCode(cells.code!, vintage, cells['code-type'], context);
    if ('footprint' in found) return found;
    reasons.push(...found.reasons);
  }
  return { reasons };
}

function fieldCells(headers: readonly string[], meanings: readonly ColumnMeaning[], row: readonly string[]): Partial<Record<SchemeField, Cell>> {
  const out: Partial<Record<SchemeField, Cell>> = {};
  meanings.forEach((m, c) => {
    if (m.kind === 'field') out[m.field] = { column: headers[c]!, value: (row[c] ?? '').trim() };
  });
  return out;
}

export function importTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  meanings: readonly ColumnMeaning[],
  context: TableImportContext,
): TableImport {
  const schemes: Scheme[] = [];
  const problems: RowProblem[] = [];
  const locatedBy = new Map<string, number>();
  const usedBy = new Map<string, number>();
  // Per place: its columns and the LSOA vintage its code column states.
  const places = LOCATION_PLACES.map((place) => {
    const columns: Partial<Record<LocationPart, number>> = {};
    let vintage: 'lsoa21' | 'lsoa11' | undefined;
    meanings.forEach((m, c) => {
      if (m.kind === 'location' && m.place === place) {
        columns[m.part] = c;
        if (m.part === 'code') vintage = m.lsoaVintage;
      }
    });
    return { place, columns, vintage };
  }).filter(({ columns }) => Object.keys(columns).length > 0);

  // A table of stops (NaPTAN's ATCOCode or NaptanCode column, or the user says so): transport, with a walking catchment.
  const stops = context.reach?.pointsAreStops ?? headers.some((header) => (PROPERTY_NAMES.stop as readonly string[]).includes(normalisePropertyName(header)));
  const defaultKind = stops ? 'transport' : context.defaultKind;
  rows.forEach((row, k) => {
    if (k % PROGRESS_EVERY_ROWS === 0) context.onProgress?.(k / rows.length);
    const rowNumber = k + 1;
    const fields = fieldCells(headers, meanings, row);
    const warn = (cell: Cell | undefined, message: string) =>
      problems.push({ row: rowNumber, ...(cell ? { column: cell.column, value: cell.value } : {}), severity: 'warning', message });
    const text = (field: SchemeField) => (fields[field]?.value ?? '') || undefined;

    let radiusM = stops ? (context.reach?.stopRadiusM ?? DEFAULT_STOP_RADIUS_M) : (context.reach?.pointRadiusM ?? DEFAULT_POINT_RADIUS_M);
    if (text('radius') !== undefined) {
      const r = number(fields.radius!.value);
      if (Number.isFinite(r) && r >= 0) radiusM = r;
      else warn(fields.radius, `${fields.radius!.column} '${fields.radius!.value}' is not a distance in metres; ${radiusM} m was used.`);
    }

    let located: Located = { reasons: [] };
    const reasons: string[] = [];
    for (const { place, columns, vintage } of places) {
      const cells: Partial<Record<LocationPart, Cell>> = {};
      for (const [part, c] of Object.entries(columns) as [LocationPart, number][]) cells[part] = { column: headers[c]!, value: (row[c] ?? '').trim() };
      const attempt = locateAt(cells, vintage, radiusM, context);
      if ('footprint' in attempt) {
        const finer = !('footprint' in located) || PLACEMENTS.indexOf(attempt.placement) < PLACEMENTS.indexOf(located.placement);
        if (finer) located = { ...attempt, how: `${PLACE_NAMES[place][0]!.toUpperCase()}${PLACE_NAMES[place].slice(1)}: ${attempt.how}` };
        if (!context.preferFinest || attempt.placement === 'exact') break;
        continue;
      }
      reasons.push(...attempt.reasons);
    }
    const id = text('id') ?? `row ${rowNumber}`;
    if (!('footprint' in located)) {
      problems.push({
        row: rowNumber,
        severity: 'error',
        message:
          reasons.length > 0
            ? `No usable location: ${reasons.join('; ')}. The row was skipped.`
            : 'No location: the row has no coordinates, grid reference, postcode or area code. The row was skipped.',
      });
      return;
    }
    for (const warning of located.warnings) warn(undefined, `${warning}.`);
    locatedBy.set(located.how, (locatedBy.get(located.how) ?? 0) + 1);

    let kind = defaultKind;
    const kindText = text('kind');
    if (kindText !== undefined) {
      const known = SCHEME_KINDS.find((k) => k === kindText.toLowerCase());
      if (known) kind = known;
      else warn(fields.kind, `kind '${kindText}' is not one of ${SCHEME_KINDS.join(', ')}; '${defaultKind}' was used.`);
    }
    const scheme: Scheme = { id, name: text('name') ?? id, kind, footprint: located.footprint, locatedBy: located.how, placement: located.placement };
    const amountText = text('amount');
    if (amountText !== undefined) {
      const amount = parseAmount(amountText);
      if (Number.isNaN(amount))
        warn(
          fields.amount,
          `${fields.amount!.column} '${amountText}' is not an amount of pounds (e.g. 1234, £1,234.50 or 1.2k); the scheme is kept without an amount.`,
        );
      else scheme.amountGbp = amount;
    }
    const date = (field: 'start' | 'end' | 'awarded') => {
      const value = text(field);
      if (value === undefined) return undefined;
      const parsed = parseDate(value);
      if (parsed === undefined) warn(fields[field], `${fields[field]!.column} '${value}' is not a date (yyyy-mm-dd or dd/mm/yyyy); it was ignored.`);
      return parsed;
    };
    const start = date('start') ?? date('awarded');
    const end = date('end');
    if (start !== undefined) scheme.start = start;
    if (end !== undefined) scheme.end = end;
    if (start !== undefined && end !== undefined && end < start) warn(fields.end, `It ends (${end}) before it starts (${start}); both were kept.`);
    const funder = text('funder');
    const theme = text('theme');
    if (funder !== undefined) scheme.funder = funder;
    if (theme !== undefined) scheme.theme = theme;

    const firstUser = usedBy.get(scheme.id);
    if (firstUser !== undefined) {
      let n = 2;
      while (usedBy.has(`${id}#${n}`)) n++;
      scheme.id = `${id}#${n}`;
      if (scheme.name === id) scheme.name = scheme.id;
      warn(fields.id, `The id '${id}' is already used by row ${firstUser}; this one was renamed '${scheme.id}' so results can tell them apart.`);
    }
    usedBy.set(scheme.id, rowNumber);
    schemes.push(scheme);
  });
  context.onProgress?.(1);
  return { schemes, problems, locatedBy };
}
