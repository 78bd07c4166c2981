// Importing schemes from the files councils hold: the real 360Giving grant files in
// ../shared/data/grants (CSV and JSON), and small hand-made files for every problem a row can
// have. Uses the real build (public/data) for area codes and postcodes.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { guessColumns, describeMeaning } from '../../src/data/import/columns';
import fc from 'fast-check';
import Papa from 'papaparse';
import { formatImportProblem, importSchemesFile, READING_SHARE, type ImportContext, type SchemesImport } from '../../src/data/import/import-file';
import { parseCsvText } from '../../src/data/import/read-table';
import { parseAmount } from '../../src/data/scheme-properties';
import { builtData, sharedRoot } from './built-data';

const grants = (name: string) => fs.readFileSync(path.join(sharedRoot, 'grants', name));
let context: ImportContext;

beforeAll(async () => {
  const data = await builtData();
  expect(data.postcodes, 'the build has the postcode index (npm run data with ../shared/data)').toBeDefined();
  context = { areas: buildAreaResolver(data.attributes, data.details, data.lookups), postcodes: data.postcodes!, defaultKind: 'grant' };
});

function ok(read: SchemesImport): Extract<SchemesImport, { ok: true }> {
  if (!read.ok) throw new Error(read.message);
  return read;
}

const csv = (text: string) => new TextEncoder().encode(text);
const errors = (read: Extract<SchemesImport, { ok: true }>) => read.problems.filter((p) => p.severity === 'error').map(formatImportProblem);

describe('real 360Giving files', () => {
  it('Trafford Council grants (CSV): 555 grants, each placed by its beneficiary district', async () => {
    const read = ok(await importSchemesFile(grants('trafford_council_voluntary_sector_grants_360giving.csv'), 'trafford.csv', context));
    expect(read.format).toBe('CSV');
    expect(read.schemes).toHaveLength(555);
    expect(errors(read)).toEqual([]);
    expect([...read.table!.locatedBy]).toEqual([['Beneficiary location: area code (district)', 555]]);
    expect(read.schemes.every((s) => s.footprint.type === 'areas' && s.footprint.areas[0]!.code === 'E08000009')).toBe(true);
    expect(read.schemes.every((s) => s.funder === 'Trafford Metropolitan Borough Council')).toBe(true);
    // £1.29m in all, 2013-01-18 to 2024-06-19 (the data's README).
    const total = read.schemes.reduce((sum, s) => sum + (s.amountGbp ?? 0), 0);
    expect(total).toBeGreaterThan(1_285_000);
    expect(total).toBeLessThan(1_295_000);
    const starts = read.schemes.map((s) => s.start!).sort();
    expect([starts[0], starts[starts.length - 1]]).toEqual(['2013-01-18', '2024-06-19']);
    // Column meanings the preview shows.
    const meaning = (header: string) => describeMeaning(read.table!.meanings[read.table!.headers.indexOf(header)]!);
    expect(meaning('Amount Awarded')).toBe('Amount (£)');
    expect(meaning('Beneficiary Location:Geographic Code')).toBe('Beneficiary location area code (LSOA, ward, district, county or region)');
    expect(meaning('Recipient Org:Postal Code')).toBe('Recipient postcode');
    expect(meaning('Amount Applied For')).toBe('Not used');
  });

  it('the same grants as 360Giving JSON give the same schemes as the CSV', async () => {
    const fromCsv = ok(await importSchemesFile(grants('trafford_council_voluntary_sector_grants_360giving.csv'), 'trafford.csv', context));
    const fromJson = ok(await importSchemesFile(grants('trafford_council_voluntary_sector_grants_360giving.json'), 'trafford.json', context));
    expect(fromJson.format).toBe('360Giving JSON');
    const key = (s: Scheme) => [s.id, s.name, s.amountGbp, s.start, s.funder, JSON.stringify(s.footprint)].join('|');
    expect(fromJson.schemes.map(key)).toEqual(fromCsv.schemes.map(key));
  });

  it('COVID-19 grants (flattened CSV): beneficiary LSOAs first (2011 codes mapped), then recipient postcodes; every other row a listed problem', async () => {
    const read = ok(await importSchemesFile(grants('360giving_datastore_covid19_grants_2020-05-07_flat.csv'), 'covid.csv', context));
    expect(read.schemes.length + errors(read).length).toBe(1978);
    const by = Object.fromEntries(read.table!.locatedBy);
    // 853 grants carry an LSOA code, all LSOA 2011 codes; 65 of them changed in 2021 (the data's README).
    expect(by['Beneficiary location: area code (LSOA)']).toBe(853);
    const mapped = read.problems.filter((p) => /is an LSOA 2011 code/.test(p.message));
    expect(mapped).toHaveLength(853 - 788);
    // Codes and types the wrong way round are read the right way round, and said so.
    expect(read.problems.some((p) => /were read the right way round/.test(p.message))).toBe(true);
    // Recipient postcodes place grants with no usable beneficiary location; Scottish ones are explained.
    expect(by['Recipient: postcode']).toBeGreaterThan(300);
    expect(errors(read).some((e) => /is in Scotland; GapMap covers England only/.test(e))).toBe(true);
    expect(errors(read).every((e) => /^Row \d+: No (usable )?location/.test(e))).toBe(true);
  });

  it('COVID-19 grants as 360Giving JSON: 1,978 grants, each a scheme or a problem', async () => {
    const read = ok(await importSchemesFile(grants('360giving_datastore_covid19_grants_2020-05-07.json'), 'covid.json', context));
    expect(read.schemes.length + errors(read).length).toBe(1978);
    expect(read.table!.locatedBy.get('Beneficiary location: area code (LSOA)')).toBeGreaterThanOrEqual(853);
  });
});

