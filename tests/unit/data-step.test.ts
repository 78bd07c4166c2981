// End to end: `npm run data` on a real subset of ../shared/data (the City of London, LAD
// E09000001: 6 LSOAs), then the same with a broken input. Fixture: tests/fixtures/source-city-of-london/.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGeometry, representativePoint } from '../../src/data/geometry-format';
import {
  decileAt,
  lsoaBoundsAt,
  MANIFEST_FILE,
  type AttributesFile,
  type DataManifest,
  type DetailsFile,
  type LookupsFile,
  type ScoresFile,
} from '../../src/data/schema';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const fixture = path.join(here, '..', 'fixtures', 'source-city-of-london');
const CITY = ['E01000001', 'E01000002', 'E01000003', 'E01000005', 'E01032739', 'E01032740'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runDataStep(source: string, out: string): Run {
  const result = spawnSync('npx', ['tsx', 'scripts/data-step/main.ts', '--source', source, '--out', out], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, GAPMAP_SOURCE: '' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file in a folder, by name, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

class MemorySource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey(): string {
    return 'memory';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.bytes.slice(offset, Math.min(offset + length, this.bytes.length));
    return { data: slice.buffer };
  }
}

function lonToTileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function latToTileY(lat: number, z: number): number {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * 2 ** z);
}

let tmp: string;
let out: string;
let first: Run;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-data-step-'));
  out = path.join(tmp, 'data');
  first = runDataStep(fixture, out);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run data on the City of London subset', () => {
  let manifest: DataManifest;
  let attributes: AttributesFile;
  let details: DetailsFile;
  let scores: ScoresFile;

  beforeAll(() => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8')) as DataManifest;
    attributes = JSON.parse(fs.readFileSync(path.join(out, manifest.files.attributes), 'utf8')) as AttributesFile;
    details = JSON.parse(fs.readFileSync(path.join(out, manifest.files.details), 'utf8')) as DetailsFile;
    scores = JSON.parse(fs.readFileSync(path.join(out, manifest.files.scores), 'utf8')) as ScoresFile;
  });

  it('exits 0 and writes a manifest naming files that exist, and nothing else but report.json', () => {
    expect(first.status).toBe(0);
    const names = Object.values(manifest.files);
    // tiles, attributes, details, scores, geometry and (the fixture has the LSOA 2011 lookup) lookups.
    expect(names).toHaveLength(6);
    for (const name of names) expect(fs.statSync(path.join(out, name)).size, name).toBeGreaterThan(0);
    expect(fs.readdirSync(out).sort()).toEqual([...names, MANIFEST_FILE, 'report.json'].sort());
    expect(manifest.lsoaCount).toBe(6);
    // No temporary or old build folders are left beside the output.
    expect(fs.readdirSync(tmp)).toEqual(['data']);
  });

  it('holds the 6 LSOAs with their published values', () => {
    expect(attributes.codes).toEqual(CITY);
    expect(attributes.count).toBe(6);
    const i = attributes.codes.indexOf('E01000001');
    expect(decileAt(attributes.deciles.imd!, i)).toBe(8);
    expect(details.ranks.imd![i]).toBe(26525);
    expect(scores.scores.imd![i]).toBe(8.742);
    expect(details.names[i]).toBe('City of London 001A');
    // File 3 supplies IDACI/IDAOPI; the Census supplies population (the IoD file has none).
    expect(decileAt(attributes.deciles.idaci!, i)).toBe(10);
    expect(details.ranks.idaopi![i]).toBe(33721);
    expect(manifest.populationSource).toBe('Census 2021 usual residents');
    expect(attributes.population[i]).toBe(1474);
    expect(attributes.lads.map((l) => [l.code, l.name])).toEqual([['E09000001', 'City of London']]);
    expect(attributes.regions.map((r) => [r.code, r.name])).toEqual([['E12000007', 'London']]);
  });

  it('writes the LSOA 2011 → 2021 lookup as LSOA indices', () => {
    expect(manifest.files.lookups).toMatch(/^lookups-[0-9a-f]{10}\.json$/);
    const lookups = JSON.parse(fs.readFileSync(path.join(out, manifest.files.lookups!), 'utf8')) as LookupsFile;
    // All six City of London LSOAs are unchanged (chgind U) between 2011 and 2021.
    expect(lookups).toEqual({ version: 1, lsoa11: Object.fromEntries(CITY.map((code, i) => [code, [i]])) });
  });

  it('writes a geometry file with a representative point inside each LSOA’s box', () => {
    const decoded = decodeGeometry(fs.readFileSync(path.join(out, manifest.files.geometry)));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.geometry.count).toBe(6);
    attributes.codes.forEach((code, i) => {
      const [lon, lat] = representativePoint(decoded.geometry, i);
      const [w, s, e, n] = lsoaBoundsAt(details.bbox, i);
      expect(lon >= w && lon <= e && lat >= s && lat <= n, code).toBe(true);
    });
  });

  it('writes a PMTiles archive in which every tile decodes as MVT with the LSOAs and their deciles', async () => {
    const archive = new Uint8Array(fs.readFileSync(path.join(out, manifest.files.tiles)));
    const pm = new PMTiles(new MemorySource(archive));
    const header = await pm.getHeader();
    expect(header.tileType).toBe(1); // MVT
    expect([header.minZoom, header.maxZoom]).toEqual([manifest.tiles.minzoom, manifest.tiles.maxzoom]);
    const metadata = (await pm.getMetadata()) as { vector_layers: { id: string }[] };
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(expect.arrayContaining(['lsoa', 'lad', 'region']));

    const [west, south, east, north] = manifest.bounds;
    const allIds = attributes.codes.map((_, i) => i + 1);
    let visited = 0;
    for (let z = header.minZoom; z <= header.maxZoom; z++) {
      const idsAtZoom = new Set<number>();
      // One tile margin: an LSOA on a tile edge can spill into the tile buffer of its neighbour.
      for (let x = lonToTileX(west, z) - 1; x <= lonToTileX(east, z) + 1; x++) {
        for (let y = latToTileY(north, z) - 1; y <= latToTileY(south, z) + 1; y++) {
          const response = await pm.getZxy(z, x, y);
          if (!response) continue;
          visited++;
          const tile = new VectorTile(new Pbf(new Uint8Array(response.data)));
          const where = `tile ${z}/${x}/${y}`;
          expect(Object.keys(tile.layers), where).toEqual(expect.arrayContaining(['lsoa', 'lad', 'region']));
          const lsoa = tile.layers.lsoa!;
          expect(lsoa.length, where).toBeGreaterThan(0);
          for (let f = 0; f < lsoa.length; f++) {
            const feature = lsoa.feature(f);
            const id = feature.id!;
            expect(Number.isInteger(id) && id >= 1 && id <= attributes.count, `${where} id ${id}`).toBe(true);
            idsAtZoom.add(id);
            expect(feature.type).toBe(3); // polygon
            expect(feature.loadGeometry().length).toBeGreaterThan(0);
            const index = id - 1;
            expect(feature.properties.lad).toBe(attributes.lad[index]);
            for (const key of manifest.indicators) {
              expect(feature.properties[key], `${where} ${attributes.codes[index]} ${key}`).toBe(decileAt(attributes.deciles[key]!, index));
            }
          }
          const lad = tile.layers.lad!;
          for (let f = 0; f < lad.length; f++) expect(lad.feature(f).properties).toMatchObject({ code: 'E09000001', name: 'City of London', idx: 0 });
          const region = tile.layers.region!;
          for (let f = 0; f < region.length; f++) expect(region.feature(f).properties).toMatchObject({ code: 'E12000007', name: 'London' });
        }
      }
      // At coarse zooms an LSOA smaller than the tile grid collapses to no area and is left out
      // (its neighbours close over it); from z9 every City of London LSOA is wider than the grid.
      if (z >= 9)
        expect(
          [...idsAtZoom].sort((a, b) => a - b),
          `ids at z${z}`,
        ).toEqual(allIds);
      else expect(idsAtZoom.size, `ids at z${z}`).toBeGreaterThan(0);
    }
    // Every tile in the archive was read.
    expect(visited).toBe(header.numAddressedTiles);
  });

  it('records what it read in report.json', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as {
      inputs: { path: string; sha256: string }[];
      counts: { lsoas: number; people: number };
    };
    expect(report.counts.lsoas).toBe(6);
    expect(report.counts.people).toBe(attributes.population.reduce((a, b) => a + b, 0));
    expect(report.inputs.map((i) => i.path)).toEqual(
      expect.arrayContaining(['iod2025/iod2025_lsoa21_england.csv', 'boundaries/lsoa21_bgc_england_by_lad24/E09000001.geojson']),
    );
  });
});

