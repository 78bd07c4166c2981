// Importing the GIS files councils export: KML and KMZ (Google Earth, My Maps), and zipped shapefiles
// (QGIS, ArcGIS, mapshaper) in WGS84 and in British National Grid, all holding real Trafford bus
// stops from the TfGM extract in ../shared/data/transport. The shapefiles are written here by
// mapshaper from that extract; the KML is a hand-made fixture of four of its stops. Also the files
// refused whole: zips with nothing GapMap reads, files over the size limit, and zip bombs.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, Point } from 'geojson';
import mapshaper from 'mapshaper';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LonLat, Scheme } from '../../src/core/scheme';
import { fileSizeProblem, importSchemesFile, MAX_IMPORT_BYTES, unzipWithinLimit, type ImportContext } from '../../src/data/import/import-file';
import { trafford } from './built-data';
import { ok, refusal } from './import-results';

const gisFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemes', 'gis');
const kmlFixture = fs.readFileSync(path.join(gisFixtures, 'trafford-bus-stops.kml'));
/** The .prj QGIS and ArcGIS write for EPSG:27700 (ESRI WKT, no TOWGS84: proj4 knows the datum by name). */
const esriBritishNationalGridPrj = fs.readFileSync(path.join(gisFixtures, 'british-national-grid.prj'), 'utf8');

// GIS files place schemes by geometry only, so no area code is ever looked up.
const context: ImportContext = { areas: { lsoasOf: () => undefined }, defaultKind: 'grant' };

/** The stops in the KML fixture, as the TfGM extract has them. */
const STOP_CODES = ['1800SJ01741', '1800SJ48061', '1800SJ47301', '1800SJ02401'];
let stops: Feature<Point, { atco_code: string; common_name: string }>[];

const text = (value: string) => new TextEncoder().encode(value);
const bytesOf = (output: string | Uint8Array | undefined) => (typeof output === 'string' ? text(output) : (output ?? new Uint8Array()));

/** Metres between two WGS84 positions (equirectangular: exact enough over a few metres). */
function metresApart([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const x = (lon2 - lon1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180) * 111_320;
  const y = (lat2 - lat1) * 110_574;
  return Math.hypot(x, y);
}

/** Each scheme is a point at the stop its id names, within `metres`, named as the stop. */
function expectStops(schemes: Scheme[], metres: number) {
  expect(schemes.map((s) => s.id)).toEqual(STOP_CODES);
  for (const scheme of schemes) {
    const stop = stops.find((s) => s.properties.atco_code === scheme.id)!;
    expect(scheme.name).toBe(stop.properties.common_name);
    expect(scheme.footprint.type).toBe('point');
    if (scheme.footprint.type !== 'point') continue;
    expect(metresApart(scheme.footprint.point, stop.geometry.coordinates as LonLat)).toBeLessThan(metres);
  }
}

/** The stops as a shapefile's parts (stops.shp, .shx, .dbf, .prj), written by mapshaper; `-proj` reprojects. */
async function stopsShapefile(projection = '', extraProperties: Record<string, string> = {}): Promise<Record<string, Uint8Array>> {
  // dBASE field names stop at 10 characters, so the name goes in `name`, not `common_name`.
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: stops.map((s) => ({
      type: 'Feature',
      geometry: s.geometry,
      properties: { atco_code: s.properties.atco_code, name: s.properties.common_name, ...extraProperties },
    })),
  };
  const written = await mapshaper.applyCommands(`-i stops.json ${projection} -o format=shapefile stops.shp`, { 'stops.json': collection });
  return Object.fromEntries(Object.entries(written).map(([name, output]) => [name, bytesOf(output)]));
}

