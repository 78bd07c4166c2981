// Importers bounded: small hand-made files that once ran the CLI or the tab out of memory or past
// what one JavaScript string holds are now read within limits (import-limits.ts) or refused with a
// message that names the file, the part and what to do.

import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importSchemesFile, type ImportContext } from '../../src/data/import/import-file';
import { MAX_TEXT_BYTES } from '../../src/data/import/import-limits';
import { hashSchemes } from '../../src/core/scheme-hash';
import { readAreasFile } from '../../src/data/area-file';
import { type DatasetWithSchemes, schemeStats } from '../../src/data/dataset';
import { readWorkspaceFile, workspaceFile } from '../../src/data/workspace-file';
import { route } from './small-schemes';
import { grantRows, inlineCell, oneSheetWorkbook, text, withStatedSize } from './hand-made-files';
import { ok, refusal } from './import-results';

const context: ImportContext = { areas: { lsoasOf: () => undefined }, defaultKind: 'grant' };
const dataset: DatasetWithSchemes = {
  id: 'd1',
  name: 'routes.geojson',
  format: 'GeoJSON',
  colour: '#d4351c',
  visible: true,
  importedAt: '2026-12-07T10:00:00.000Z',
  locatedBy: [],
  schemes: [],
  problems: [],
  hash: '',
  stats: schemeStats([]),
};
const warningsOf = (read: ReturnType<typeof ok>) => read.problems.filter((p) => p.severity === 'warning').map((p) => p.message);