describe('npm run data with a broken input', () => {
  let broken: string;

  beforeAll(() => {
    broken = path.join(tmp, 'broken-source');
    fs.cpSync(fixture, broken, { recursive: true });
  });

  it('exits 1, names the file, row, column and value, and leaves the previous build byte for byte', () => {
    expect(first.status).toBe(0);
    const before = snapshot(out);
    const file = path.join(broken, 'iod2025', 'iod2025_lsoa21_england.csv');
    const text = fs.readFileSync(file, 'utf8');
    // E01000001 (row 1): IMD rank 26525, decile 8 → 11.
    expect(text).toContain(',8.742,26525,8,');
    fs.writeFileSync(file, text.replace(',8.742,26525,8,', ',8.742,26525,11,'));

    const run = runDataStep(broken, out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("iod2025/iod2025_lsoa21_england.csv, row 1, column 'imd_decile': Decile '11' for E01000001 is outside 1..10");
    expect(run.stderr).toMatch(/1 problem\(s\) in the inputs\. Nothing was written\./);

    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
    expect(fs.readdirSync(tmp).sort()).toEqual(['broken-source', 'data']);
  });

  it.each([
    ['iod2025/iod2025_lsoa21_england.csv', 'English Indices of Deprivation 2025'],
    ['lookups/lsoa21_ward24_lad24_rgn24_england.csv', 'Electoral Ward'],
    ['boundaries/lsoa21_bgc_england_by_lad24', 'BGC'],
  ])('a missing required input (%s) gives a message naming the expected path', (rel, name) => {
    const source = path.join(tmp, `missing-${path.basename(rel)}`);
    fs.cpSync(fixture, source, { recursive: true });
    fs.rmSync(path.join(source, rel), { recursive: true });
    const expected = rel.endsWith('.csv') ? rel : `${rel}/index.csv`;
    const target = path.join(tmp, 'never-written');
    const run = runDataStep(source, target);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`Required input "[^"]*${name}[^"]*" not found`));
    expect(run.stderr).toContain(`not found in ${source}. Expected one of: ${expected}`);
    // Only the missing file is reported: no knock-on join failures against an empty table.
    expect(run.stderr).toMatch(/stopped: 1 problem\(s\)/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a domain missing from the IoD file stops the build, naming the column, and keeps the previous build', () => {
    expect(first.status).toBe(0);
    const before = snapshot(out);
    const source = path.join(tmp, 'no-health-decile');
    fs.cpSync(fixture, source, { recursive: true });
    const file = path.join(source, 'iod2025', 'iod2025_lsoa21_england.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"health_decile"', '"health_band"'));
    const run = runDataStep(source, out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('iod2025/iod2025_lsoa21_england.csv');
    expect(run.stderr).toMatch(/Missing column for the Health Deprivation and Disability[^\n]*decile/i);
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
    fs.rmSync(source, { recursive: true });
  });

  it('a boundary file the index lists but the folder lacks is reported beside the other problems, not as a crash', () => {
    const source = path.join(tmp, 'lost-boundary');
    fs.cpSync(fixture, source, { recursive: true });
    fs.rmSync(path.join(source, 'boundaries', 'lsoa21_bgc_england_by_lad24', 'E09000001.geojson'));
    const file = path.join(source, 'iod2025', 'iod2025_lsoa21_england.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',8.742,26525,8,', ',8.742,26525,11,'));
    const target = path.join(tmp, 'never-written');
    const run = runDataStep(source, target);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/ENOENT/);
    expect(run.stderr).toContain(
      "boundaries/lsoa21_bgc_england_by_lad24/index.csv, row 1, column 'file': E09000001.geojson is listed but not in boundaries/lsoa21_bgc_england_by_lad24.",
    );
    expect(run.stderr).toContain("Decile '11' for E01000001 is outside 1..10");
    expect(run.stderr).toMatch(/stopped: 2 problem\(s\)/);
    expect(fs.existsSync(target)).toBe(false);
    fs.rmSync(source, { recursive: true });
  });

  it('a --source folder that does not exist says so', () => {
    const run = runDataStep(path.join(tmp, 'no-such-folder'), path.join(tmp, 'never-written'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Source folder ${path.join(tmp, 'no-such-folder')} (from --source) does not exist.`);
  });
});