/** The .dbf with its text field `field` retyped as a dBASE date (D: yyyymmdd), as GIS tools write dates. */
function withDateField(dbf: Uint8Array, field: string): Uint8Array {
  // A copy on a buffer of its own: a Node Buffer's slice() is a view into a shared pool.
  const retyped = new Uint8Array(dbf);
  const headerBytes = new DataView(retyped.buffer).getUint16(8, true);
  for (let at = 32; at + 32 <= headerBytes; at += 32) {
    const name = new TextDecoder().decode(retyped.subarray(at, at + 11)).replace(/\0+$/, '');
    if (name === field) retyped[at + 11] = 'D'.charCodeAt(0);
  }
  return retyped;
}

/** A one-entry zip whose headers claim `statedBytes` unpacked, whatever the entry really holds. */
function withStatedSize(zip: Uint8Array, statedBytes: number): Uint8Array {
  const forged = new Uint8Array(zip);
  const view = new DataView(forged.buffer);
  const endOfCentralDirectory = forged.length - 22;
  const centralDirectory = view.getUint32(endOfCentralDirectory + 16, true);
  view.setUint32(22, statedBytes, true); // the local file header at the start
  view.setUint32(centralDirectory + 24, statedBytes, true);
  return forged;
}

beforeAll(() => {
  const extract = JSON.parse(fs.readFileSync(trafford.stops, 'utf8')) as FeatureCollection<Point, { atco_code: string; common_name: string }>;
  stops = STOP_CODES.map((code) => extract.features.find((f) => f.properties.atco_code === code)!);
  expect(stops.every((s) => s !== undefined)).toBe(true);
});

