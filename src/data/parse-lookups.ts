// ONS lookups and the Census 2021 population table: small keyed CSVs read through one helper.

import { parseCsv, resolveColumns, type ColumnSpec } from './csv';
import { LSOA21_CODE } from './parse-iod';
import { ProblemList, type Result } from './problems';

type Spec<K extends string> = readonly [key: K, aliases: readonly string[], description: string];

/** Reads the named columns of a CSV into records; every listed column is required. */
export function readTable<K extends string>(text: string, file: string, specs: readonly Spec<K>[]): Result<{ rows: Record<K, string>[]; headers: string[] }> {
  const csv = parseCsv(text, file);
  if (!csv.ok) return csv;
  const columnSpecs: ColumnSpec<K>[] = specs.map(([key, aliases, description]) => ({
    key,
    aliases,
    required: true,
    description,
  }));
  const columns = resolveColumns(csv.value.headers, columnSpecs, file);
  if (!columns.ok) return columns;
  const rows = csv.value.rows.map((cells) => {
    const record = {} as Record<K, string>;
    for (const [key] of specs) record[key] = (cells[columns.value[key] ?? -1] ?? '').trim();
    return record;
  });
  return { ok: true, value: { rows, headers: csv.value.headers }, problems: [] };
}

/** Checks the LSOA code column of a lookup: format and uniqueness. */
function checkLsoaCodes(rows: { lsoa: string }[], file: string, column: string): ProblemList {
  const problems = new ProblemList(file);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (!LSOA21_CODE.test(row.lsoa)) {
      problems.add('a malformed LSOA code', {
        row: i + 1,
        column,
        value: row.lsoa,
        message: `'${row.lsoa}' is not an LSOA 2021 code (E01 followed by 6 digits).`,
      });
    } else if (seen.has(row.lsoa)) {
      problems.add('a duplicate LSOA code', {
        row: i + 1,
        column,
        value: row.lsoa,
        message: `${row.lsoa} appears more than once; each LSOA must appear once.`,
      });
    }
    seen.add(row.lsoa);
  });
  return problems;
}

const LSOA: Spec<'lsoa'> = ['lsoa', ['lsoa21cd', 'LSOA21CD', 'LSOA code (2021)', 'geography code'], 'the LSOA 2021 code'];

export interface PopulationRow {
  lsoa: string;
  population: number;
}

/** Census 2021 usual residents per LSOA (../shared/data/population). */
export function parsePopulation(text: string, file: string): Result<PopulationRow[]> {
  const table = readTable(text, file, [
    LSOA,
    ['population', ['usual_residents_2021', 'Total: All usual residents', 'population'], 'the usual resident population'],
  ] as const);
  if (!table.ok) return table;
  const problems = checkLsoaCodes(table.value.rows, file, 'lsoa21cd');
  const rows: PopulationRow[] = [];
  table.value.rows.forEach((row, i) => {
    const population = Number(row.population.replace(/,/g, ''));
    if (!Number.isInteger(population) || population < 0) {
      problems.add('a bad population', {
        row: i + 1,
        column: 'usual_residents_2021',
        value: row.population,
        message: `Population '${row.population}' is not a whole number of people.`,
      });
      return;
    }
    rows.push({ lsoa: row.lsoa, population });
  });
  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: rows, problems: [] };
}

export interface WardRow {
  lsoa: string;
  lsoaName: string;
  wardCode: string;
  wardName: string;
  ladCode: string;
  ladName: string;
}

/** ONS LSOA 2021 → ward 2024 → LAD 2024 best-fit lookup. */
export function parseWardLookup(text: string, file: string): Result<WardRow[]> {
  const table = readTable(text, file, [
    LSOA,
    ['lsoaName', ['lsoa21nm', 'LSOA21NM'], 'the LSOA name'],
    ['wardCode', ['wd24cd', 'WD24CD'], 'the ward 2024 code'],
    ['wardName', ['wd24nm', 'WD24NM'], 'the ward 2024 name'],
    ['ladCode', ['lad24cd', 'LAD24CD'], 'the LAD 2024 code'],
    ['ladName', ['lad24nm', 'LAD24NM'], 'the LAD 2024 name'],
  ] as const);
  if (!table.ok) return table;
  const problems = checkLsoaCodes(table.value.rows, file, 'lsoa21cd');
  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: table.value.rows, problems: [] };
}

