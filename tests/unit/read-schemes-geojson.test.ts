// The GeoJSON schemes reader: every problem message on small hand-made files
// (tests/fixtures/schemes/), the stated defaults, and the real TfGM Trafford routes and stops.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { footprintProblem } from '../../src/core/footprint-problem';
import { DEFAULT_REACH, type Scheme } from '../../src/core/scheme';
import { formatSchemeReadProblem, readSchemesGeoJson, type SchemeReadProblem } from '../../src/data/read-schemes-geojson';
import { trafford } from './built-data';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemes');
const readFixture = (name: string) => readSchemesGeoJson(fs.readFileSync(path.join(fixtures, name), 'utf8'));

function readOk(name: string): { schemes: Scheme[]; problems: SchemeReadProblem[] } {
  const read = readFixture(name);
  if (!read.ok) throw new Error(read.problems.map(formatSchemeReadProblem).join('\n'));
  return read;
}

describe('files GapMap refuses as a whole', () => {
  it.each([
    ['not-json.geojson', 'The file is not valid JSON ('],
    ['topology.json', 'Expected a GeoJSON FeatureCollection, Feature or geometry; found type "Topology".'],
    ['empty.geojson', 'The file holds no features.'],
    [
      'british-national-grid.geojson',
      "The file's coordinates are in urn:ogc:def:crs:EPSG::27700 (British National Grid), but GapMap reads WGS84 longitude/latitude only",
    ],
  ])('%s', (name, message) => {
    const read = readFixture(name);
    expect(read.ok).toBe(false);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.severity).toBe('error');
    expect(read.problems[0]!.feature).toBeUndefined();
    expect(read.problems[0]!.message).toContain(message);
  });

  it('accepts the WGS84 spellings of crs', () => {
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326']) {
      const text = JSON.stringify({ type: 'Point', coordinates: [-2.3, 53.4], crs: { type: 'name', properties: { name } } });
      expect(readSchemesGeoJson(text).ok, name).toBe(true);
    }
    const mercator = readSchemesGeoJson(JSON.stringify({ type: 'Point', coordinates: [0, 0], crs: { type: 'name', properties: { name: 'EPSG:3857' } } }));
    expect(mercator.ok).toBe(false);
    expect(mercator.problems[0]!.message).toContain('coordinates are in EPSG:3857');
  });
});