describe('KML and KMZ', () => {
  it('a KML of four real stops: four point schemes, named and placed as the stops, ids from ExtendedData', async () => {
    const read = ok(await importSchemesFile(kmlFixture, 'stops.kml', context));
    expect(read.format).toBe('KML');
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expectStops(read.schemes, 0.01);
  });

  it('the same KML zipped as a KMZ (doc.kml beside an icon) gives the same schemes', async () => {
    const kmz = zipSync({ 'doc.kml': kmlFixture, 'files/bus.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    const fromKmz = ok(await importSchemesFile(kmz, 'stops.kmz', context));
    const fromKml = ok(await importSchemesFile(kmlFixture, 'stops.kml', context));
    expect(fromKmz.format).toBe('KML');
    expect(fromKmz.schemes).toEqual(fromKml.schemes);
  });

  it('XML that is not KML is refused, naming its outermost element', async () => {
    const gpx = text('<?xml version="1.0"?><gpx version="1.1"><wpt lat="53.38799" lon="-2.34662"/></gpx>');
    expect(refusal(await importSchemesFile(gpx, 'stops.gpx', context))).toBe('stops.gpx is XML but not KML: its outermost element is <gpx>, not <kml>.');
  });

  it('a damaged KML is refused as not well-formed', async () => {
    const damaged = text(kmlFixture.toString('utf8').replace('</Folder>', ''));
    expect(refusal(await importSchemesFile(damaged, 'stops.kml', context))).toMatch(
      /^stops\.kml is not well-formed XML \(.+\), so it cannot be read as KML\.$/,
    );
  });
});

describe('zipped shapefiles', () => {
  it('in WGS84 with its .prj: four point schemes at the stops, names and ids from the .dbf', async () => {
    const read = ok(await importSchemesFile(zipSync(await stopsShapefile()), 'stops.zip', context));
    expect(read.format).toBe('Shapefile');
    expect(read.problems).toEqual([]);
    expectStops(read.schemes, 0.01);
  });

  it('in British National Grid with the .prj QGIS and ArcGIS write: reprojected to WGS84 within 5 m', async () => {
    const parts = await stopsShapefile('-proj EPSG:27700');
    const zip = zipSync({ ...parts, 'stops.prj': text(esriBritishNationalGridPrj) });
    const read = ok(await importSchemesFile(zip, 'stops.zip', context));
    expect(read.problems).toEqual([]);
    expectStops(read.schemes, 5);
  });

  it("in British National Grid with mapshaper's own .prj (quoted TOWGS84), in a folder and with upper-case extensions", async () => {
    const parts = await stopsShapefile('-proj EPSG:27700');
    const zip = zipSync(
      Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [`export/${name.replace(/\.(\w+)$/, (e) => e.toUpperCase())}`, bytes])),
    );
    const read = ok(await importSchemesFile(zip, 'stops.zip', context));
    expectStops(read.schemes, 5);
  });

  it('a dBASE date field gives the start date, as yyyy-mm-dd', async () => {
    const parts = await stopsShapefile('', { start: '20240401' });
    const read = ok(await importSchemesFile(zipSync({ ...parts, 'stops.dbf': withDateField(parts['stops.dbf']!, 'start') }), 'stops.zip', context));
    expect(read.problems).toEqual([]);
    expect(read.schemes.map((s) => s.start)).toEqual(STOP_CODES.map(() => '2024-04-01'));
  });

  it('with no .prj: read as WGS84, with a warning, when the coordinates are degrees', async () => {
    const { 'stops.prj': _prj, ...parts } = await stopsShapefile();
    const read = ok(await importSchemesFile(zipSync(parts), 'stops.zip', context));
    expect(read.problems).toEqual([
      { severity: 'warning', message: 'stops.shp has no .prj; its coordinates look like longitude/latitude, so they were read as WGS84.' },
    ]);
    expectStops(read.schemes, 0.01);
  });

  it('with no .prj and coordinates in metres: refused, saying the .prj is missing', async () => {
    const { 'stops.prj': _prj, ...parts } = await stopsShapefile('-proj EPSG:27700');
    expect(refusal(await importSchemesFile(zipSync(parts), 'stops.zip', context))).toMatch(
      /^stops\.zip: stops\.shp has no \.prj file saying which coordinate system it is in, and its coordinates \(e\.g\. \[3\d{5}\.\d+, 3\d{5}\.\d+\]\) are not longitude\/latitude\./,
    );
  });

  it('a .prj proj4 cannot read is refused rather than its coordinates read unprojected', async () => {
    const parts = await stopsShapefile('-proj EPSG:27700');
    const zip = zipSync({ ...parts, 'stops.prj': text('PROJCS["Somewhere Grid",NONSENSE[]]') });
    expect(refusal(await importSchemesFile(zip, 'stops.zip', context))).toMatch(
      /^stops\.zip: stops\.shp: its \.prj \("Somewhere Grid"\) is a coordinate system GapMap cannot read/,
    );
  });

  it('a .prj that is not a coordinate system definition at all is refused saying so, not with a crash inside proj4', async () => {
    const parts = await stopsShapefile('-proj EPSG:27700');
    const zip = zipSync({ ...parts, 'stops.prj': text('this is not a projection, just some words') });
    const message = refusal(await importSchemesFile(zip, 'stops.zip', context));
    expect(message).toMatch(
      /^stops\.zip: stops\.shp: its \.prj is a coordinate system GapMap cannot read \(it is not a WKT definition such as PROJCS\["…",…\]\)\./,
    );
    expect(message).not.toMatch(/toLowerCase|undefined/);
  });
});

