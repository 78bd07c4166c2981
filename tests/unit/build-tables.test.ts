import { describe, expect, it } from 'vitest';
import type { IndicatorKey } from '../../src/core/indicators';
import { buildTables, type TableInputs } from '../../src/data/build-tables';
import type { IodRow } from '../../src/data/parse-iod';
import { decileAt, encodeDecile, lsoaBoundsAt } from '../../src/data/schema';

type Bounds = [number, number, number, number];

interface Lsoa {
  code: string;
  lad: string;
  ward: string;
  msoa: string;
  imd: number;
  income: number;
  box: Bounds;
  people: number;
  name?: string;
  incomeScore?: number;
}

// Two regions; three LADs, two of them districts of one county; LSOAs given out of code order.
const LADS: Record<string, { name: string; county: [string, string]; region: [string, string] }> = {
  E07000066: { name: 'Basildon', county: ['E10000012', 'Essex'], region: ['E12000006', 'East of England'] },
  E07000067: { name: 'Braintree', county: ['E10000012', 'Essex'], region: ['E12000006', 'East of England'] },
  E09000001: { name: 'City of London', county: ['E09000001', 'City of London'], region: ['E12000007', 'London'] },
};

const LSOAS: Lsoa[] = [
  { code: 'E01033000', lad: 'E07000067', ward: 'W3', msoa: 'M3', imd: 10, income: 1, box: [0.5, 51.8, 0.6, 51.9], people: 1500, incomeScore: 0.3 },
  {
    code: 'E01000001',
    lad: 'E09000001',
    ward: 'W1',
    msoa: 'M1',
    imd: 8,
    income: 10,
    box: [-0.1, 51.51, -0.09, 51.52],
    people: 1474,
    name: 'City of London 001A',
    incomeScore: 0.013,
  },
  { code: 'E01021000', lad: 'E07000066', ward: 'W2', msoa: 'M2', imd: 1, income: 5, box: [0.4, 51.55, 0.45, 51.6], people: 1800, incomeScore: 0.4 },
  {
    code: 'E01000002',
    lad: 'E09000001',
    ward: 'W1',
    msoa: 'M1',
    imd: 10,
    income: 9,
    box: [-0.095, 51.515, -0.085, 51.525],
    people: 1386,
    name: 'City of London 001B',
  },
  { code: 'E01021001', lad: 'E07000066', ward: 'W2', msoa: 'M2', imd: 2, income: 4, box: [0.41, 51.549999, 0.47, 51.58], people: 1650, incomeScore: 0.2 },
];

function inputs(lsoas: Lsoa[] = LSOAS, indicators: IndicatorKey[] = ['imd', 'income']): TableInputs {
  const iod = new Map<string, IodRow>();
  lsoas.forEach((l, i) => {
    const row: IodRow = {
      code: l.code,
      values: {
        imd: { score: 10 + i, rank: 100 + i, decile: l.imd },
        income: { rank: 200 + i, decile: l.income, ...(l.incomeScore !== undefined ? { score: l.incomeScore } : {}) },
      },
    };
    if (l.name) row.name = l.name;
    iod.set(l.code, row);
  });
  return {
    iod,
    population: new Map(lsoas.map((l) => [l.code, l.people])),
    populationSource: 'Census 2021 usual residents',
    wards: new Map(
      lsoas.map((l) => [
        l.code,
        {
          lsoa: l.code,
          lsoaName: `${LADS[l.lad]!.name} lookup name ${l.code}`,
          wardCode: l.ward,
          wardName: `Ward ${l.ward}`,
          ladCode: l.lad,
          ladName: LADS[l.lad]!.name,
        },
      ]),
    ),
    msoas: new Map(lsoas.map((l) => [l.code, { lsoa: l.code, msoaCode: l.msoa, msoaName: `MSOA ${l.msoa}`, msoaHclName: `HCL ${l.msoa}` }])),
    counties: new Map(Object.entries(LADS).map(([code, lad]) => [code, { ladCode: code, countyCode: lad.county[0], countyName: lad.county[1] }])),
    regions: new Map(Object.entries(LADS).map(([code, lad]) => [code, { ladCode: code, regionCode: lad.region[0], regionName: lad.region[1] }])),
    bbox: new Map(lsoas.map((l) => [l.code, l.box])),
    indicators,
  };
}

