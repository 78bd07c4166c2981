// Reading target areas from a file: hand-made GeoJSON, KML and KMZ of small squares near Trafford
// Park, a zipped shapefile written here by mapshaper, and the real Trafford LSOA boundaries in
// ../shared/data. Also the notes for what was skipped or repaired, and the files refused whole.

import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import mapshaper from 'mapshaper';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../src/core/scheme';
import { MAX_AREAS_PER_FILE, readAreasFile, type AreasRead } from '../../src/data/area-file';
import { sharedRoot, TRAFFORD } from './built-data';

const traffordLsoas = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', `${TRAFFORD}.geojson`);

const bytesOf = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytesOf(JSON.stringify(value));

function ok(read: AreasRead): Extract<AreasRead, { ok: true }> {
  if (!read.ok) throw new Error(read.message);
  return read;
}

function refusal(read: AreasRead): string {
  if (read.ok) throw new Error(`expected a refusal, got ${read.areas.length} areas`);
  return read.message;
}

/** A closed square ring `size` degrees across, south-west corner at [lon, lat]. */
function square(lon: number, lat: number, size = 0.01): LonLat[] {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

const polygon = (ring: LonLat[] = square(-2.3, 53.45)): Geometry => ({ type: 'Polygon', coordinates: [ring] });
const feature = (geometry: Geometry | null, properties: Record<string, unknown> = {}): Feature<Geometry | null> => ({ type: 'Feature', properties, geometry });
const collection = (...features: Feature<Geometry | null>[]): FeatureCollection<Geometry | null> => ({ type: 'FeatureCollection', features });

describe('GeoJSON', () => {
  it('a point and a polygon: one area, and a note saying the point was skipped', () => {
    const file = collection(
      feature({ type: 'Point', coordinates: [-2.31, 53.46] }, { name: 'Stretford Mall' }),
      feature(polygon(), { name: 'Gorse Hill', description: 'Priority for the warm homes fund', colour: '#D4351C' }),
    );
    const read = ok(readAreasFile(json(file), 'places.geojson'));
    expect(read.areas).toEqual([{ name: 'Gorse Hill', description: 'Priority for the warm homes fund', colour: '#d4351c', polygons: [[square(-2.3, 53.45)]] }]);
    expect(read.notes).toEqual(["Feature 1 ('Stretford Mall') is a Point; an area must be a polygon, so it was skipped."]);
  });

  it('a polygon that crosses itself is repaired into two parts, with a note naming the feature', () => {
    const bowtie: LonLat[] = [
      [-2.3, 53.45],
      [-2.29, 53.46],
      [-2.29, 53.45],
      [-2.3, 53.46],
      [-2.3, 53.45],
    ];
    const read = ok(
      readAreasFile(json(collection(feature(polygon(square(-2.33, 53.44))), feature(polygon(bowtie), { name: 'Old Trafford' }))), 'places.geojson'),
    );
    expect(read.areas).toHaveLength(2);
    expect(read.areas[1]!.polygons).toHaveLength(2);
    expect(read.notes).toEqual([
      "Feature 2 ('Old Trafford'): The polygon crossed itself (1 crossing); it was repaired by rebuilding its outline at the crossings (now 2 parts). Check the result on the map.",
    ]);
  });

  it('a file with no usable polygon is refused, saying why each feature was skipped', () => {
    const open = square(-2.3, 53.45).slice(0, 4);
    const file = collection(
      feature({
        type: 'LineString',
        coordinates: [
          [-2.3, 53.45],
          [-2.29, 53.46],
        ],
      }),
      feature(polygon(open), { name: 'Davyhulme' }),
      feature(null),
    );
    expect(refusal(readAreasFile(json(file), 'routes.geojson'))).toBe(
      'routes.geojson has no polygons GapMap can make areas from. ' +
        'Feature 1 is a LineString; an area must be a polygon, so it was skipped. ' +
        "Feature 2 ('Davyhulme'): The polygon, ring 1 (outer) is not closed: it starts at [-2.3, 53.45] and ends at [-2.3, 53.46]; the last position must repeat the first. It was skipped. " +
        'Feature 3 has no geometry, so it was skipped. ' +
        'An area must be a polygon: export the layer of areas (not points or lines), or draw the areas in GapMap.',
    );
  });

  it('more than three skipped features are summarised by the first three and a count', () => {
    const points = Array.from({ length: 5 }, (_, k) => feature({ type: 'Point', coordinates: [-2.3 + k / 100, 53.45] }));
    expect(refusal(readAreasFile(json(collection(...points)), 'stops.geojson'))).toContain(
      'Feature 3 is a Point; an area must be a polygon, so it was skipped. (and 2 more features skipped)',
    );
    expect(refusal(readAreasFile(json(collection()), 'empty.geojson'))).toBe('empty.geojson holds no features, so it has no polygons to make areas from.');
  });

  it('coordinates in British National Grid (crs EPSG:27700) are refused, saying how to re-export', () => {
    const file = { ...collection(feature(polygon())), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } } };
    const message = refusal(readAreasFile(json(file), 'wards.geojson'));
    expect(message).toMatch(/^wards\.geojson: The file's coordinates are in urn:ogc:def:crs:EPSG::27700 \(British National Grid\), but GapMap reads WGS84/);
    expect(message).toContain('Re-export the file in WGS84 (EPSG:4326)');
  });

  it('a WGS84 crs, a byte-order mark, a single Feature and a bare geometry are all read', () => {
    const wgs84 = { ...collection(feature(polygon())), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };
    expect(ok(readAreasFile(json(wgs84), 'a.geojson')).areas).toHaveLength(1);
    expect(ok(readAreasFile(bytesOf(`\uFEFF${JSON.stringify(collection(feature(polygon())))}`), 'a.geojson')).areas).toHaveLength(1);
    expect(ok(readAreasFile(json(feature(polygon(), { name: 'Sale Moor' })), 'a.json')).areas[0]!.name).toBe('Sale Moor');
    const multi: Geometry = { type: 'MultiPolygon', coordinates: [[square(-2.3, 53.45)], [square(-2.28, 53.45)]] };
    const bare = ok(readAreasFile(json(multi), 'Priority places.geojson'));
    expect(bare.areas).toEqual([{ name: 'Priority places 1', description: '', colour: null, polygons: [[square(-2.3, 53.45)], [square(-2.28, 53.45)]] }]);
  });

  it('names: name, then title, then a column like WD24NM, else the file and feature number', () => {
    const file = collection(
      feature(polygon(), { title: 'Ignored', name: '  Urmston \n town  centre ' }),
      feature(polygon(), { NAME: '', title: 'Flixton' }),
      feature(polygon(), { WD24CD: 'E05000820', WD24NM: 'Bucklow-St Martins' }),
      feature(polygon(), { id: 7, name: 42 }),
      feature(polygon(), { name: 'x'.repeat(250), description: `${'y'.repeat(2100)}` }),
    );
    const read = ok(readAreasFile(json(file), 'exports/wards.geojson'));
    expect(read.areas.map((a) => a.name)).toEqual(['Urmston town centre', 'Flixton', 'Bucklow-St Martins', 'wards 4', 'x'.repeat(200)]);
    expect(read.areas[4]!.description).toHaveLength(2000);
  });

  it('descriptions are plain text: HTML kept as written, spaces collapsed, paragraphs kept', () => {
    const description = '  <b>Warm homes</b>   pilot\r\n\r\n\r\n\tPhase 2 \n';
    const read = ok(readAreasFile(json(collection(feature(polygon(), { Description: description }))), 'a.geojson'));
    expect(read.areas[0]!.description).toBe('<b>Warm homes</b> pilot\n\nPhase 2');
  });

  it('colour only as #rrggbb, from colour or color', () => {
    const file = collection(
      feature(polygon(), { color: '#1D70B8' }),
      feature(polygon(), { colour: 'red' }),
      feature(polygon(), { colour: '#abc' }),
      feature(polygon(), { colour: 'blue', color: '#005a30' }),
    );
    expect(ok(readAreasFile(json(file), 'a.geojson')).areas.map((a) => a.colour)).toEqual(['#1d70b8', null, null, '#005a30']);
  });

  it(`more than ${MAX_AREAS_PER_FILE} polygons are refused, asking for the file to be split`, () => {
    const many = Array.from({ length: 1200 }, (_, k) => feature(polygon(square(-2.4 + (k % 40) * 0.002, 53.4 + Math.floor(k / 40) * 0.002, 0.001))));
    expect(refusal(readAreasFile(json(collection(...many)), 'lsoas.geojson'))).toBe(
      'lsoas.geojson holds 1,200 polygons, more than the 500 areas GapMap reads from one file. Split it into files of at most 500 areas, or keep only the places you are targeting.',
    );
  });

  it('the real Trafford LSOA boundaries: 139 areas, each named by its LSOA21NM', () => {
    const read = ok(readAreasFile(fs.readFileSync(traffordLsoas), `${TRAFFORD}.geojson`));
    expect(read.areas).toHaveLength(139);
    expect(read.notes).toEqual([]);
    expect(read.areas[0]!.name).toBe('Trafford 025A');
    expect(read.areas.every((a) => /^Trafford \d{3}[A-Z]$/.test(a.name))).toBe(true);
    expect(new Set(read.areas.map((a) => a.name)).size).toBe(139);
  });
});

