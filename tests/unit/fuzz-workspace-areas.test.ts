// Fuzzing the other files GapMap opens: workspace files (readWorkspaceFile) and target-area files
// (readAreasFile: GeoJSON, KML, KMZ, zipped shapefiles), with random bytes, real files cut short
// and real files mutated (fuzz-inputs.ts). Whatever comes in, the reader returns (never throws),
// says something, and every target area it gives has finite coordinates and is a place in England.
// Fixed seeds, so every run tries the same cases and a failure reproduces.

import fs from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSchemes } from '../../src/core/scheme-hash';
import { readAreasFile } from '../../src/data/area-file';
import { schemeStats } from '../../src/data/dataset';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { readWorkspaceFile, workspaceFile } from '../../src/data/workspace-file';
import { trafford } from './built-data';
import { areaSeeds, inputsFrom, jsonSeed, placeBroken, positionsOf, type Seed } from './fuzz-inputs';

/** Cases per run: this many workspace files and twice as many area files; the whole of this file takes about 7 s on this two-core machine. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 13_002);

let workspaceSeeds: Seed[];
let areaFileSeeds: Seed[];

beforeAll(async () => {
  // Three real Trafford bus routes and two target areas, saved as the app saves a workspace.
  const routes = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
  if (!routes.ok) throw new Error('the routes should read');
  const schemes = routes.schemes.filter((_, i) => i % 150 === 0);
  const dataset = {
    id: 'd1',
    name: 'routes.geojson',
    format: 'GeoJSON' as const,
    colour: '#d4351c',
    visible: true,
    importedAt: '2026-12-07T10:00:00.000Z',
    locatedBy: [] as [string, number][],
    schemes,
    problems: [],
    hash: hashSchemes(schemes),
    stats: schemeStats(schemes),
  };
  const areas = [
    { id: 'a1', name: 'Old Trafford', description: '', colour: '#00703c', visible: true, definition: { kind: 'lsoas' as const, codes: ['E01006074'] } },
    {
      id: 'a2',
      name: 'Trafford Park',
      description: 'drawn',
      colour: '#4c2c92',
      visible: true,
      definition: {
        kind: 'shapes' as const,
        polygons: [
          [
            [
              [-2.32, 53.46],
              [-2.3, 53.46],
              [-2.3, 53.47],
              [-2.32, 53.46],
            ],
          ],
        ] as [number, number][][][],
      },
    },
  ];
  const text = JSON.stringify(workspaceFile([dataset], '2026-12-07T10:05:00.000Z', ['Transport'], areas));
  workspaceSeeds = [jsonSeed('workspace.geojson', JSON.parse(text))];
  areaFileSeeds = await areaSeeds();
}, 60_000);

describe('fuzzing workspace files', () => {
  it('the real seed opens', () => {
    expect(readWorkspaceFile(new TextDecoder().decode(workspaceSeeds[0]!.bytes), 'workspace.geojson').ok).toBe(true);
  });

  it(`${RUNS} random, truncated and mutated workspace files: never throws, always opens or says why not`, () => {
    fc.assert(
      fc.property(inputsFrom(workspaceSeeds), ({ fileName, bytes, how }) => {
        const read = readWorkspaceFile(new TextDecoder().decode(bytes), fileName);
        if (!read.ok) {
          if (read.message.trim() === '') throw new Error(`${how}: refused without a message`);
          return;
        }
        // What opens passed the record schemas: every coordinate is a number.
        for (const dataset of read.datasets) {
          for (const scheme of dataset.schemes) {
            const broken = positionsOf(scheme.footprint).find(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat));
            if (broken) throw new Error(`${how}: scheme ${scheme.id} opened with the position ${String(broken)}`);
          }
        }
        for (const area of read.areas ?? []) {
          if (area.definition.kind !== 'shapes') continue;
          const broken = positionsOf({ type: 'polygon', polygons: area.definition.polygons, bufferM: 0 }).find(
            ([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat),
          );
          if (broken) throw new Error(`${how}: area ${area.name} opened with the position ${String(broken)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('fuzzing target-area files', () => {
  it('every real seed reads', () => {
    for (const seed of areaFileSeeds) expect(readAreasFile(seed.bytes, seed.fileName), seed.fileName).toMatchObject({ ok: true });
  });

  it(`${RUNS * 2} random, truncated and mutated area files: never throws, always says something, every area a place in England`, () => {
    fc.assert(
      fc.property(inputsFrom(areaFileSeeds), ({ fileName, bytes, how }) => {
        const read = readAreasFile(bytes, fileName);
        if (!read.ok) {
          if (read.message.trim() === '') throw new Error(`${fileName} (${how}): refused without a message`);
          return;
        }
        if (read.areas.length === 0) throw new Error(`${fileName} (${how}): no areas and no refusal`);
        for (const area of read.areas) {
          const broken = placeBroken({ type: 'polygon', polygons: area.polygons, bufferM: 0 });
          if (broken !== undefined) throw new Error(`${fileName} (${how}): area ${area.name}: ${broken}`);
        }
      }),
      { seed: SEED + 1, numRuns: RUNS * 2 },
    );
  });
});