function union(boxes: Bounds[]): Bounds {
  return boxes.reduce<Bounds>(
    (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

const round5 = (b: Bounds) => b.map((v) => Math.round(v * 1e5) / 1e5);

describe('decile encoding', () => {
  it("encodes deciles 1..9 as their digit and 10 as '0', and decileAt reads every one back", () => {
    const column = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(encodeDecile).join('');
    expect(column).toBe('1234567890');
    expect(column).toHaveLength(10);
    for (let i = 0; i < 10; i++) expect(decileAt(column, i)).toBe(i + 1);
  });
});

describe('buildTables', () => {
  const { attributes, details, scores } = buildTables(inputs());
  const sorted = [...LSOAS].sort((a, b) => a.code.localeCompare(b.code));
  const at = (code: string) => attributes.codes.indexOf(code);

  it('orders every column by LSOA code, whatever the input order', () => {
    expect(attributes.codes).toEqual(sorted.map((l) => l.code));
    expect(attributes.count).toBe(LSOAS.length);
    expect(details.count).toBe(LSOAS.length);
    expect(attributes.population).toEqual(sorted.map((l) => l.people));
    expect(attributes.populationSource).toBe('Census 2021 usual residents');
  });

  it('stores one decile character per LSOA that decodes to the input decile (10 included)', () => {
    expect(Object.keys(attributes.deciles).sort()).toEqual(['imd', 'income']);
    for (const key of ['imd', 'income'] as const) {
      expect(attributes.deciles[key]).toHaveLength(LSOAS.length);
      sorted.forEach((l, i) => expect(decileAt(attributes.deciles[key]!, i), `${l.code} ${key}`).toBe(l[key]));
    }
    expect(attributes.deciles.imd![at('E01033000')]).toBe('0');
    expect(attributes.deciles.income![at('E01000001')]).toBe('0');
  });

  it('points each LSOA at its LAD, and each LAD at its county and region', () => {
    expect(attributes.lads.map((l) => l.code).sort()).toEqual(Object.keys(LADS).sort());
    for (const l of LSOAS) {
      const lad = attributes.lads[attributes.lad[at(l.code)]!]!;
      expect(lad.code).toBe(l.lad);
      expect(lad.name).toBe(LADS[l.lad]!.name);
      expect(attributes.counties[lad.county]!.code).toBe(LADS[l.lad]!.county[0]);
      expect(attributes.counties[lad.county]!.name).toBe(LADS[l.lad]!.county[1]);
      expect(attributes.regions[lad.region]!.code).toBe(LADS[l.lad]!.region[0]);
      expect(attributes.regions[lad.region]!.name).toBe(LADS[l.lad]!.region[1]);
    }
    // Two districts share Essex; each area is listed once.
    expect(attributes.counties.map((c) => c.code).sort()).toEqual(['E09000001', 'E10000012']);
    expect(attributes.regions.map((r) => r.code).sort()).toEqual(['E12000006', 'E12000007']);
  });

  it('gives each LAD, county and region the union of its LSOAs’ bounds, rounded to 1e-5°', () => {
    const boxesWhere = (match: (l: Lsoa) => boolean) => round5(union(LSOAS.filter(match).map((l) => l.box)));
    for (const lad of attributes.lads) expect(lad.bounds).toEqual(boxesWhere((l) => l.lad === lad.code));
    for (const county of attributes.counties) {
      expect(county.bounds).toEqual(boxesWhere((l) => LADS[l.lad]!.county[0] === county.code));
    }
    for (const region of attributes.regions) {
      expect(region.bounds).toEqual(boxesWhere((l) => LADS[l.lad]!.region[0] === region.code));
    }
    // Basildon's south edge comes from its second LSOA (51.549999 → 51.55 after rounding).
    expect(attributes.lads.find((l) => l.code === 'E07000066')!.bounds).toEqual([0.4, 51.55, 0.47, 51.6]);
    // Essex spans Basildon and Braintree.
    expect(attributes.counties.find((c) => c.code === 'E10000012')!.bounds).toEqual([0.4, 51.55, 0.6, 51.9]);
  });

  it('keeps a per-LSOA bbox, 4 whole numbers each, in code order, that contains the LSOA', () => {
    expect(details.bbox).toHaveLength(sorted.length * 4);
    expect(details.bbox.every(Number.isInteger)).toBe(true);
    sorted.forEach((l, i) => {
      const [w, s, e, n] = lsoaBoundsAt(details.bbox, i);
      expect(w <= l.box[0] && s <= l.box[1] && e >= l.box[2] && n >= l.box[3], l.code).toBe(true);
      expect(e - w - (l.box[2] - l.box[0])).toBeLessThan(2.1e-4);
    });
  });

  it('fills details: names (IoD name, else the lookup name), wards, MSOAs and ranks', () => {
    expect(details.names[at('E01000001')]).toBe('City of London 001A');
    expect(details.names[at('E01021000')]).toBe('Basildon lookup name E01021000');
    for (const l of LSOAS) {
      const i = at(l.code);
      expect(details.wards[details.ward[i]!]).toEqual({ code: l.ward, name: `Ward ${l.ward}` });
      expect(details.msoas[details.msoa[i]!]).toEqual({ code: l.msoa, name: `MSOA ${l.msoa}`, hclName: `HCL ${l.msoa}` });
      const inputIndex = LSOAS.indexOf(l);
      expect(details.ranks.imd![i]).toBe(100 + inputIndex);
      expect(details.ranks.income![i]).toBe(200 + inputIndex);
      expect(scores.scores.imd![i]).toBe(10 + inputIndex);
    }
    expect(details.wards).toHaveLength(3);
    expect(details.msoas).toHaveLength(3);
  });

  it('drops a score column unless every LSOA has a score (no misaligned scores)', () => {
    expect(scores.scores.income).toBeUndefined();
    const completeScores = buildTables(inputs(LSOAS.filter((l) => l.incomeScore !== undefined))).scores;
    expect(completeScores.scores.income).toHaveLength(4);
  });

  it('holds only the indicators it is given', () => {
    const only = buildTables(inputs(LSOAS, ['imd']));
    expect(Object.keys(only.attributes.deciles)).toEqual(['imd']);
    expect(Object.keys(only.details.ranks)).toEqual(['imd']);
  });

  it('refuses an LSOA missing from a joined input rather than writing a hole', () => {
    const broken = inputs();
    broken.wards.delete('E01000002');
    expect(() => buildTables(broken)).toThrow(/E01000002 is missing/);
    const noRegion = inputs();
    noRegion.regions.delete('E07000067');
    expect(() => buildTables(noRegion)).toThrow(/E07000067 has no county or region/);
  });
});
