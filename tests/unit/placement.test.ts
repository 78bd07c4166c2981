// How precisely each scheme was located, and what follows: area-wide schemes (no finer than a
// district) are kept apart from the figures unless the user counts them; each LSOA's level of reach
// (schemes, distinct services, stops). Hand-made schemes, and the real Trafford grants file.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coarserPlacement, isAreaWide, placementOf, type placementOfAreas, PLACEMENTS } from '../../src/core/placement';
import { runFigures } from '../../src/core/run-figures';
import type { Footprint, Scheme } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { importSchemesFile, type ImportContext } from '../../src/data/import/import-file';
import { builtData, hasBuiltData, sharedRoot } from './built-data';
import { ok } from './import-results';

const scheme = (id: string, footprint: Footprint, extra: Partial<Scheme> = {}): Scheme => ({ id, name: id, kind: 'grant', footprint, ...extra });
const point: Footprint = { type: 'point', point: [-2.3, 53.45], radiusM: 0 };
const areas = (...list: [Parameters<typeof placementOfAreas>[0][number]['kind'], string][]): Footprint => ({
  type: 'areas',
  areas: list.map(([kind, code]) => ({ kind, code })),
});

describe('placement of each kind of location', () => {
  it.each([
    ['a point of its own', scheme('p', point), 'exact', false],
    [
      'a route',
      scheme('r', {
        type: 'line',
        lines: [
          [
            [-2.3, 53.45],
            [-2.31, 53.46],
          ],
        ],
        bufferM: 400,
      }),
      'exact',
      false,
    ],
    [
      'a drawn area',
      scheme('a', {
        type: 'polygon',
        polygons: [
          [
            [
              [-2.3, 53.45],
              [-2.31, 53.45],
              [-2.31, 53.46],
              [-2.3, 53.45],
            ],
          ],
        ],
        bufferM: 0,
      }),
      'exact',
      false,
    ],
    ['a postcode (recorded by the importer)', scheme('pc', point, { placement: 'postcode' }), 'postcode', false],
    ['LSOA 2021 codes', scheme('l', areas(['lsoa21', 'E01006074'], ['lsoa21', 'E01006075'])), 'lsoa', false],
    ['an LSOA 2011 code', scheme('l11', areas(['lsoa11', 'E01006074'])), 'lsoa', false],
    ['a ward', scheme('w', areas(['ward', 'E05000820'])), 'ward', false],
    ['a district', scheme('d', areas(['lad', 'E08000009'])), 'district', true],
    ['a county', scheme('c', areas(['county', 'E10000012'])), 'county', true],
    ['a region', scheme('g', areas(['region', 'E12000002'])), 'region', true],
    ['an LSOA and a district together: no finer than the district', scheme('mix', areas(['lsoa21', 'E01006074'], ['lad', 'E08000009'])), 'district', true],
  ] as const)('%s → %s', (_, given, placement, areaWide) => {
    expect(placementOf(given)).toBe(placement);
    expect(isAreaWide(given)).toBe(areaWide);
  });

  it('orders placements finest first', () => {
    expect(PLACEMENTS[0]).toBe('exact');
    expect(coarserPlacement('postcode', 'ward')).toBe('ward');
    expect(coarserPlacement('region', 'lsoa')).toBe('region');
  });
});