describe('Excel workbooks', () => {
  it('a character reference that names no character (&#xFFFFFFFF;, &#99999999;) is shown as U+FFFD with a warning naming the cell, and the rows import', async () => {
    const rows = grantRows(3, (r) => (r === 3 ? inlineCell(`D${r}`, 'Note &#xFFFFFFFF;') : r === 4 ? `<c r="D${r}" t="s"><v>0</v></c>` : ''));
    const read = ok(await importSchemesFile(oneSheetWorkbook(rows, '<si><t>Bad &#99999999; text</t></si>'), 'grants.xlsx', context));
    expect(read.schemes).toHaveLength(3);
    expect(read.table?.sample[1]?.[3]).toBe('Note \uFFFD');
    expect(read.table?.sample[2]?.[3]).toBe('Bad \uFFFD text');
    expect(warningsOf(read)).toEqual([
      expect.stringMatching(
        /^grants\.xlsx \(sheet "grants"\): 2 cells \(the first D3\) hold a character reference \(such as &#xFFFFFFFF;\) that names no character/,
      ),
    ]);
  });

  it('one stray cell far right (XFD) on every row: the real columns import, the stray ones are left out with a warning naming the first', async () => {
    const read = ok(await importSchemesFile(oneSheetWorkbook(grantRows(2000, (r) => inlineCell(`XFD${r}`, 'x'))), 'grants.xlsx', context));
    expect(read.schemes).toHaveLength(2000);
    expect(read.table?.headers).toEqual(['Title', 'Latitude', 'Longitude']);
    expect(warningsOf(read)).toEqual([
      'grants.xlsx (sheet "grants"): 2,000 cells (the first XFD2) right of column ALL were left out; GapMap reads the first 1,000 columns (A to ALL). If they are stray, delete them; if they hold schemes\' details, move that column left, and import again.',
    ]);
  });

  it('a sheet whose rows would hold more cells than the limit is refused at the cell where it would, before the rows are widened', async () => {
    const wide = oneSheetWorkbook(grantRows(30, (r) => inlineCell(`ZZ${r}`, 'x')));
    expect(refusal(await importSchemesFile(wide, 'grants.xlsx', { ...context, limits: { maxSheetCells: 10_000 } }))).toBe(
      'grants.xlsx (sheet "grants") was not read: at cell ZZ16 its rows would hold more than 10,000 cells (counting the empty ones before ' +
        "each row's last), more than GapMap reads from one sheet. Delete stray cells far right of the table or the columns it does not need, " +
        'or split the rows into several files, and import again.',
    );
    // Under the real limit the same sheet reads, its column ZZ included.
    expect(ok(await importSchemesFile(wide, 'grants.xlsx', context)).table?.headers).toHaveLength(26 * 27);
  });
});

const kml = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/schemes/gis/trafford-bus-stops.kml'));

describe('KMZ and zipped files', () => {
  it('the limit on one entry is what one string can hold, with room to spare', () => {
    expect(MAX_TEXT_BYTES).toBe(256 * 1024 * 1024);
    expect(MAX_TEXT_BYTES).toBeLessThan(2 ** 29 - 24);
  });

  it('a KMZ whose KML unpacks past the limit is refused before unpacking, naming the file, the entry and the size', async () => {
    // The KML padded with 4 MB of spaces: 4 kB zipped, 4 MB stated; the limit lowered to 1 MB stands in for 256 MB.
    const padded = new Uint8Array(kml.length + 4 * 1024 * 1024).fill(0x20);
    padded.set(kml);
    const kmz = zipSync({ 'doc.kml': padded });
    expect(kmz.length).toBeLessThan(64 * 1024);
    expect(refusal(await importSchemesFile(kmz, 'stops.kmz', { ...context, limits: { maxEntryBytes: 1024 * 1024 } }))).toBe(
      'stops.kmz was not opened: its doc.kml would unpack to 4 MB, more than the 1 MB GapMap can read from one file in a zip. ' +
        'A file that grows so much is usually a zip bomb; if it is real, split it into smaller files.',
    );
    expect(ok(await importSchemesFile(kmz, 'stops.kmz', context)).schemes).toHaveLength(4);
  });

  it('a KMZ whose header understates its KML unpacks no more than it states: the cut-off KML is refused as damaged XML', async () => {
    const padded = new Uint8Array(4 * 1024 * 1024 + kml.length).fill(0x20);
    padded.set(kml, 4 * 1024 * 1024);
    const lying = withStatedSize(zipSync({ 'doc.kml': padded }), 1000);
    expect(refusal(await importSchemesFile(lying, 'stops.kmz', context))).toMatch(
      /^stops\.kmz \(doc\.kml\) is XML but not KML|^stops\.kmz \(doc\.kml\) is not well-formed XML/,
    );
  });

  it('the same limit holds for a zipped shapefile', async () => {
    const zip = zipSync({ 'stops.shp': new Uint8Array(3 * 1024 * 1024), 'stops.dbf': text(' ') });
    expect(refusal(await importSchemesFile(zip, 'stops.zip', { ...context, limits: { maxEntryBytes: 1024 * 1024 } }))).toMatch(
      /^stops\.zip was not opened: its stops\.shp would unpack to 3 MB, more than the 1 MB GapMap can read from one file in a zip\./,
    );
  });
});

describe('damage found by fuzzing', () => {
  it('a shapefile whose .dbf header claims 738 million records is refused, not read record by record past its end', async () => {
    // A .dbf header (32 bytes), one 10-character text field, the end of the header: no records at all.
    const dbf = new Uint8Array(32 + 32 + 1);
    const view = new DataView(dbf.buffer);
    dbf[0] = 3;
    view.setUint32(4, 738_197_512, true);
    view.setUint16(8, 65, true);
    view.setUint16(10, 11, true);
    dbf.set(text('name'), 32);
    dbf[32 + 11] = 'C'.charCodeAt(0);
    dbf[32 + 16] = 10;
    dbf[64] = 0x0d;
    const zip = zipSync({ 'stops.shp': new Uint8Array(100), 'stops.dbf': dbf });
    expect(refusal(await importSchemesFile(zip, 'stops.zip', context))).toBe(
      'stops.zip: stops.shp: its .dbf (the attributes) says it holds 738,197,512 records of 11 bytes after a 65-byte header, 8,120,172,697 bytes, ' +
        'but it has 65, so it is damaged (cut short or edited). Export the layer again.',
    );
  });

  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

  it('GeoJSON whose type, or a property, is arrays nested 10,000 deep is refused or warned about, not a stack overflow', async () => {
    const deepType = text(`{"type":${deep}}`);
    expect(refusal(await importSchemesFile(deepType, 'areas.geojson', context))).toBe(
      'areas.geojson: Expected a GeoJSON FeatureCollection, Feature or geometry; found type arrays nested too deeply to show.',
    );
    const deepProperty = text(`{"type":"Feature","properties":{"name":${deep}},"geometry":{"type":"Point","coordinates":[-2.29,53.46]}}`);
    const read = ok(await importSchemesFile(deepProperty, 'stop.geojson', context));
    expect(read.schemes).toHaveLength(1);
    expect(read.problems.map((p) => p.message)).toContain("Property 'name' is arrays nested too deeply to show, not text; it was ignored.");
  });

  it('a workspace file whose scheme holds arrays nested 10,000 deep is refused with its name, nothing opened', () => {
    const file = workspaceFile([{ ...dataset, schemes: [route], hash: hashSchemes([route]), stats: schemeStats([route]) }], '2026-12-07T10:00:00.000Z');
    const damaged = JSON.stringify(file).replace('"bufferM":400', `"bufferM":400,"extra":${deep}`);
    expect(readWorkspaceFile(damaged, 'workspace.geojson')).toEqual({
      ok: false,
      message: 'workspace.geojson could not be opened (Maximum call stack size exceeded); the file is damaged, so nothing was opened.',
    });
  });

  it('a target area reaching far outside England (a shapefile coordinate damaged) is skipped with the reason, the others read', () => {
    const square = (lon: number, lat: number) => [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ];
    const areas = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Trafford Park' }, geometry: { type: 'Polygon', coordinates: [square(-2.32, 53.46)] } },
        { type: 'Feature', properties: { name: 'Abroad' }, geometry: { type: 'Polygon', coordinates: [square(25.5, -2.35)] } },
      ],
    };
    const read = readAreasFile(text(JSON.stringify(areas)), 'areas.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.areas.map((a) => a.name)).toEqual(['Trafford Park']);
    expect(read.notes).toEqual([expect.stringMatching(/^Feature 2 \('Abroad'\): .*is outside England\. It was skipped\.$/)]);
  });
});
