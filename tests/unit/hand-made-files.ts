// Small files made by hand for the importer-limit and fuzz tests: a one-sheet workbook from its
// sheet XML (and shared strings), and a zip whose central directory states a size of our choosing.

import { zipSync } from 'fflate';

export const text = (value: string) => new TextEncoder().encode(value);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook with one sheet, "grants", holding `rows` (the <row> elements), and shared strings when given. */
export function oneSheetWorkbook(rows: string, sharedStrings?: string): Uint8Array {
  const sharedRel = sharedStrings === undefined ? '' : `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': text(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="grants" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': text(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${sharedRel}</Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': text(`<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`),
  };
  if (sharedStrings !== undefined) files['xl/sharedStrings.xml'] = text(`<sst xmlns="${MAIN}">${sharedStrings}</sst>`);
  return zipSync(files);
}

/** An inline-string cell. */
export const inlineCell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
/** A number cell. */
const numberCell = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;

/** Grant rows with a name and a latitude and longitude in Trafford, from row 2, each with `extra(row)` after them. */
export function grantRows(count: number, extra: (row: number) => string = () => ''): string {
  const rows = [`<row r="1">${inlineCell('A1', 'Title')}${inlineCell('B1', 'Latitude')}${inlineCell('C1', 'Longitude')}</row>`];
  for (let r = 2; r < count + 2; r++) {
    rows.push(`<row r="${r}">${inlineCell(`A${r}`, `Grant ${r}`)}${numberCell(`B${r}`, 53.42 + r / 10_000)}${numberCell(`C${r}`, -2.35)}${extra(r)}</row>`);
  }
  return rows.join('');
}

/** A one-entry zip's copy whose central directory (which fflate reads) states `statedBytes` unpacked. */
export function withStatedSize(zip: Uint8Array, statedBytes: number): Uint8Array {
  const forged = new Uint8Array(zip);
  const view = new DataView(forged.buffer);
  const centralDirectory = view.getUint32(forged.length - 22 + 16, true);
  view.setUint32(22, statedBytes, true);
  view.setUint32(centralDirectory + 24, statedBytes, true);
  return forged;
}