describe('run figures: which schemes count, where the money lands, each LSOA’s reach', () => {
  // Six LSOAs of 100 people; scheme 0 a located grant of £600 on LSOAs 0–1; scheme 1 a district
  // grant of £1,200 on LSOAs 0–5; routes 2 and 3 two variants of service 7 on LSOAs 1–2; route 4
  // service 8 on LSOA 2; stop 5 on LSOAs 2–3; scheme 6 proposed on LSOA 4.
  const population = new Float64Array(6).fill(100);
  const schemes: Scheme[] = [
    scheme('located', point, { amountGbp: 600 }),
    scheme('district', areas(['lad', 'E08000009']), { amountGbp: 1200 }),
    scheme('7 out', { type: 'line', lines: [], bufferM: 400 }, { kind: 'transport', service: '7' }),
    scheme('7 back', { type: 'line', lines: [], bufferM: 400 }, { kind: 'transport', service: '7' }),
    scheme('8', { type: 'line', lines: [], bufferM: 400 }, { kind: 'transport' }),
    scheme('stop', { ...point, radiusM: 400 } as Footprint, { kind: 'transport' }),
    scheme('proposed', point, { amountGbp: 50 }),
  ];
  const covered = [[0, 1], [0, 1, 2, 3, 4, 5], [1, 2], [1, 2], [2], [2, 3], [4]].map((lsoas) => Uint32Array.from(lsoas));
  const usable = schemes.map(() => true);
  const proposed = schemes.map((s) => s.id === 'proposed');

  it('keeps the district grant apart by default: not counted, its money not spread, reported for its area', () => {
    const figures = runFigures({ schemes, covered, usable, proposed, population, areaWide: 'separate' });
    expect([...figures.current.count]).toEqual([1, 3, 4, 1, 0, 0]);
    expect([...figures.current.allocatedGbp]).toEqual([300, 300, 0, 0, 0, 0]);
    expect(figures.counted).toEqual([true, false, true, true, true, true, false]);
    expect(figures.apart).toEqual([false, true, false, false, false, false, false]);
    expect(figures.areaWide).toMatchObject({ mode: 'separate', count: 1, amountGbp: 1200 });
    expect(figures.areaWide.groups).toEqual([
      { codes: ['E08000009'], placement: 'district', count: 1, amountGbp: 1200, lsoas: Uint32Array.of(0, 1, 2, 3, 4, 5) },
    ]);
    expect(figures.byPlacement).toEqual({ exact: 6, district: 1 });
    expect(figures.byKind).toEqual({ grant: 3, transport: 4 });
  });

  it('counts it as reaching every LSOA of its area when asked (the assumption), its money shared by population', () => {
    const figures = runFigures({ schemes, covered, usable, proposed, population, areaWide: 'count' });
    expect([...figures.current.count]).toEqual([2, 4, 5, 2, 1, 1]);
    expect([...figures.current.allocatedGbp]).toEqual([500, 500, 200, 200, 200, 200]);
    expect(figures.apart.every((apart) => !apart)).toBe(true);
    expect(figures.areaWide.mode).toBe('count');
  });

  it('counts two variants of one service once, and stops apart; the what-if adds the proposed scheme', () => {
    const figures = runFigures({ schemes, covered, usable, proposed, population, areaWide: 'separate' });
    expect([...figures.current.services]).toEqual([0, 1, 2, 0, 0, 0]);
    expect([...figures.current.stops]).toEqual([0, 0, 1, 1, 0, 0]);
    expect([...figures.withProposed!.count]).toEqual([1, 3, 4, 1, 1, 0]);
    expect(figures.withProposed!.allocatedGbp[4]).toBe(50);
  });

  it('leaves unusable schemes out of everything', () => {
    const figures = runFigures({ schemes, covered, usable: usable.map((_, s) => s !== 0), population, areaWide: 'count' });
    expect(figures.current.allocatedGbp[0]).toBe(200);
    expect(figures.counted[0]).toBe(false);
  });
});

describe.skipIf(!hasBuiltData)('the real Trafford grants: placement at import', () => {
  let context: ImportContext;
  const file = () => fs.readFileSync(path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv'));
  beforeAll(async () => {
    const data = await builtData();
    context = { areas: buildAreaResolver(data.attributes, data.details, data.lookups), postcodes: data.postcodes!, defaultKind: 'grant' };
  });

  it('places all 555 by the beneficiary district, so all are area-wide', async () => {
    const read = ok(await importSchemesFile(file(), 'trafford.csv', context));
    expect(read.schemes.every((s) => s.placement === 'district' && isAreaWide(s))).toBe(true);
  });

  it('with the finest location preferred, places the 11 with a recipient postcode by it, the rest by the district', async () => {
    const read = ok(await importSchemesFile(file(), 'trafford.csv', { ...context, preferFinest: true }));
    const byPostcode = read.schemes.filter((s) => s.placement === 'postcode');
    expect(byPostcode).toHaveLength(11);
    expect(byPostcode.every((s) => s.locatedBy === 'Recipient: postcode' && s.footprint.type === 'point')).toBe(true);
    expect(read.schemes.filter((s) => s.placement === 'district')).toHaveLength(555 - 11);
  });
});