describe('hand-made tables', () => {
  it('explains every bad location with its row, column and value, and keeps the good rows', async () => {
    const file = csv(
      [
        'name,latitude,longitude,postcode,lsoa21cd,amount',
        'Good point,53.4455,-2.3205,,,"£1,234.50"',
        'Bad latitude,152.3,-2.3,,,100',
        'Not an England LSOA,,,,E01999999,1.2k',
        'Scottish postcode,,,EH1 1YZ,,',
        'Unknown postcode,,,ZZ99 9ZZ,,',
        'Not a postcode,,,hello,,',
        'Postcode M1 1AD,,,m11ad,,£3m',
        'Nothing,,,,,5',
      ].join('\n'),
    );
    const read = ok(await importSchemesFile(file, 'bad.csv', context));
    expect(read.schemes.map((s) => s.name)).toEqual(['Good point', 'Postcode M1 1AD']);
    expect(read.schemes.map((s) => s.amountGbp)).toEqual([1234.5, 3_000_000]);
    expect(read.schemes[1]!.locatedBy).toBe('Location: postcode');
    expect(errors(read)).toEqual([
      'Row 2: No usable location: latitude 152.3 is outside −90…90. The row was skipped.',
      "Row 3: No usable location: lsoa21cd 'E01999999' is not an England LSOA (2021). The row was skipped.",
      'Row 4: No usable location: postcode: postcode EH1 1YZ is in Scotland; GapMap covers England only. The row was skipped.',
      expect.stringMatching(
        /^Row 5: No usable location: postcode: postcode ZZ99 9ZZ is not in OS Code-Point Open .*: it may be mistyped, retired, or outside England\. The row was skipped\.$/,
      ),
      "Row 6: No usable location: postcode 'hello' is not shaped like a UK postcode (e.g. M1 1AD). The row was skipped.",
      'Row 8: No location: the row has no coordinates, grid reference, postcode or area code. The row was skipped.',
    ]);
  });

  it('an unclosed quote says where it opens, not just "no location" on one long row', async () => {
    const file = csv(['name,postcode', 'Good,M1 1AD', '"Stray quote,M1 1AD', 'Swallowed,M1 1AD', 'Also swallowed,M1 1AD'].join('\n'));
    const read = await importSchemesFile(file, 'quote.csv', context);
    const warnings = read.ok ? read.problems.filter((p) => p.severity === 'warning').map((p) => p.message) : [read.message];
    expect(warnings).toContain(
      'Row 2: a quote mark (") opens a cell but is never closed, so the rest of the file was read as that one cell. Check the file for a stray quote mark.',
    );
  });

  it('refuses coordinates that cannot be a place in England, saying why: swapped, 0,0, abroad, not decimal', async () => {
    const file = csv(
      [
        'name,latitude,longitude',
        'Stretford Mall,53.4455,-2.3205',
        'Swapped,-2.3205,53.4455',
        'Unknown left as zero,0,0',
        'Paris,48.8566,2.3522',
        'Decimal comma,"53,4455",-2.3205',
        'Hex,0x35,-2.3205',
      ].join('\n'),
    );
    const read = ok(await importSchemesFile(file, 'places.csv', context));
    expect(read.schemes.map((s) => s.name)).toEqual(['Stretford Mall']);
    expect(errors(read)).toEqual([
      'Row 2: No usable location: latitude -2.3205 and longitude 53.4455 look swapped (England is at latitude 50–56, longitude −6.5–1.8). The row was skipped.',
      'Row 3: No usable location: latitude 0, longitude 0 is outside England. The row was skipped.',
      'Row 4: No usable location: latitude 48.8566, longitude 2.3522 is outside England. The row was skipped.',
      "Row 5: No usable location: latitude '53,4455' uses a decimal comma: write 53.4455. The row was skipped.",
      "Row 6: No usable location: latitude '0x35' is not a number in decimal notation. The row was skipped.",
    ]);
  });

  it('reads British National Grid eastings and northings, and refuses ones outside Great Britain', async () => {
    // Caister water tower, the worked example in OS's "A guide to coordinate systems in Great
    // Britain": E 651409.903, N 313177.270 is 52°39′27.2531″N, 1°43′4.5177″E on OSGB36. WGS84
    // lies about 125 m west and 45 m north of OSGB36 there (the datum shift).
    const file = csv(['Scheme,Easting,Northing', 'Caister water tower,651409.903,313177.270', 'Off the map,912345,396800'].join('\n'));
    const read = ok(await importSchemesFile(file, 'bng.csv', context));
    expect(read.schemes).toHaveLength(1);
    const footprint = read.schemes[0]!.footprint;
    expect(footprint.type).toBe('point');
    if (footprint.type === 'point') {
      const osgbLon = 1 + 43 / 60 + 4.5177 / 3600;
      const osgbLat = 52 + 39 / 60 + 27.2531 / 3600;
      const eastM = (footprint.point[0] - osgbLon) * 111_320 * Math.cos((osgbLat * Math.PI) / 180);
      const northM = (footprint.point[1] - osgbLat) * 111_250;
      expect(eastM).toBeGreaterThan(-135);
      expect(eastM).toBeLessThan(-115);
      expect(northM).toBeGreaterThan(35);
      expect(northM).toBeLessThan(55);
    }
    expect(errors(read)).toEqual(['Row 2: No usable location: easting 912345 is outside Great Britain (0 to 700,000 m). The row was skipped.']);
  });

  it('takes x/y columns holding metres as a grid reference', () => {
    const meanings = guessColumns(['name', 'x', 'y'], [['a', '380500', '396800']]);
    expect(meanings.map(describeMeaning)).toEqual(['Name', 'Easting (British National Grid)', 'Northing (British National Grid)']);
  });

  it('reads Windows-1252 text, semicolons and a byte-order mark', async () => {
    // "£" is 0xA3 in Windows-1252; Excel on Windows writes that for "CSV".
    const latin = Uint8Array.from(
      [...'name;lat;lon;amount\nCaf', 0xe9, ...';53.4;-2.3;', 0xa3, ...'250\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))),
    );
    const read = ok(await importSchemesFile(latin, 'latin.csv', context));
    expect(read.schemes.map((s) => [s.name, s.amountGbp])).toEqual([['Café', 250]]);
    const bom = csv('\ufeffname,lat,lon\nA,53.4,-2.3\n');
    expect(ok(await importSchemesFile(bom, 'bom.csv', context)).schemes.map((s) => s.name)).toEqual(['A']);
  });

  it('refuses binary files and empty tables with a message', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    const binary = await importSchemesFile(zip, 'grants.xlsx', context);
    expect(binary).toEqual({ ok: false, message: expect.stringContaining('grants.xlsx is not a text file') });
    expect(await importSchemesFile(csv('name,lat,lon\n'), 'empty.csv', context)).toEqual({ ok: false, message: 'empty.csv has a header but no rows.' });
  });
});