describe('files refused whole', () => {
  it('binary data, invalid JSON, other text and an oversized file each say what GapMap reads', () => {
    const junk = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(refusal(readAreasFile(junk, 'map.png'))).toBe(
      'map.png is not a text file (it holds binary data). GapMap reads target areas from GeoJSON, KML, KMZ and zipped shapefiles (.shp with .dbf and .prj).',
    );
    expect(refusal(readAreasFile(bytesOf('{"type": "FeatureCollection",'), 'a.geojson'))).toMatch(
      /^a\.geojson is not valid JSON \(.+\), so it cannot be read as GeoJSON\.$/,
    );
    expect(refusal(readAreasFile(bytesOf('lsoa21cd\nE01006074\n'), 'lsoas.csv'))).toBe(
      'lsoas.csv is not GeoJSON, KML, KMZ or a zipped shapefile. GapMap reads target areas from GeoJSON, KML, KMZ and zipped shapefiles (.shp with .dbf and .prj).',
    );
    expect(refusal(readAreasFile(json({ type: 'Topology', objects: {} }), 'wards.json'))).toBe(
      'wards.json is not GeoJSON: expected a FeatureCollection, a Feature or a Polygon geometry, found type "Topology".',
    );
    const reportedLarge = Object.defineProperty(json(collection()), 'byteLength', { value: 250 * 1024 * 1024 });
    expect(refusal(readAreasFile(reportedLarge, 'big.geojson'))).toMatch(/^big\.geojson is 250 MB, more than the 200 MB GapMap reads in one file\./);
  });

  it('a zip whose header claims more than its compressed bytes can hold is refused before unpacking (a zip bomb)', () => {
    const zip = zipSync({ 'wards.shp': new Uint8Array(100_000) });
    // The stated size, rewritten in the local header (offset 22) and the central directory's entry (offset 24).
    const forged = new Uint8Array(zip);
    const view = new DataView(forged.buffer);
    const centralDirectory = view.getUint32(forged.length - 22 + 16, true);
    view.setUint32(22, 1024 * 1024 * 1024, true);
    view.setUint32(centralDirectory + 24, 1024 * 1024 * 1024, true);
    expect(refusal(readAreasFile(forged, 'wards.zip'))).toMatch(
      /^wards\.zip was not opened: its wards\.shp claims to unpack to 1,024 MB from 1 kB, more than any compression can/,
    );
  });

  it('a zip with neither a shapefile nor a KML', () => {
    const zip = zipSync({ 'readme.txt': bytesOf('Priority places'), 'areas.csv': bytesOf('lsoa21cd\n') });
    expect(refusal(readAreasFile(zip, 'areas.zip'))).toBe(
      'areas.zip holds no .shp or .kml file. GapMap reads target areas from GeoJSON, KML, KMZ and zipped shapefiles (.shp with .dbf and .prj).',
    );
  });
});

