// Importing Excel workbooks (.xlsx): 360Giving's flattened template as a workbook, hand-made here
// from literal SpreadsheetML parts zipped with fflate (shared and inline strings, a date-styled
// serial, an empty cell mid-row, a "Meta" sheet beside the grants), the first 30 real Trafford
// grants written as a workbook and checked against the same rows as CSV, and the spreadsheets
// refused with a message saying what to save them as instead.

import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { describeMeaning } from '../../src/data/import/columns';
import { formatImportProblem, importSchemesFile, READING_SHARE, type ImportContext } from '../../src/data/import/import-file';
import { customFormatShown, excelSerialText } from '../../src/data/import/xlsx-sheet';
import { builtData, sharedRoot } from './built-data';
import { ok, refusal } from './import-results';

let context: ImportContext;

beforeAll(async () => {
  const data = await builtData();
  expect(data.postcodes, 'the build has the postcode index (npm run data with ../shared/data)').toBeDefined();
  context = { areas: buildAreaResolver(data.attributes, data.details, data.lookups), postcodes: data.postcodes!, defaultKind: 'grant' };
});

const text = (value: string) => new TextEncoder().encode(value);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook's parts around its sheets (name → the sheet part's XML), as Excel writes them. */
function workbook(
  sheets: [name: string, xml: string][],
  parts: { sharedStrings?: string; styles?: string; workbookPr?: string } = {},
): Record<string, Uint8Array> {
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (parts.sharedStrings !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (parts.styles !== undefined) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': text(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'xl/workbook.xml': text(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">${parts.workbookPr ?? ''}<sheets>` +
        sheets.map(([name], i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': text(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    ),
  };
  sheets.forEach(([, xml], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = text(xml)));
  if (parts.sharedStrings !== undefined) files['xl/sharedStrings.xml'] = text(parts.sharedStrings);
  if (parts.styles !== undefined) files['xl/styles.xml'] = text(parts.styles);
  return files;
}

const xlsx = (...args: Parameters<typeof workbook>) => zipSync(workbook(...args));

// Style 1 shows the built-in short date (14); style 2 a custom dd/mm/yyyy; style 3 a currency.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
  <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;£&quot;#,##0.00"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
  <cellXfs count="4">
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
    <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="left"/></xf>
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  </cellXfs>
</styleSheet>`;

const SHARED_STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="13" uniqueCount="13">
  <si><t>Identifier</t></si>
  <si><t>Title</t></si>
  <si><t>Amount Awarded</t></si>
  <si><t>Award Date</t></si>
  <si><t>Funding Org:Name</t></si>
  <si><t>Beneficiary Location:0:Geographic Code</t></si>
  <si><t>Recipient Org:Postal Code</t></si>
  <si><t>360G-trafford-1</t></si>
  <si><r><rPr><b/></rPr><t>Trafford </t></r><r><t xml:space="preserve"/></r><r><t xml:space="preserve">Council &amp; partners</t></r></si>
  <si><t>E08000009</t></si>
  <si><t>360G-trafford-2</t></si>
  <si><t>M1 1AD</t></si>
  <si><t>S12000036</t></si>
</sst>`;

/** The 360Giving flattened template's grants sheet: headers, then three grants. */
const GRANTS_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}" xmlns:r="${REL}">
  <dimension ref="A1:G4"/>
  <sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>
    <row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="inlineStr"><is><t>Choir for Altrincham &lt;children&gt;</t></is></c><c r="C2" s="3"><v>2266</v></c><c r="D2" s="1"><v>45292</v></c><c r="E2" t="s"><v>8</v></c><c r="F2" t="s"><v>9</v></c></row>
    <row r="3"><c r="A3" t="s"><v>10</v></c><c r="C3"><v>1234.5600000000001</v></c><c r="D3" s="2"><v>45300.5</v></c><c r="E3" t="s"><v>8</v></c><c r="G3" t="s"><v>11</v></c></row>
    <row r="4" spans="1:7"><c r="A4" t="str"><f>"360G-trafford-"&amp;3</f><v>360G-trafford-3</v></c><c r="B4" t="b"><v>1</v></c><c r="C4"/><c r="F4" t="s"><v>12</v></c></row>
  </sheetData>
  <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
</worksheet>`;

const META_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}"><sheetData>
  <row r="1"><c r="A1" t="inlineStr"><is><t>Publisher</t></is></c><c r="B1" t="inlineStr"><is><t>Trafford Council</t></is></c></row>
  <row r="2"><c r="A2" t="inlineStr"><is><t>Licence</t></is></c><c r="B2" t="inlineStr"><is><t>CC-BY</t></is></c></row>
</sheetData></worksheet>`;

describe('a 360Giving workbook (hand-made parts)', () => {
  it('reads the grants sheet through the CSV importer: strings, a date-styled serial, an empty cell mid-row, and says the Meta sheet was not read', async () => {
    const read = ok(
      await importSchemesFile(
        xlsx(
          [
            ['grants', GRANTS_SHEET],
            ['Meta', META_SHEET],
          ],
          { sharedStrings: SHARED_STRINGS, styles: STYLES },
        ),
        'grants.xlsx',
        context,
      ),
    );
    expect(read.format).toBe('XLSX');
    const table = read.table!;
    expect(table.headers).toEqual([
      'Identifier',
      'Title',
      'Amount Awarded',
      'Award Date',
      'Funding Org:Name',
      'Beneficiary Location:0:Geographic Code',
      'Recipient Org:Postal Code',
    ]);
    expect(table.rows).toBe(3);
    // The empty B3 keeps C3… in their columns; a currency-styled number stays a number; dates are ISO.
    expect(table.sample).toEqual([
      ['360G-trafford-1', 'Choir for Altrincham <children>', '2266', '2024-01-01', 'Trafford Council & partners', 'E08000009'],
      ['360G-trafford-2', '', '1234.56', '2024-01-09', 'Trafford Council & partners', '', 'M1 1AD'],
      ['360G-trafford-3', 'TRUE', '', '', '', 'S12000036'],
    ]);
    const meaning = (header: string) => describeMeaning(table.meanings[table.headers.indexOf(header)]!);
    expect(meaning('Award Date')).toBe('Award date (the start when there is none)');
    expect(meaning('Beneficiary Location:0:Geographic Code')).toBe('Beneficiary location area code (LSOA, ward, district, county or region)');

    expect(read.schemes.map((s: Scheme) => [s.id, s.name, s.amountGbp, s.start, s.funder, s.locatedBy])).toEqual([
      ['360G-trafford-1', 'Choir for Altrincham <children>', 2266, '2024-01-01', 'Trafford Council & partners', 'Beneficiary location: area code (district)'],
      ['360G-trafford-2', '360G-trafford-2', 1234.56, '2024-01-09', 'Trafford Council & partners', 'Recipient: postcode'],
    ]);
    expect([...table.locatedBy]).toEqual([
      ['Beneficiary location: area code (district)', 1],
      ['Recipient: postcode', 1],
    ]);
    expect(read.problems.map(formatImportProblem)).toEqual([
      'grants.xlsx has 2 sheets with data; "grants" was read (the first), "Meta" was not. To import another sheet, save it as CSV and open that.',
      "Row 3: No usable location: Beneficiary Location:0:Geographic Code 'S12000036' is in Scotland; GapMap covers England only. The row was skipped.",
    ]);
  });

  it('the same grants as CSV give the same schemes and problems (bar the sheet note)', async () => {
    const fromXlsx = ok(await importSchemesFile(xlsx([['grants', GRANTS_SHEET]], { sharedStrings: SHARED_STRINGS, styles: STYLES }), 'grants.xlsx', context));
    const csv = [
      'Identifier,Title,Amount Awarded,Award Date,Funding Org:Name,Beneficiary Location:0:Geographic Code,Recipient Org:Postal Code',
      '360G-trafford-1,Choir for Altrincham <children>,2266,2024-01-01,Trafford Council & partners,E08000009,',
      '360G-trafford-2,,1234.56,2024-01-09,Trafford Council & partners,,M1 1AD',
      '360G-trafford-3,TRUE,,,,S12000036,',
    ].join('\n');
    const fromCsv = ok(await importSchemesFile(text(csv), 'grants.csv', context));
    expect(fromXlsx.schemes).toEqual(fromCsv.schemes);
    // A one-sheet workbook has no note about its sheets.
    expect(fromXlsx.problems).toEqual(fromCsv.problems);
    expect(fromXlsx.table!.meanings).toEqual(fromCsv.table!.meanings);
  });

  it('reads the sheet whose columns it recognises when the first is a notes sheet', async () => {
    const read = ok(
      await importSchemesFile(
        xlsx(
          [
            ['Meta', META_SHEET],
            ['grants', GRANTS_SHEET],
            ['Empty', `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`],
          ],
          { sharedStrings: SHARED_STRINGS, styles: STYLES },
        ),
        'grants.xlsx',
        context,
      ),
    );
    expect(read.schemes).toHaveLength(2);
    // The empty sheet holds nothing to mention.
    expect(read.problems[0]).toEqual({
      severity: 'warning',
      message:
        'grants.xlsx has 2 sheets with data; "grants" was read (the one whose columns GapMap recognises), "Meta" was not. To import another sheet, save it as CSV and open that.',
    });
  });

  it('reads parts written with a namespace prefix (.NET Open XML SDK), without styles or shared strings, and the 1904 date system', async () => {
    const sheet = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>lat</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>lon</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>start</x:t></x:is></x:c></x:row>
      <x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Line_x000D__x000A_break</x:t></x:is></x:c><x:c r="B2"><x:v>53.4455</x:v></x:c><x:c r="C2"><x:v>-2.3205</x:v></x:c><x:c r="D2" s="1"><x:v>43830</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const styles = `<x:styleSheet xmlns:x="${MAIN}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`;
    const read = ok(await importSchemesFile(xlsx([['Sheet1', sheet]], { styles, workbookPr: '<workbookPr date1904="1"/>' }), 'sdk.xlsx', context));
    // 43830 in the 1904 system is 2024-01-01 (1,462 days after the same serial in the 1900 system).
    expect(read.schemes.map((s) => [s.name, s.start, s.footprint])).toEqual([
      ['Line\r\nbreak', '2024-01-01', { type: 'point', point: [-2.3205, 53.4455], radiusM: expect.any(Number) }],
    ]);
  });
});

describe('cells', () => {
  it('date serials become ISO dates (1900 and 1904 systems), times only where the format shows one', () => {
    expect(excelSerialText(45292, 'date', false)).toBe('2024-01-01');
    expect(excelSerialText(45292.75, 'date', false)).toBe('2024-01-01');
    expect(excelSerialText(45292.75, 'datetime', false)).toBe('2024-01-01T18:00:00');
    expect(excelSerialText(45292, 'datetime', false)).toBe('2024-01-01');
    expect(excelSerialText(0.5, 'time', false)).toBe('12:00:00');
    expect(excelSerialText(1, 'date', false)).toBe('1900-01-01');
    expect(excelSerialText(59, 'date', false)).toBe('1900-02-28');
    expect(excelSerialText(61, 'date', false)).toBe('1900-03-01');
    expect(excelSerialText(0, 'date', true)).toBe('1904-01-01');
    expect(excelSerialText(2_958_465, 'date', false)).toBe('9999-12-31');
    expect(excelSerialText(-1, 'date', false)).toBeUndefined();
    // Every 997th day from 1900-03-01 to 9999-12-31 as Date reckons it.
    for (let serial = 61; serial <= 2_958_465; serial += 997) {
      expect(excelSerialText(serial, 'date', false)).toBe(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('custom number formats: d, y or a lone m is a date; h, s or m with them a time; durations and the rest numbers', () => {
    const cases: [string, string][] = [
      ['dd/mm/yyyy', 'date'],
      ['d mmmm yyyy', 'date'],
      ['mmm-yy', 'date'],
      ['[$-F800]dddd, mmmm dd, yyyy', 'date'],
      ['yyyy-mm-dd hh:mm', 'datetime'],
      ['h:mm AM/PM', 'time'],
      ['mm:ss', 'time'],
      ['[h]:mm', 'number'],
      ['[mm]:ss', 'number'],
      ['#,##0.00 "days"', 'number'],
      ['"£"#,##0.00;[Red]-"£"#,##0.00', 'number'],
      ['0.00E+00', 'number'],
      ['General', 'number'],
      ['0%', 'number'],
    ];
    expect(cases.map(([code]) => [code, customFormatShown(code)])).toEqual(cases);
  });
});

/** The first `count` rows of a CSV as a workbook, as Excel saves it: text in shared strings, numbers as numbers, dates as date-styled serials. */
function csvAsWorkbook(csvText: string, count: number, dateColumns: readonly string[]): { csv: string; xlsx: Uint8Array } {
  const [header, ...rows] = Papa.parse<string[]>(csvText, { skipEmptyLines: 'greedy' }).data;
  const kept = [header!, ...rows.slice(0, count)];
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const column = (c: number) => (c < 26 ? '' : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26));
  const dates = new Set(dateColumns.map((name) => header!.indexOf(name)));
  const sheetRows = kept.map((row, r) => {
    const cells = row.map((value, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (value === '') return '';
      if (r > 0 && dates.has(c) && /^\d{4}-\d{2}-\d{2}$/.test(value))
        return `<c r="${ref}" s="1"><v>${Date.parse(`${value}T00:00:00Z`) / 86_400_000 + 25_569}</v></c>`;
      if (r > 0 && /^-?\d+(?:\.\d+)?$/.test(value) && !/^0\d/.test(value)) return `<c r="${ref}"><v>${value}</v></c>`;
      if (!stringIndex.has(value)) {
        stringIndex.set(value, strings.length);
        strings.push(value);
      }
      return `<c r="${ref}" t="s"><v>${stringIndex.get(value)}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`;
  const sharedStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;
  return { csv: Papa.unparse(kept), xlsx: xlsx([['grants', sheet]], { sharedStrings, styles: STYLES }) };
}

describe('real grants as a workbook', () => {
  it('the first 30 Trafford grants as .xlsx give the schemes the same rows give as CSV, with progress rising to 1', async () => {
    const source = fs.readFileSync(path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv'), 'utf8');
    const { csv, xlsx: file } = csvAsWorkbook(source, 30, ['Award Date', 'Planned Dates:Start Date', 'Planned Dates:End Date']);
    expect(file.length).toBeLessThan(50_000);
    const reported: number[] = [];
    const fromXlsx = ok(await importSchemesFile(file, 'trafford.xlsx', { ...context, onProgress: (done) => reported.push(done) }));
    const fromCsv = ok(await importSchemesFile(text(csv), 'trafford.csv', context));
    expect(fromXlsx.schemes).toHaveLength(30);
    expect(fromXlsx.schemes).toEqual(fromCsv.schemes);
    expect(fromXlsx.problems).toEqual(fromCsv.problems);
    expect([...fromXlsx.table!.locatedBy]).toEqual([['Beneficiary location: area code (district)', 30]]);
    expect(fromXlsx.schemes[0]!.start).toBe('2013-01-18');
    expect(reported.at(-1)).toBe(1);
    expect(reported.every((done, i) => i === 0 || done >= reported[i - 1]!)).toBe(true);
    expect(reported).toContain(READING_SHARE);
  });
});

/** A zip's first entry made to claim `statedBytes` unpacked (as import-gis-files.test.ts forges shapefiles). */
function withStatedSize(zip: Uint8Array, statedBytes: number): Uint8Array {
  const forged = new Uint8Array(zip);
  const view = new DataView(forged.buffer);
  const centralDirectory = view.getUint32(forged.length - 22 + 16, true);
  view.setUint32(22, statedBytes, true);
  view.setUint32(centralDirectory + 24, statedBytes, true);
  return forged;
}

describe('spreadsheets refused', () => {
  const oldOffice = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

  it('Excel 97–2003 (.xls), an encrypted .xlsx, .xlsb and .ods, each told what to save it as', async () => {
    expect(refusal(await importSchemesFile(oldOffice, 'grants.xls', context))).toBe(
      'grants.xls is an Excel 97–2003 workbook (.xls) or another old Office file, which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV, and open that.',
    );
    expect(refusal(await importSchemesFile(oldOffice, 'grants.xlsx', context))).toMatch(/^grants\.xlsx is password-protected: .* Remove the password/);
    const xlsb = zipSync({ '[Content_Types].xml': text('<Types/>'), 'xl/workbook.bin': new Uint8Array([1, 2, 3]) });
    expect(refusal(await importSchemesFile(xlsb, 'grants.xlsb', context))).toBe(
      'grants.xlsb is an Excel Binary Workbook (.xlsb), which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV, and open that.',
    );
    const ods = zipSync({
      mimetype: text('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': text('<office:document-content/>'),
      'META-INF/manifest.xml': text('<manifest/>'),
    });
    expect(refusal(await importSchemesFile(ods, 'grants.ods', context))).toBe(
      'grants.ods is an OpenDocument spreadsheet (.ods), which GapMap cannot read. Save it as an Excel Workbook (.xlsx) or as CSV (in LibreOffice: File > Save As), and open that.',
    );
  });

  it('a workbook with no header row, a header and no rows, or only a chart sheet', async () => {
    const empty = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"/></row></sheetData></worksheet>`;
    expect(refusal(await importSchemesFile(xlsx([['Sheet1', empty]]), 'empty.xlsx', context))).toBe(
      'empty.xlsx is an Excel workbook whose only sheet, "Sheet1", is empty: it has no header row.',
    );
    expect(
      refusal(
        await importSchemesFile(
          xlsx([
            ['Sheet1', empty],
            ['Sheet2', empty],
          ]),
          'empty.xlsx',
          context,
        ),
      ),
    ).toBe('empty.xlsx is an Excel workbook whose 2 sheets ("Sheet1", "Sheet2") are all empty: none has a header row.');
    const headerOnly = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row></sheetData></worksheet>`;
    expect(refusal(await importSchemesFile(xlsx([['grants', headerOnly]]), 'grants.xlsx', context))).toBe(
      'grants.xlsx (sheet "grants") has a header but no rows.',
    );
    const chartOnly = workbook([['Chart1', '<chartsheet/>']]);
    chartOnly['xl/_rels/workbook.xml.rels'] = text(
      `<Relationships><Relationship Id="rId1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    );
    expect(refusal(await importSchemesFile(zipSync(chartOnly), 'chart.xlsx', context))).toBe(
      'chart.xlsx is an Excel workbook with no worksheets (only charts or macros), so it holds no table to read.',
    );
  });

  it('a sheet part whose zip header claims more than deflate can make is refused by the zip-bomb guard, unread', async () => {
    const parts = workbook([['grants', GRANTS_SHEET]], { sharedStrings: SHARED_STRINGS });
    // The sheet first, so the forged header is the zip's first entry.
    const { 'xl/worksheets/sheet1.xml': sheet, ...rest } = parts;
    const forged = withStatedSize(zipSync({ 'xl/worksheets/sheet1.xml': sheet!, ...rest }), 1024 * 1024 * 1024);
    expect(refusal(await importSchemesFile(forged, 'grants.xlsx', context))).toMatch(
      /^grants\.xlsx was not opened: its xl\/worksheets\/sheet1\.xml claims to unpack to 1,024 MB from \d+ kB, more than any compression can/,
    );
  });
});
