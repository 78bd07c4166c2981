// A tiny, hand-made England for the state and core tests: 2 regions, one two-tier county with
// two districts, one unitary, six LSOAs.

import { encodeBbox, type AttributesFile, type DataManifest, type DetailsFile } from '../../src/data/schema';

export const manifest: DataManifest = {
  version: 1,
  builtAt: '2026-01-01T00:00:00Z',
  files: { tiles: 't.pmtiles', attributes: 'a.json', details: 'd.json', scores: 's.json', geometry: 'g.bin' },
  lsoaCount: 6,
  populationSource: 'Census 2021 usual residents',
  indicators: ['imd', 'income'],
  bounds: [-6, 50, 2, 56],
  tiles: { minzoom: 4, maxzoom: 12 },
};

export const attributes: AttributesFile = {
  version: 1,
  count: 6,
  codes: ['E01000001', 'E01000002', 'E01000003', 'E01000004', 'E01000005', 'E01000006'],
  population: [1000, 1500, 2000, 1200, 1800, 1300],
  populationSource: 'Census 2021 usual residents',
  lad: [0, 0, 1, 2, 2, 2],
  // IMD deciles 1, 8, 10, 3, 3, 5 ('0' is decile 10).
  deciles: { imd: '180335', income: '291446' },
  lads: [
    { code: 'E07000066', name: 'Basildon', county: 0, region: 0, bounds: [0.3, 51.5, 0.6, 51.7] },
    { code: 'E07000077', name: 'Uttlesford', county: 0, region: 0, bounds: [0.0, 51.8, 0.5, 52.1] },
    { code: 'E08000009', name: 'Trafford', county: 1, region: 1, bounds: [-2.5, 53.3, -2.2, 53.5] },
  ],
  counties: [
    { code: 'E10000012', name: 'Essex', bounds: [0.0, 51.5, 1.3, 52.1] },
    { code: 'E08000009', name: 'Trafford', bounds: [-2.5, 53.3, -2.2, 53.5] },
  ],
  regions: [
    { code: 'E12000006', name: 'East of England', bounds: [-0.7, 51.4, 1.8, 53.0] },
    { code: 'E12000002', name: 'North West', bounds: [-3.6, 52.9, -2.0, 55.2] },
  ],
};

export const details: DetailsFile = {
  version: 1,
  count: 6,
  names: ['Basildon 001A', 'Basildon 001B', 'Uttlesford 001A', 'Trafford 001A', 'Trafford 001B', 'Trafford 002A'],
  ward: [0, 0, 1, 2, 2, 3],
  msoa: [0, 0, 1, 2, 2, 3],
  wards: [
    { code: 'E05000001', name: 'Pitsea North West' },
    { code: 'E05000002', name: 'Saffron Walden Castle' },
    { code: 'E05000003', name: 'Stretford and Humphrey Park' },
    { code: 'E05000004', name: 'Longford' },
  ],
  msoas: [
    { code: 'E02000001', name: 'Basildon 001', hclName: 'Pitsea North' },
    { code: 'E02000002', name: 'Uttlesford 001', hclName: 'Saffron Walden' },
    { code: 'E02000003', name: 'Trafford 001', hclName: 'Old Trafford' },
    { code: 'E02000004', name: 'Trafford 002', hclName: 'Firswood' },
  ],
  ranks: { imd: [100, 26525, 33000, 7000, 7100, 15000], income: [3400, 30000, 33700, 12000, 13000, 14000] },
  // [west, south, east, north] per LSOA in degrees, encoded as the data step does.
  bbox: [
    [0.3, 51.5, 0.31, 51.51],
    [0.32, 51.52, 0.33, 51.53],
    [0.1, 51.9, 0.12, 51.92],
    [-2.4, 53.4, -2.39, 53.41],
    [-2.38, 53.42, -2.37, 53.43],
    [-2.3, 53.44, -2.29, 53.45],
  ].flatMap(encodeBbox),
};