const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <Placemark>
      <name>Lostock</name>
      <description><![CDATA[Estate <i>regeneration</i> area]]></description>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>
        -2.3,53.45,0 -2.29,53.45,0 -2.29,53.46,0 -2.3,53.46,0 -2.3,53.45,0
      </coordinates></LinearRing></outerBoundaryIs></Polygon>
    </Placemark>
    <Placemark>
      <name>Partington</name>
      <description>Two parts</description>
      <MultiGeometry>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>-2.42,53.45 -2.41,53.45 -2.41,53.46 -2.42,53.46 -2.42,53.45</coordinates></LinearRing></outerBoundaryIs></Polygon>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>-2.40,53.45 -2.39,53.45 -2.39,53.46 -2.40,53.46 -2.40,53.45</coordinates></LinearRing></outerBoundaryIs></Polygon>
      </MultiGeometry>
    </Placemark>
    <Placemark><name>Library</name><Point><coordinates>-2.35,53.44</coordinates></Point></Placemark>
  </Document>
</kml>`;

describe('KML and KMZ', () => {
  it('a polygon placemark gives an area with its name and description; a MultiGeometry of polygons is one area', () => {
    const read = ok(readAreasFile(bytesOf(kml), 'areas.kml'));
    expect(read.areas).toEqual([
      { name: 'Lostock', description: 'Estate <i>regeneration</i> area', colour: null, polygons: [[square(-2.3, 53.45)]] },
      { name: 'Partington', description: 'Two parts', colour: null, polygons: [[square(-2.42, 53.45)], [square(-2.4, 53.45)]] },
    ]);
    expect(read.notes).toEqual(["Feature 3 ('Library') is a Point; an area must be a polygon, so it was skipped."]);
  });

  it('the same KML zipped as a KMZ gives the same areas', () => {
    const kmz = zipSync({ 'doc.kml': bytesOf(kml), 'files/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    expect(readAreasFile(kmz, 'areas.kmz')).toEqual(readAreasFile(bytesOf(kml), 'areas.kml'));
  });

  it('XML that is not KML is refused', () => {
    const gpx = bytesOf('<?xml version="1.0"?><gpx version="1.1"><wpt lat="53.45" lon="-2.3"/></gpx>');
    expect(refusal(readAreasFile(gpx, 'walk.gpx'))).toBe('walk.gpx is XML but not KML: its outermost element is <gpx>, not <kml>.');
  });
});

describe('zipped shapefiles', () => {
  const wards = collection(
    feature(polygon(square(-2.3, 53.45)), { WD24CD: 'E05000819', WD24NM: 'Clifford', colour: '#4c2c92' }),
    feature(polygon(square(-2.32, 53.45)), { WD24CD: 'E05000820', WD24NM: 'Gorse Hill' }),
  );

  /** The wards as a shapefile's parts, written by mapshaper; `projection` reprojects. */
  async function wardsShapefile(projection = ''): Promise<Record<string, Uint8Array>> {
    const written = await mapshaper.applyCommands(`-i wards.json ${projection} -o format=shapefile wards.shp`, { 'wards.json': wards });
    return Object.fromEntries(Object.entries(written).map(([name, output]) => [name, typeof output === 'string' ? bytesOf(output) : output]));
  }

  /** Every corner of `actual` within `degrees` of the square it should be. */
  function expectSquare(actual: LonLat[][][], expected: LonLat[], degrees: number) {
    expect(actual).toHaveLength(1);
    const ring = actual[0]![0]!;
    expect(ring).toHaveLength(5);
    for (const [lon, lat] of ring) {
      expect(expected.some(([x, y]) => Math.abs(x - lon) < degrees && Math.abs(y - lat) < degrees)).toBe(true);
    }
  }

  it('in WGS84: one area per polygon, named from the .dbf', async () => {
    const read = ok(readAreasFile(zipSync(await wardsShapefile()), 'wards.zip'));
    expect(read.notes).toEqual([]);
    expect(read.areas.map((a) => [a.name, a.colour])).toEqual([
      ['Clifford', '#4c2c92'],
      ['Gorse Hill', null],
    ]);
    expectSquare(read.areas[0]!.polygons, square(-2.3, 53.45), 1e-9);
    expectSquare(read.areas[1]!.polygons, square(-2.32, 53.45), 1e-9);
  });

  it('in British National Grid: reprojected to WGS84', async () => {
    const read = ok(readAreasFile(zipSync(await wardsShapefile('-proj EPSG:27700')), 'wards.zip'));
    expect(read.areas.map((a) => a.name)).toEqual(['Clifford', 'Gorse Hill']);
    // About a metre: proj4's and mapshaper's datum shifts differ a little.
    expectSquare(read.areas[0]!.polygons, square(-2.3, 53.45), 2e-5);
  });
});