export interface MsoaRow {
  lsoa: string;
  msoaCode: string;
  msoaName: string;
  msoaHclName: string;
}

/** LSOA 2021 → MSOA 2021 with the House of Commons Library MSOA names. */
export function parseMsoaLookup(text: string, file: string): Result<MsoaRow[]> {
  const table = readTable(text, file, [
    LSOA,
    ['msoaCode', ['msoa21cd', 'MSOA21CD'], 'the MSOA 2021 code'],
    ['msoaName', ['msoa21nm', 'MSOA21NM'], 'the MSOA 2021 name'],
    ['msoaHclName', ['msoa21hclnm', 'MSOA21HCLNM', 'msoa_hcl_name'], 'the House of Commons Library MSOA name'],
  ] as const);
  if (!table.ok) return table;
  const problems = checkLsoaCodes(table.value.rows, file, 'lsoa21cd');
  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: table.value.rows, problems: [] };
}

export interface CountyRow {
  ladCode: string;
  countyCode: string;
  countyName: string;
}

/** LAD 2024 → upper-tier authority (county; a unitary maps to itself). */
export function parseCountyLookup(text: string, file: string): Result<CountyRow[]> {
  const table = readTable(text, file, [
    ['ladCode', ['lad24cd', 'LAD24CD', 'LTLA23CD'], 'the LAD 2024 code'],
    ['countyCode', ['cty24cd', 'CTY24CD', 'utla24cd', 'UTLA23CD'], 'the county (upper tier) code'],
    ['countyName', ['cty24nm', 'CTY24NM', 'utla24nm', 'UTLA23NM'], 'the county (upper tier) name'],
  ] as const);
  if (!table.ok) return table;
  return { ok: true, value: table.value.rows, problems: [] };
}

export interface RegionRow {
  ladCode: string;
  regionCode: string;
  regionName: string;
}

/** LAD 2024 → region (December 2024). */
export function parseRegionLookup(text: string, file: string): Result<RegionRow[]> {
  const table = readTable(text, file, [
    ['ladCode', ['lad24cd', 'LAD24CD'], 'the LAD 2024 code'],
    ['regionCode', ['rgn24cd', 'RGN24CD'], 'the region 2024 code'],
    ['regionName', ['rgn24nm', 'RGN24NM'], 'the region 2024 name'],
  ] as const);
  if (!table.ok) return table;
  return { ok: true, value: table.value.rows, problems: [] };
}

export interface Lsoa11Row {
  lsoa11: string;
  lsoa21: string;
}

const LSOA_CODE = /^E01\d{6}$/;

/**
 * ONS LSOA 2011 → LSOA 2021 exact-fit lookup: one row per link (an LSOA split in 2021 has a row per
 * part; merged ones share their 2021 code).
 */
export function parseLsoa11Lookup(text: string, file: string): Result<Lsoa11Row[]> {
  const table = readTable(text, file, [
    ['lsoa11', ['lsoa11cd', 'LSOA11CD'], 'the LSOA 2011 code'],
    ['lsoa21', ['lsoa21cd', 'LSOA21CD'], 'the LSOA 2021 code'],
  ] as const);
  if (!table.ok) return table;
  const problems = new ProblemList(file);
  table.value.rows.forEach((row, i) => {
    for (const [column, code] of [
      ['lsoa11cd', row.lsoa11],
      ['lsoa21cd', row.lsoa21],
    ] as const) {
      if (!LSOA_CODE.test(code)) {
        problems.add('a malformed LSOA code', {
          row: i + 1,
          column,
          value: code,
          message: `'${code}' is not an LSOA code (E01 followed by 6 digits).`,
        });
      }
    }
  });
  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: table.value.rows, problems: [] };
}
