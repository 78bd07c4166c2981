// Exporting a target area: the GeoJSON of its outline and figures (and reading it back as the same
// area), and the CSV of its LSOAs, guarded against cells a spreadsheet would run as formulas.

import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../src/core/scheme';
import { areaGeoJson, areaLsoasCsv, type AreaFigures, type AreaLsoaRow } from '../../src/data/area-export';
import { readAreasFile } from '../../src/data/area-file';
import { sharedRoot, TRAFFORD } from './built-data';

const traffordLsoas = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', `${TRAFFORD}.geojson`);

const figures: AreaFigures = {
  rule: 'LSOAs whose population-weighted centre is inside a footprint',
  indicator: 'IMD 2025',
  gapDecile: 2,
  lsoas: 3,
  people: 4800,
  peopleByDecile: [1500, 1700, 0, 0, 0, 0, 0, 0, 0, 1600],
  shareMostDeprived10: 0.3125,
  shareMostDeprived20: 0.6667,
  schemesReaching: 4,
  allocatedGbp: 125_000.456,
  gapLsoas: 1,
  lsoaCodes: ['E01006074', 'E01006075', 'E01006076'],
};

const area = { name: 'Old Trafford priority', description: 'Warm homes pilot.\n\nPhase 2 from April.', colour: '#4c2c92' };

/** Two parts, the first with a hole, at full double precision as a drawing tool gives them. */
const outer: LonLat[] = [
  [-2.2912345678, 53.4567891234],
  [-2.2812345678, 53.4567891234],
  [-2.2812345678, 53.4667891234],
  [-2.2912345678, 53.4667891234],
  [-2.2912345678, 53.4567891234],
];
const hole: LonLat[] = [
  [-2.2882345678, 53.4597891234],
  [-2.2882345678, 53.4627891234],
  [-2.2852345678, 53.4627891234],
  [-2.2852345678, 53.4597891234],
  [-2.2882345678, 53.4597891234],
];
const island: LonLat[] = [
  [-2.2712345678, 53.4567891234],
  [-2.2612345678, 53.4567891234],
  [-2.2612345678, 53.4667891234],
  [-2.2712345678, 53.4567891234],
];
const polygons: LonLat[][][] = [[outer, hole], [island]];

const EXPORTED_AT = '2025-06-01T09:30:00.000Z';

function expectSamePolygons(actual: LonLat[][][], expected: LonLat[][][]) {
  expect(actual.map((rings) => rings.map((ring) => ring.length))).toEqual(expected.map((rings) => rings.map((ring) => ring.length)));
  actual.forEach((rings, p) =>
    rings.forEach((ring, r) =>
      ring.forEach(([lon, lat], k) => {
        const [x, y] = expected[p]![r]![k]!;
        expect(Math.abs(lon - x)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(lat - y)).toBeLessThanOrEqual(1e-6);
      }),
    ),
  );
}