describe('hostile or careless JSON', () => {
  it('coordinates nested 100,000 arrays deep: the feature is skipped with a reason, nothing crashes', async () => {
    const depth = 100_000;
    const json = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`;
    const read = await importSchemesFile(text(json), 'deep.geojson', context);
    const said = read.ok ? read.problems.map((p) => p.message).join(' ') : read.message;
    expect(said).toMatch(/not a \[longitude, latitude\] pair \(found arrays nested too deeply to show\)/);
    expect(said).not.toMatch(/call stack/i);
  });

  it.each([
    ['42', '(42)'],
    ['"Trafford grants"', '("Trafford grants")'],
    ['null', '(null)'],
  ])('a .json file holding a single value (%s) is refused saying so, not as a table with no rows', async (json, shown) => {
    expect(refusal(await importSchemesFile(text(json), 'grants.json', context))).toBe(
      `grants.json holds a single JSON value ${shown}, not a GeoJSON FeatureCollection or a 360Giving grants file. ` +
        'GapMap reads GeoJSON, 360Giving JSON, CSV, Excel workbooks (.xlsx), KML, KMZ and zipped shapefiles.',
    );
  });
});

describe('files refused whole', () => {
  it('a zip with neither a .shp nor a .kml, naming what it holds', async () => {
    const zip = zipSync({ 'readme.txt': text('Trafford bus stops'), 'stops.csv': text('atco_code\n1800SJ01741\n'), '__MACOSX/._stops.csv': new Uint8Array(8) });
    expect(refusal(await importSchemesFile(zip, 'stops.zip', context))).toBe(
      'stops.zip holds no .shp or .kml file (it holds readme.txt, stops.csv); GapMap reads zipped shapefiles (.shp with .dbf and .prj), KMZ and Excel workbooks (.xlsx). ' +
        'Unzip it and open stops.csv.',
    );
  });

  it('an Excel workbook (a zip too) is read as one; a damaged one is refused saying so', async () => {
    const workbook = zipSync({ '[Content_Types].xml': text('<Types/>'), 'xl/workbook.xml': text('<workbook/>') });
    expect(refusal(await importSchemesFile(workbook, 'grants.xlsx', context))).toBe(
      'grants.xlsx is an Excel workbook but its xl/workbook.xml lists no sheets, so it cannot be read. Open it in Excel and save it again, or save it as CSV.',
    );
  });

  it('a file over the size limit, saying the limit and its size (checked before anything is read)', async () => {
    expect(MAX_IMPORT_BYTES).toBe(200 * 1024 * 1024);
    // A small file that reports a large length, so the limit is tested without allocating 250 MB.
    const reportedLarge = Object.defineProperty(zipSync({ 'doc.kml': kmlFixture }), 'byteLength', { value: 250 * 1024 * 1024 });
    expect(refusal(await importSchemesFile(reportedLarge, 'stops.kmz', context))).toMatch(
      /^stops\.kmz is 250 MB, more than the 200 MB GapMap reads in one file\./,
    );
    expect(fileSizeProblem(MAX_IMPORT_BYTES, 'stops.geojson')).toBeUndefined();
    expect(fileSizeProblem(250 * 1024 * 1024, 'stops.geojson')).toBe(
      'stops.geojson is 250 MB, more than the 200 MB GapMap reads in one file. Split it into smaller files, or leave out what the coverage does not need.',
    );
    expect(fileSizeProblem(3000, 'stops.zip', 2048)).toMatch(/^stops\.zip is 3 kB, more than the 2 kB GapMap reads/);
  });

  it('a zip bomb: a small zip that would unpack past the limit is refused before unpacking', () => {
    const bomb = zipSync({ 'stops.shp': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const limit = 1024 * 1024;
    const unzipped = unzipWithinLimit(bomb, 'stops.zip', () => true, { maxUnzippedBytes: limit });
    expect(unzipped).toEqual({
      ok: false,
      message:
        'stops.zip was not opened: it would unpack to 20 MB, more than the 1 MB GapMap unpacks from one zip. ' +
        'A zip that grows so much is usually a zip bomb; if it is a real layer, split it into smaller zips.',
    });
    // Under the default limit the same zip unpacks in full.
    const allowed = unzipWithinLimit(bomb, 'stops.zip', () => true);
    expect(allowed.ok && allowed.files.get('stops.shp')?.length).toBe(20 * 1024 * 1024);
  });

  it('a zip whose header claims more than its compressed bytes can hold is refused as forged', async () => {
    const forged = withStatedSize(zipSync({ 'stops.shp': new Uint8Array(100_000) }), 1024 * 1024 * 1024);
    expect(refusal(await importSchemesFile(forged, 'stops.zip', context))).toMatch(
      /^stops\.zip was not opened: its stops\.shp claims to unpack to 1,024 MB from 1 kB, more than any compression can, so the zip is forged \(a zip bomb\) or damaged\.$/,
    );
  });
});