describe('bad-features.geojson: one problem per feature', () => {
  const { schemes, problems } = readOk('bad-features.geojson');
  const byFeature = new Map(problems.map((p) => [p.feature, p]));

  it.each([
    [1, 'nan-lon', 'error', 'The point has a longitude that is not a number (null). The feature was skipped.'],
    [2, 'lat-95', 'error', 'The point [-2.3, 95.2] has latitude 95.2, outside -90..90. The feature was skipped.'],
    [
      3,
      'grid',
      'error',
      'The line, position 1 [378500, 395600] has longitude 378500, outside -180..180. These look like British National Grid metres (EPSG:27700)',
    ],
    [4, 'empty-point', 'error', 'Its geometry is empty (a Point with no coordinates).'],
    [5, 'no-geometry', 'error', 'It has no geometry.'],
    [
      6,
      'open-ring',
      'error',
      'The polygon, ring 1 (outer) is not closed: it starts at [-2.3, 53.44] and ends at [-2.3, 53.45]; the last position must repeat the first.',
    ],
    [7, 'short-ring', 'error', 'The polygon, ring 1 (outer) has only 2 distinct corners; a ring needs at least 3'],
    [8, 'one-point-line', 'error', 'The line has only 1 position; a line needs at least 2.'],
    [9, 'two-stops', 'error', 'It is a MultiPoint of 2 points; a scheme has one point.'],
    [10, 'collection', 'error', 'It is a GeometryCollection; give each part its own feature'],
    [11, 'bowtie', 'warning', 'The polygon crossed itself (1 crossing); it was repaired by rebuilding its outline at the crossings (now 2 parts).'],
    [12, 'crossed-line', 'error', 'The polygon crosses itself (7 crossings) and encloses no area once repaired. Redraw it so no edges cross.'],
    [13, 'flat', 'error', 'The polygon encloses no area: all its corners lie on one line.'],
    [15, 'hub', 'warning', "The id 'hub' is already used by feature 14; this one was renamed 'hub#2' so results can tell them apart."],
    [16, 'bad-amount', 'warning', 'amount_gbp "lots" is not an amount of pounds (a number, 0 or more); the scheme is kept without an amount.'],
    [17, 'bad-kind', 'warning', "kind 'bus' is not one of grant, transport, community, other; 'transport' was used (the default for lines)."],
    [18, 'bad-buffer', 'warning', 'buffer_m -50 is not a distance in metres (a number, 0 or more); 400 m was used.'],
    [19, 'bad-date', 'warning', "start 'next spring' is not a date (yyyy-mm-dd or dd/mm/yyyy); it was ignored."],
    [20, 'bad-area', 'error', "area_codes holds a code GapMap does not recognise ('Trafford'); expected LSOA (E01…), ward (E05…)"],
    [21, undefined, 'error', 'It is not a GeoJSON Feature (found type "Point").'],
    [22, 'circle', 'error', 'Its geometry type "Circle" is not a GeoJSON geometry type.'],
  ] as const)('feature %i (%s)', (feature, id, severity, message) => {
    const problem = byFeature.get(feature);
    expect(problem, `feature ${feature}`).toBeDefined();
    expect(problem!.id).toBe(id);
    expect(problem!.severity).toBe(severity);
    expect(problem!.message).toContain(message);
    if (severity === 'error') expect(problem!.message).toMatch(/The feature was skipped\.$/);
  });

  it('reports each problem once and keeps exactly the usable features', () => {
    expect(problems).toHaveLength(21);
    expect(schemes.map((s) => s.id)).toEqual(['bowtie', 'hub', 'hub#2', 'bad-amount', 'bad-kind', 'bad-buffer', 'bad-date', 'lsoa-list']);
    expect(formatSchemeReadProblem(byFeature.get(2)!)).toBe(
      "Feature 2 (id 'lat-95'): The point [-2.3, 95.2] has latitude 95.2, outside -90..90. The feature was skipped.",
    );
  });

  it('applies defaults where a value was unusable', () => {
    const get = (id: string) => schemes.find((s) => s.id === id)!;
    expect(get('hub')).toMatchObject({ name: 'Community hub', amountGbp: 1000 });
    expect(get('hub#2').name).toBe('hub#2');
    expect(get('bad-amount').amountGbp).toBeUndefined();
    expect(get('bad-kind').kind).toBe('transport');
    expect(get('bad-buffer').footprint).toMatchObject({ type: 'line', bufferM: 400 });
    expect(get('bad-date').start).toBeUndefined();
  });

  it('makes an areas footprint from an LSOA list, and reads "£12,000"', () => {
    const scheme = schemes.find((s) => s.id === 'lsoa-list')!;
    expect(scheme.footprint).toEqual({
      type: 'areas',
      areas: [
        { kind: 'lsoa21', code: 'E01006074' },
        { kind: 'lsoa21', code: 'E01006075' },
      ],
    });
    expect(scheme.amountGbp).toBe(12000);
    expect(scheme.kind).toBe('other');
  });

  it('repairs the bow tie into two triangles meeting at the crossing, neither crossing itself', () => {
    const bowtie = schemes.find((s) => s.id === 'bowtie')!;
    if (bowtie.footprint.type !== 'polygon') throw new Error('not a polygon');
    const triangles = bowtie.footprint.polygons;
    expect(triangles).toHaveLength(2);
    for (const rings of triangles) {
      expect(rings).toHaveLength(1);
      expect(rings[0]).toHaveLength(4);
      expect(rings[0]).toContainEqual([-2.29, 53.45]);
      expect(footprintProblem({ type: 'polygon', polygons: [rings], bufferM: 0 })).toBeNull();
    }
  });
});

describe('single Feature, bare geometry and property spellings', () => {
  it('reads a single Feature with every property (UK and ISO dates, 3D position)', () => {
    const { schemes, problems } = readOk('single-feature.geojson');
    expect(problems).toEqual([]);
    expect(schemes).toEqual([
      {
        id: 'S1',
        name: 'Warm space',
        kind: 'community',
        footprint: { type: 'point', point: [-2.3386, 53.4631], radiusM: 800 },
        funder: 'Trafford Council',
        amountGbp: 2500,
        start: '2024-04-01',
        end: '2025-03-31',
        theme: 'cost of living',
      },
    ]);
  });

  it('reads a bare geometry: id and name from its position, a transport line with a 400 m buffer', () => {
    const { schemes, problems } = readOk('bare-geometry.geojson');
    expect(problems).toEqual([]);
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ id: '1', name: '1', kind: 'transport', footprint: { type: 'line', bufferM: 400 } });
    if (schemes[0]!.footprint.type === 'line') expect(schemes[0]!.footprint.lines).toHaveLength(2);
  });

  it('takes LSOA 2011 codes, mixed area codes, the GeoJSON feature id and polygon defaults', () => {
    const feature = (properties: Record<string, unknown>, geometry: unknown = null, extra: Record<string, unknown> = {}) => ({
      type: 'Feature',
      properties,
      geometry,
      ...extra,
    });
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [-2.3, 53.44],
          [-2.29, 53.44],
          [-2.29, 53.45],
          [-2.3, 53.45],
          [-2.3, 53.44],
        ],
      ],
    };
    const read = readSchemesGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature({ LSOA11CD: 'E01006074' }),
          feature({ Area_Codes: ['E05015241', 'e08000009', 'E10000012', 'E12000002'] }),
          feature({ Title: 'Park' }, square, { id: 'park-1' }),
          feature({ lsoa21cd: 'E08000009' }),
        ],
      }),
    );
    if (!read.ok) throw new Error('refused');
    expect(read.schemes.map((s) => [s.id, s.name, s.kind, s.footprint])).toEqual([
      ['1', '1', 'other', { type: 'areas', areas: [{ kind: 'lsoa11', code: 'E01006074' }] }],
      [
        '2',
        '2',
        'other',
        {
          type: 'areas',
          areas: [
            { kind: 'ward', code: 'E05015241' },
            { kind: 'lad', code: 'E08000009' },
            { kind: 'county', code: 'E10000012' },
            { kind: 'region', code: 'E12000002' },
          ],
        },
      ],
      ['park-1', 'Park', 'other', { type: 'polygon', polygons: [square.coordinates], bufferM: 0 }],
    ]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.message).toContain("lsoa21cd holds a code GapMap does not recognise ('E08000009'); expected LSOA 2021 codes");
  });
});

