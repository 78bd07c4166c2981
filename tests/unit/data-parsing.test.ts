// What the data step accepts and what it tells the user when an input is wrong. Fixtures are real
// rows of the City of London (see tests/fixtures/data-step/README.md and
// tests/fixtures/source-city-of-london/README.md).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../../src/core/indicators';
import { readLsoaBoundaries } from '../../src/data/boundaries';
import { checkJoin } from '../../src/data/join';
import { parseIodTable, type IodRow } from '../../src/data/parse-iod';
import { parseCountyLookup, parseMsoaLookup, parsePopulation, parseRegionLookup, parseWardLookup } from '../../src/data/parse-lookups';
import { formatProblem, type DataProblem, type Result } from '../../src/data/problems';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'data-step');
const source = path.join(here, '..', 'fixtures', 'source-city-of-london');
const read = (file: string) => fs.readFileSync(file, 'utf8');
const fixture = (name: string) => read(path.join(fixtures, name));
const sourceFile = (rel: string) => read(path.join(source, rel));

const CITY = ['E01000001', 'E01000002', 'E01000003', 'E01000005', 'E01032739', 'E01032740'];
const DOMAINS = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living'] as const;

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got:\n${result.problems.map(formatProblem).join('\n')}`);
  expect(result.problems).toEqual([]);
  return result.value;
}

function problemsOf<T>(result: Result<T>): DataProblem[] {
  expect(result.ok).toBe(false);
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems;
}

/** The file's own cells, read independently of the parser under test. */
function rawRecords(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const byCode = (rows: IodRow[]) => new Map(rows.map((row) => [row.code, row]));

describe('parseIodTable: official File 7 headers and the renamed ../shared/data headers', () => {
  const official = ok(parseIodTable(fixture('iod2025-file7-official-headers.csv'), 'file7.csv', ['imd']));
  const renamed = ok(parseIodTable(fixture('iod2025-renamed-headers.csv'), 'renamed.csv', ['imd']));

  it('reads every row of both, in file order', () => {
    expect(official.rows.map((r) => r.code)).toEqual(CITY);
    expect(renamed.rows.map((r) => r.code)).toEqual(CITY);
    expect(official.rows.map((r) => r.name)).toEqual(renamed.rows.map((r) => r.name));
    expect(official.rows.every((r) => r.ladCode === 'E09000001')).toBe(true);
    expect(renamed.rows.every((r) => r.ladCode === 'E09000001')).toBe(true);
  });

  it('gives the same score, rank and decile for the IMD and all seven domains', () => {
    expect(renamed.indicators).toEqual([...DOMAINS]);
    const officialByCode = byCode(official.rows);
    for (const row of renamed.rows) {
      for (const key of DOMAINS) {
        expect(officialByCode.get(row.code)!.values[key], `${row.code} ${key}`).toEqual(row.values[key]);
      }
    }
  });

  it('reads the published E01000001 values (IMD score 8.742, rank 26,525, decile 8)', () => {
    for (const table of [official, renamed]) {
      expect(byCode(table.rows).get('E01000001')!.values.imd).toEqual({ score: 8.742, rank: 26525, decile: 8 });
    }
  });

  it('matches the cells of the renamed file for every indicator', () => {
    const parsed = byCode(renamed.rows);
    const prefixes: Record<(typeof DOMAINS)[number], string> = {
      imd: 'imd',
      income: 'income',
      employment: 'employment',
      education: 'education',
      health: 'health',
      crime: 'crime',
      barriers: 'barriers_housing_services',
      living: 'living_environment',
    };
    const records = rawRecords(fixture('iod2025-renamed-headers.csv'));
    expect(records).toHaveLength(CITY.length);
    for (const record of records) {
      for (const key of DOMAINS) {
        const p = prefixes[key];
        expect(parsed.get(record.lsoa21cd!)!.values[key]).toEqual({
          score: Number(record[`${p}_score`]),
          rank: Number(record[`${p}_rank`]),
          decile: Number(record[`${p}_decile`]),
        });
      }
    }
  });

  it('takes IDACI, IDAOPI and the mid-2022 population from File 7 when present', () => {
    expect(official.indicators).toEqual([...INDICATOR_KEYS]);
    expect(official.hasPopulation).toBe(true);
    expect(renamed.hasPopulation).toBe(false);
    const e01000001 = byCode(official.rows).get('E01000001')!;
    // IDACI/IDAOPI ranks and deciles as published in File 3 (../shared/data/README.md).
    expect(e01000001.values.idaci).toMatchObject({ rank: 33304, decile: 10 });
    expect(e01000001.values.idaopi).toMatchObject({ rank: 33721, decile: 10 });
    const records = rawRecords(fixture('iod2025-file7-official-headers.csv'));
    expect(official.rows.map((r) => r.population)).toEqual(records.map((r) => Number(r['Total population: mid 2022'])));
  });

  it('accepts a UTF-8 byte order mark and thousands separators, as Excel saves them', () => {
    const text = fixture('iod2025-file7-official-headers.csv').replace(',26525,', ',"26,525",');
    const withBom = ok(parseIodTable(`\ufeff${text}`, 'file7.csv', ['imd']));
    expect(withBom.rows).toEqual(official.rows);
  });

  it('reads File 3 (IDACI/IDAOPI) on its own with the supplementary indices required', () => {
    const supplementary = ok(parseIodTable(sourceFile('iod2025/iod2025_idaci_idaopi_lsoa21_england.csv'), 'file3.csv', ['idaci', 'idaopi']));
    expect(supplementary.indicators).toEqual(['idaci', 'idaopi']);
    expect(byCode(supplementary.rows).get('E01000005')!.values).toEqual({
      idaci: { rank: 9604, decile: 3 },
      idaopi: { rank: 912, decile: 1 },
    });
  });

  it('keeps national ranks in a file that holds only part of England', () => {
    // 3 rows, ranks in the tens of thousands: a subset of the national file is still valid.
    const table = ok(parseIodTable(fixture('bad-decile.csv').replace(',11\n', ',8\n').replace(',0\n', ',10\n'), 'subset.csv', ['imd']));
    expect(table.rows.map((r) => r.values.imd!.rank)).toEqual([26525, 31203, 25913]);
  });
});

describe('parseIodTable: one bad file for each error, each saying what to fix', () => {
  it('a missing column: names the column and lists the headers found', () => {
    const [problem, ...rest] = problemsOf(parseIodTable(fixture('bad-missing-column.csv'), 'bad-missing-column.csv', ['imd']));
    expect(rest).toEqual([]);
    expect(problem!.file).toBe('bad-missing-column.csv');
    expect(problem!.column).toBe('Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)');
    expect(problem!.message).toMatch(/Missing column for the Index of Multiple Deprivation \(IMD\) decile/);
    expect(problem!.message).toContain("'imd_decile'");
    expect(problem!.message).toContain("Headers found: 'lsoa21cd', 'lsoa21nm', 'imd_score', 'imd_rank'.");
  });

  it('a column the user does not need (e.g. IDACI in the main file) is not an error', () => {
    // bad-missing-column has no IDACI at all; only the IMD decile is reported.
    const problems = problemsOf(parseIodTable(fixture('bad-missing-column.csv'), 'x.csv', ['imd']));
    expect(problems.some((p) => /IDACI/.test(p.message))).toBe(false);
  });

  it('a duplicate code: the row, and where it first appeared', () => {
    const problems = problemsOf(parseIodTable(fixture('bad-duplicate-code.csv'), 'bad-duplicate-code.csv', ['imd']));
    expect(problems).toEqual([expect.objectContaining({ file: 'bad-duplicate-code.csv', row: 3, column: 'lsoa21cd', value: 'E01000001' })]);
    expect(problems[0]!.message).toMatch(/E01000001 appears again \(first on row 1\); each LSOA must appear once/);
    expect(formatProblem(problems[0]!)).toMatch(/^bad-duplicate-code\.csv, row 3, column 'lsoa21cd': /);
  });

  it('a malformed code: each bad row, with the expected form E01 + 6 digits', () => {
    const problems = problemsOf(parseIodTable(fixture('bad-malformed-code.csv'), 'bad-malformed-code.csv', ['imd']));
    expect(problems.map((p) => [p.row, p.value])).toEqual([
      [2, 'E0100002'],
      [3, 'E01 000003'],
    ]);
    for (const problem of problems) {
      expect(problem.column).toBe('lsoa21cd');
      expect(problem.message).toContain(`'${problem.value}' is not an LSOA 2021 code (E01 followed by 6 digits)`);
    }
  });

  it('a decile outside 1..10: row, column and value', () => {
    const problems = problemsOf(parseIodTable(fixture('bad-decile.csv'), 'bad-decile.csv', ['imd']));
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'imd_decile', '11'],
      [2, 'imd_decile', '0'],
    ]);
    expect(problems[0]!.message).toBe("Decile '11' for E01000001 is outside 1..10 (1 = most deprived).");
  });

  it('a rank outside 1..N: row, column, value and the allowed range', () => {
    const problems = problemsOf(parseIodTable(fixture('bad-rank.csv'), 'bad-rank.csv', ['imd']));
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'imd_rank', '0'],
      [2, 'imd_rank', '33756'],
    ]);
    expect(problems[1]!.message).toBe("Rank '33756' for E01000002 is outside 1..33,755 (the number of LSOAs ranked in England).");
  });

  it('a non-numeric score: row, column and value, including an empty cell', () => {
    const problems = problemsOf(parseIodTable(fixture('bad-score.csv'), 'bad-score.csv', ['imd']));
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'imd_score', 'n/a'],
      [2, 'imd_score', ''],
    ]);
    expect(problems[0]!.message).toBe("Score 'n/a' for E01000001 is not a number.");
  });

  it('uses the official header in messages when the file has official headers', () => {
    const text = fixture('iod2025-file7-official-headers.csv').replace(',26525,8,', ',26525,12,');
    const [problem] = problemsOf(parseIodTable(text, 'file7.csv', ['imd']));
    expect(problem).toMatchObject({
      row: 1,
      column: 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)',
      value: '12',
    });
  });

  it('a file wrong on every row lists 10 and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `E010${String(i).padStart(5, '0')},x,1.0,${i + 1},11`);
    const problems = problemsOf(parseIodTable(['lsoa21cd,lsoa21nm,imd_score,imd_rank,imd_decile', ...rows].join('\n'), 'f.csv', ['imd']));
    expect(problems).toHaveLength(11);
    expect(problems.slice(0, 10).every((p) => p.value === '11')).toBe(true);
    expect(problems[10]!.message).toBe('…and 15 more rows with a decile outside 1..10');
  });

  it('an empty file asks for a header row', () => {
    expect(problemsOf(parseIodTable('', 'empty.csv', ['imd']))[0]!.message).toMatch(/empty: expected a header row/);
  });
});

describe('checkJoin: the join must match 100%', () => {
  it('reports each direction that does not match, with the count and the first failing codes', () => {
    const problems = checkJoin(
      { file: 'iod.csv', codes: ['E01000001', 'E01000002', 'E01000003', 'E01000005'] },
      { file: 'lookup.csv', codes: ['E01000005', 'E01000001', 'E01099999'] },
    );
    expect(problems).toEqual([
      {
        file: 'iod.csv',
        message: '2 of 4 codes have no match in lookup.csv (50.0% matched; the join must match 100%). First unmatched: E01000002, E01000003.',
      },
      {
        file: 'lookup.csv',
        message: '1 of 3 codes have no match in iod.csv (66.7% matched; the join must match 100%). First unmatched: E01099999.',
      },
    ]);
  });

  it('lists only the first few unmatched codes, sorted', () => {
    const left = Array.from({ length: 12 }, (_, i) => `E010000${String(12 - i).padStart(2, '0')}`);
    const [problem] = checkJoin({ file: 'a', codes: left }, { file: 'b', codes: [] });
    expect(problem!.message).toMatch(/^12 of 12 codes .*0\.0% matched.*First unmatched: E01000001, E01000002, E01000003, E01000004, E01000005\.$/);
  });

  it('is silent on a 100% match, whatever the order', () => {
    expect(checkJoin({ file: 'a', codes: CITY }, { file: 'b', codes: [...CITY].reverse() })).toEqual([]);
  });
});

describe('lookups and population', () => {
  it('parses the Census 2021 population', () => {
    const rows = ok(parsePopulation(sourceFile('population/lsoa21_population_census2021_england.csv'), 'pop.csv'));
    const raw = rawRecords(sourceFile('population/lsoa21_population_census2021_england.csv'));
    expect(rows).toEqual(raw.map((r) => ({ lsoa: r.lsoa21cd, population: Number(r.usual_residents_2021) })));
    expect(rows.map((r) => r.lsoa)).toEqual(CITY);
  });

  it('rejects a population that is not a whole number of people', () => {
    const text = 'lsoa21cd,usual_residents_2021\nE01000001,1474\nE01000002,12.5\nE01000003,-3\nE01000005,"1,101"\n';
    const problems = problemsOf(parsePopulation(text, 'pop.csv'));
    expect(problems.map((p) => [p.row, p.value])).toEqual([
      [2, '12.5'],
      [3, '-3'],
    ]);
    expect(problems[0]!.message).toMatch(/not a whole number of people/);
  });

  it('parses the ward lookup (LSOA → ward → LAD)', () => {
    const rows = ok(parseWardLookup(sourceFile('lookups/lsoa21_ward24_lad24_rgn24_england.csv'), 'wards.csv'));
    expect(rows.map((r) => r.lsoa)).toEqual(CITY);
    expect(rows[0]).toEqual({
      lsoa: 'E01000001',
      lsoaName: 'City of London 001A',
      wardCode: 'E05009288',
      wardName: 'Aldersgate',
      ladCode: 'E09000001',
      ladName: 'City of London',
    });
  });

  it('accepts the ONS download spelling of the ward lookup headers (upper case)', () => {
    const text = sourceFile('lookups/lsoa21_ward24_lad24_rgn24_england.csv');
    const [header, ...rest] = text.split('\n');
    const upper = ok(parseWardLookup([header!.toUpperCase(), ...rest].join('\n'), 'LSOA21_WD24_LAD24_EW_LU.csv'));
    expect(upper).toEqual(ok(parseWardLookup(text, 'wards.csv')));
  });

  it('rejects a malformed or duplicated LSOA code in a lookup', () => {
    const text = 'lsoa21cd,lsoa21nm,wd24cd,wd24nm,lad24cd,lad24nm\nE01000001,a,w,w,l,l\nE1000002,b,w,w,l,l\nE01000001,a,w,w,l,l\n';
    const problems = problemsOf(parseWardLookup(text, 'wards.csv'));
    expect(problems.map((p) => [p.row, p.value])).toEqual([
      [2, 'E1000002'],
      [3, 'E01000001'],
    ]);
    expect(problems[1]!.message).toMatch(/appears more than once/);
  });

  it('parses the MSOA names lookup', () => {
    const rows = ok(parseMsoaLookup(sourceFile('lookups/lsoa21_msoa21_hclnames_england.csv'), 'msoa.csv'));
    expect(rows.map((r) => r.lsoa)).toEqual(CITY);
    expect(new Set(rows.map((r) => `${r.msoaCode} ${r.msoaName} / ${r.msoaHclName}`))).toEqual(new Set(['E02000001 City of London 001 / City of London']));
  });

  it('parses the county and region lookups', () => {
    expect(ok(parseCountyLookup(sourceFile('lookups/lad24_cty24_england.csv'), 'cty.csv'))).toEqual([
      { ladCode: 'E09000001', countyCode: 'E09000001', countyName: 'City of London' },
    ]);
    expect(ok(parseRegionLookup(sourceFile('lookups/lad24_rgn24_england.csv'), 'rgn.csv'))).toEqual([
      { ladCode: 'E09000001', regionCode: 'E12000007', regionName: 'London' },
    ]);
    // The ONS LTLA→UTLA download headers.
    const ons = 'LTLA23CD,LTLA23NM,UTLA23CD,UTLA23NM\nE07000066,Basildon,E10000012,Essex\n';
    expect(ok(parseCountyLookup(ons, 'LTLA23_UTLA23_EW_LU.csv'))).toEqual([{ ladCode: 'E07000066', countyCode: 'E10000012', countyName: 'Essex' }]);
  });

  it('a lookup missing a column names it and lists the headers found', () => {
    const [problem] = problemsOf(parseRegionLookup('lad24cd,lad24nm,rgn24cd\nE09000001,City of London,E12000007\n', 'rgn.csv'));
    expect(problem!.column).toBe('rgn24nm');
    expect(problem!.message).toContain("Missing column for the region 2024 name: expected one of 'rgn24nm', 'RGN24NM'.");
    expect(problem!.message).toContain("Headers found: 'lad24cd', 'lad24nm', 'rgn24cd'.");
  });
});

describe('readLsoaBoundaries', () => {
  const bgc = JSON.parse(sourceFile('boundaries/lsoa21_bgc_england_by_lad24/E09000001.geojson')) as FeatureCollection;
  const withProperties = (feature: Feature, properties: Record<string, unknown>): Feature => ({ ...feature, properties });

  it('reads the real BGC features', () => {
    const boundaries = ok(readLsoaBoundaries(bgc.features, 'E09000001.geojson'));
    expect(boundaries.map((b) => b.code)).toEqual(CITY);
    expect(boundaries.map((b) => b.geometry)).toEqual(bgc.features.map((f) => f.geometry));
  });

  it('finds the code property in any case', () => {
    const [a, b, c] = bgc.features;
    const boundaries = ok(
      readLsoaBoundaries(
        [
          withProperties(a!, { LSOA21CD: 'E01000001' }),
          withProperties(b!, { lsoa21cd: 'E01000002' }),
          withProperties(c!, { Lsoa21Cd: ' E01000003 ', name: 'x' }),
        ],
        'mixed.geojson',
      ),
    );
    expect(boundaries.map((x) => x.code)).toEqual(['E01000001', 'E01000002', 'E01000003']);
  });

  it('rejects bad codes, duplicates and missing or non-polygon geometry, naming the feature', () => {
    const [a, b] = bgc.features;
    const problems = problemsOf(
      readLsoaBoundaries(
        [
          withProperties(a!, { LSOA21CD: 'E01000001' }),
          withProperties(b!, { LSOA21CD: 'W01000002' }),
          withProperties(b!, { LSOA21NM: 'no code' }),
          withProperties(a!, { lsoa21cd: 'E01000001' }),
          { type: 'Feature', properties: { LSOA21CD: 'E01000003' }, geometry: { type: 'Point', coordinates: [-0.1, 51.5] } },
          { type: 'Feature', properties: { LSOA21CD: 'E01000005' }, geometry: null as unknown as Feature['geometry'] },
        ],
        'bad.geojson',
      ),
    );
    expect(problems.map((p) => [p.file, p.row, p.value])).toEqual([
      ['bad.geojson', 2, 'W01000002'],
      ['bad.geojson', 3, 'undefined'],
      ['bad.geojson', 4, 'E01000001'],
      ['bad.geojson', 5, 'Point'],
      ['bad.geojson', 6, 'null'],
    ]);
    expect(problems[0]!.message).toMatch(/Feature 2 has LSOA21CD 'W01000002', which is not an LSOA 2021 code \(E01 followed by 6 digits\)/);
    expect(problems[2]!.message).toMatch(/appears in more than one feature/);
    expect(problems[3]!.message).toBe('E01000003 has a Point geometry; expected a Polygon or MultiPolygon.');
    expect(problems[4]!.message).toBe('E01000005 has no geometry; expected a Polygon or MultiPolygon.');
  });
});