describe('amounts', () => {
  it('accepts what spreadsheets write and refuses the rest', () => {
    expect(['£1,234.50', '1234', '1.2k', '£3m', 'GBP 500', ' 12,500 '].map(parseAmount)).toEqual([1234.5, 1234, 1200, 3_000_000, 500, 12_500]);
    expect(['-5', 'lots', '£', '1.2.3'].map(parseAmount).every(Number.isNaN)).toBe(true);
  });
});

describe('progress', () => {
  const rising = (reported: readonly number[]) => reported.every((done, i) => done >= 0 && done <= 1 && (i === 0 || done >= reported[i - 1]!));

  it('parsing fills the first part of the bar, then the rows the rest, every 2,000 rows, up to 1', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `Scheme ${i},53.4,-2.3`);
    const reported: number[] = [];
    const read = ok(await importSchemesFile(csv(['name,lat,lon', ...rows].join('\n')), 'long.csv', { ...context, onProgress: (done) => reported.push(done) }));
    expect(read.schemes).toHaveLength(5_000);
    expect(rising(reported)).toBe(true);
    const parsing = reported.filter((done) => done < READING_SHARE);
    expect(parsing.length).toBeGreaterThanOrEqual(5);
    const afterParsing = reported.slice(parsing.length);
    expect(afterParsing).toEqual([0, 0, 0.4, 0.8, 1].map((rowsDone) => READING_SHARE + (1 - READING_SHARE) * rowsDone));
  });

  it('a 20,000-row file of real grants: reported all through parsing, rising, ending at 1, with the rows parsed as before', async () => {
    // The COVID-19 flattened CSV's 1,978 grants (40 columns, quoted text with commas and line breaks), ten times over.
    const source = grants('360giving_datastore_covid19_grants_2020-05-07_flat.csv').toString('utf8');
    const [header, ...body] = Papa.parse<string[]>(source, { skipEmptyLines: 'greedy' }).data;
    const long = Papa.unparse([header!, ...Array.from({ length: 10 }, () => body).flat()]);
    const reported: number[] = [];
    const read = ok(await importSchemesFile(csv(long), 'covid-x10.csv', { ...context, onProgress: (done) => reported.push(done) }));
    expect(read.table!.rows).toBe(19_780);
    expect(read.schemes.length + errors(read).length).toBe(19_780);
    expect(rising(reported)).toBe(true);
    expect(reported.at(-1)).toBe(1);
    // Reports while parsing (below READING_SHARE), not only once the rows are read.
    expect(reported.filter((done) => done > 0 && done < READING_SHARE).length).toBeGreaterThan(20);
    // The same rows as PapaParse gives in one call (as read-table.ts parsed before it reported progress).
    const whole = Papa.parse<string[]>(long, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] }).data;
    expect(parseCsvText(long).rows).toEqual(whole);
  });

  it('rows, as PapaParse alone gives them, for any table: quotes, delimiters in fields, line breaks, blank lines, semicolons and tabs', () => {
    const field = fc.oneof(
      fc.constantFrom('', ' ', '"', '""', ',', ';', '\t', '\n', '\r\n', 'a,b', 'say "hi"', '£1,234.50', 'E08000009'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, delimiter, newline, blankLines) => {
          let text = Papa.unparse(rows, { delimiter, newline, quotes: false });
          if (blankLines) text = text.split(newline).join(`${newline}${newline}`);
          const whole = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
          const stepped = parseCsvText(text, () => {});
          expect(stepped.rows).toEqual(whole.data);
          if (whole.data.length > 0) expect(stepped.delimiter).toBe(whole.meta.delimiter);
        },
      ),
      { numRuns: 300 },
    );
  });
});