describe('the real TfGM files for Trafford', () => {
  it('reads the 407 bus routes: ServiceID as id and name, transport, 400 m buffer, no problems', () => {
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error(read.problems.map(formatSchemeReadProblem).join('\n'));
    expect(read.problems).toEqual([]);
    expect(read.schemes).toHaveLength(407);
    expect(new Set(read.schemes.map((s) => s.id)).size).toBe(407);
    expect(read.schemes[0]).toMatchObject({ id: '100_C_I_1_', name: '100_C_I_1_', kind: 'transport', service: '100' });
    // TfGM ServiceIDs: service number, operator, direction, day type, variant; 407 route variants of 83 services.
    expect(read.schemes.find((s) => s.id === 'X50__O_3_')?.service).toBe('X50');
    expect(new Set(read.schemes.map((s) => s.service)).size).toBe(83);
    for (const scheme of read.schemes) {
      expect(scheme.footprint.type).toBe('line');
      if (scheme.footprint.type === 'line') expect(scheme.footprint.bufferM).toBe(400);
      expect(scheme.amountGbp).toBeUndefined();
      expect(footprintProblem(scheme.footprint)).toBeNull();
    }
  });

  it('reads the 1,025 bus stops as stops (NaPTAN atco_code): transport with a 400 m walking catchment, common_name as name', () => {
    const read = readSchemesGeoJson(fs.readFileSync(trafford.stops, 'utf8'));
    if (!read.ok) throw new Error(read.problems.map(formatSchemeReadProblem).join('\n'));
    expect(read.problems).toEqual([]);
    expect(read.schemes).toHaveLength(1025);
    expect(read.schemes[0]).toMatchObject({
      id: '1800SJ47601',
      name: 'Abington Road',
      kind: 'transport',
      footprint: { type: 'point', radiusM: 400 },
    });
    expect(read.schemes.every((s) => s.kind === 'transport' && s.footprint.type === 'point' && s.footprint.radiusM === 400)).toBe(true);
    // The user may say otherwise: not stops (other places, no catchment), or another catchment.
    const places = readSchemesGeoJson(fs.readFileSync(trafford.stops, 'utf8'), { ...DEFAULT_REACH, pointsAreStops: false });
    if (!places.ok) throw new Error('should read');
    expect(places.schemes[0]).toMatchObject({ kind: 'other', footprint: { radiusM: 0 } });
    const wider = readSchemesGeoJson(fs.readFileSync(trafford.stops, 'utf8'), { ...DEFAULT_REACH, stopRadiusM: 800 });
    if (!wider.ok) throw new Error('should read');
    expect(wider.schemes[0]).toMatchObject({ kind: 'transport', footprint: { radiusM: 800 } });
  });

  it('reads points without stop codes as other places with no catchment, unless the user says they are stops', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Hub' }, geometry: { type: 'Point', coordinates: [-2.3, 53.45] } }],
    });
    const plain = readSchemesGeoJson(text);
    if (!plain.ok) throw new Error('should read');
    expect(plain.schemes[0]).toMatchObject({ kind: 'other', footprint: { radiusM: 0 } });
    const stops = readSchemesGeoJson(text, { ...DEFAULT_REACH, pointsAreStops: true });
    if (!stops.ok) throw new Error('should read');
    expect(stops.schemes[0]).toMatchObject({ kind: 'transport', footprint: { radiusM: 400 } });
  });
});