describe('areaGeoJson', () => {
  it('one MultiPolygon feature with flat snake_case properties, marked as a GapMap area', () => {
    const exported = areaGeoJson(area, polygons, figures, EXPORTED_AT);
    expect(exported.type).toBe('FeatureCollection');
    expect(exported.gapmap).toEqual({ area: 1 });
    expect(exported.features).toHaveLength(1);
    const [feature] = exported.features;
    expect(feature!.geometry.type).toBe('MultiPolygon');
    expect(feature!.properties).toEqual({
      name: 'Old Trafford priority',
      description: 'Warm homes pilot.\n\nPhase 2 from April.',
      colour: '#4c2c92',
      coverage_rule: 'LSOAs whose population-weighted centre is inside a footprint',
      indicator: 'IMD 2025',
      gap_decile: 2,
      lsoas: 3,
      people: 4800,
      people_decile_1: 1500,
      people_decile_2: 1700,
      people_decile_3: 0,
      people_decile_4: 0,
      people_decile_5: 0,
      people_decile_6: 0,
      people_decile_7: 0,
      people_decile_8: 0,
      people_decile_9: 0,
      people_decile_10: 1600,
      share_most_deprived_10: 0.3125,
      share_most_deprived_20: 0.6667,
      schemes_reaching: 4,
      allocated_gbp: 125_000.46,
      gap_lsoas: 1,
      lsoa_codes: ['E01006074', 'E01006075', 'E01006076'],
      exported_at: EXPORTED_AT,
    });
  });

  it('coordinates to 6 decimals', () => {
    const [feature] = areaGeoJson(area, polygons, figures, EXPORTED_AT).features;
    expect(feature!.geometry.coordinates[0]![0]![0]).toEqual([-2.291235, 53.456789]);
    const decimals = feature!.geometry.coordinates.flat(3).map((value) => String(value).split('.')[1]?.length ?? 0);
    expect(Math.max(...decimals)).toBeLessThanOrEqual(6);
  });

  it('an area with no people has null shares', () => {
    const empty: AreaFigures = { ...figures, lsoas: 0, people: 0, peopleByDecile: [], shareMostDeprived10: null, shareMostDeprived20: null, lsoaCodes: [] };
    const [feature] = areaGeoJson(area, polygons, empty, EXPORTED_AT).features;
    expect(feature!.properties.share_most_deprived_10).toBeNull();
    expect(feature!.properties.share_most_deprived_20).toBeNull();
    expect(feature!.properties.people_decile_10).toBe(0);
  });

  it('reads back through readAreasFile as the same name, description, colour and polygons', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(areaGeoJson(area, polygons, figures, EXPORTED_AT)));
    const read = readAreasFile(bytes, 'Old Trafford priority.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.notes).toEqual([]);
    expect(read.areas).toHaveLength(1);
    const [back] = read.areas;
    expect({ name: back!.name, description: back!.description, colour: back!.colour }).toEqual(area);
    expectSamePolygons(back!.polygons, polygons);
  });

  it('a real LSOA outline (Trafford 025A) reads back within 1e-6', () => {
    const file = JSON.parse(fs.readFileSync(traffordLsoas, 'utf8')) as FeatureCollection<Polygon, { LSOA21NM: string }>;
    const lsoa = file.features.find((f) => f.properties.LSOA21NM === 'Trafford 025A')!;
    const outline = [lsoa.geometry.coordinates as LonLat[][]];
    const bytes = new TextEncoder().encode(JSON.stringify(areaGeoJson({ ...area, name: 'Trafford 025A' }, outline, figures, EXPORTED_AT)));
    const read = readAreasFile(bytes, 'Trafford 025A.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.areas[0]!.name).toBe('Trafford 025A');
    expectSamePolygons(read.areas[0]!.polygons, outline);
  });
});

describe('areaLsoasCsv', () => {
  const rows: AreaLsoaRow[] = [
    {
      code: 'E01006074',
      name: 'Trafford 025A',
      ward: 'Bucklow-St Martins',
      district: 'Trafford',
      people: 1500,
      decile: 1,
      schemes: 2,
      allocatedGbp: 1234.5,
      gap: false,
    },
    { code: 'E01006075', name: null, ward: null, district: null, people: 1700, decile: 2, schemes: 0, allocatedGbp: 0, gap: true },
    {
      code: 'E01006076',
      name: '=HYPERLINK("http://x")',
      ward: '+44 ward',
      district: '@SUM(A1)',
      people: 1600,
      decile: 10,
      schemes: 1,
      allocatedGbp: 0.005,
      gap: false,
    },
    {
      code: 'E01006077',
      name: '-1+2',
      ward: 'Stretford, "Gorse Hill"',
      district: 'Trafford',
      people: 0,
      decile: 3,
      schemes: 0,
      allocatedGbp: 99.999,
      gap: true,
    },
  ];

  it('has the stated columns, money to 2 decimals and gaps as yes/no', () => {
    const parsed = Papa.parse<string[]>(areaLsoasCsv(rows), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['lsoa21cd', 'name', 'ward', 'district', 'people', 'decile', 'schemes_reaching', 'allocated_gbp', 'gap']);
    expect(parsed[1]).toEqual(['E01006074', 'Trafford 025A', 'Bucklow-St Martins', 'Trafford', '1500', '1', '2', '1234.50', 'no']);
    expect(parsed[2]).toEqual(['E01006075', '', '', '', '1700', '2', '0', '0.00', 'yes']);
    expect(parsed[4]!.slice(2, 3)).toEqual(['Stretford, "Gorse Hill"']);
    expect(parsed[4]![7]).toBe('100.00');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    const parsed = Papa.parse<string[]>(areaLsoasCsv(rows), { skipEmptyLines: true }).data;
    expect(parsed[3]!.slice(1, 4)).toEqual(['\'=HYPERLINK("http://x")', "'+44 ward", "'@SUM(A1)"]);
    expect(parsed[4]![1]).toBe("'-1+2");
    // Numbers are left as numbers.
    expect(parsed[3]!.slice(4, 7)).toEqual(['1600', '10', '1']);
  });

  it('an area with no LSOAs is just the header', () => {
    expect(areaLsoasCsv([]).trimEnd()).toBe('lsoa21cd,name,ward,district,people,decile,schemes_reaching,allocated_gbp,gap');
  });
});
