// `npm run data [-- --source DIR] [--out DIR]`: builds GapMap's data from official open data.
// Stages: find the inputs, read and validate them, join the tables, encode the analysis geometry,
// cut the vector tiles, then write everything to a temporary folder and swap it into place, so a
// failed run leaves the previous build untouched.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'geojson';
import polylabel from 'polylabel';
import { buildLookups } from '../../src/data/build-lookups';
import { buildTables } from '../../src/data/build-tables';
import type { AreaGeometry } from '../../src/data/boundaries';
import { encodeGeometry } from '../../src/data/geometry-format';
import { POSTCODE_DIRECTORY_FILE } from '../../src/data/postcodes';
import { formatProblem } from '../../src/data/problems';
import { MANIFEST_FILE, MANIFEST_VERSION, decileAt, type DataManifest } from '../../src/data/schema';
import { loadInputs } from './inputs';
import { buildPostcodeShards, type PostcodeBuild } from './postcodes';
import { chooseSource, downloadAll, readSourceManifest } from './source';
import { buildTiles, TILE_MAX_ZOOM, TILE_MIN_ZOOM } from './tiles';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv: string[]): { source?: string; out: string } {
  const args: { source?: string; out: string } = { out: path.join(projectRoot, 'public', 'data') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--source' || arg === '--out') && value) {
      if (arg === '--source') args.source = value;
      else args.out = path.resolve(value);
      i++;
    } else if (arg?.startsWith('--source=')) args.source = arg.slice('--source='.length);
    else if (arg?.startsWith('--out=')) args.out = path.resolve(arg.slice('--out='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run data -- [--source DIR] [--out DIR]\nReads official open data (default ../shared/data) and writes public/data/.');
      process.exit(0);
    } else {
      console.error(`Unknown argument '${arg}'. Usage: npm run data -- [--source DIR] [--out DIR]`);
      process.exit(2);
    }
  }
  return args;
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += (a[0]! - b[0]!) * (a[1]! + b[1]!);
  }
  return Math.abs(sum / 2);
}

/**
 * A point inside the LSOA, far from its edges: the pole of inaccessibility (polylabel) of its
 * largest part. The data has no population-weighted centroids (see ../shared/data/README.md), and
 * a plain centroid falls outside about 2% of LSOAs.
 */
function pointOnSurface(geometry: AreaGeometry): Position {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = polygons[0]!;
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = ringArea(polygon[0]!) - polygon.slice(1).reduce((sum, hole) => sum + ringArea(hole), 0);
    if (area > bestArea) [best, bestArea] = [polygon, area];
  }
  const [lon, lat] = polylabel(best, 0.00001);
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

function hashName(base: string, ext: string, bytes: Uint8Array | string): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  return `${base}-${hash}.${ext}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const stages: { stage: string; seconds: number }[] = [];
  let stageStart = Date.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const say = (message: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const stage = (name: string) => {
    const now = Date.now();
    if (stages.length > 0 || name !== 'source') stages[stages.length - 1]!.seconds = (now - stageStart) / 1000;
    stages.push({ stage: name, seconds: 0 });
    stageStart = now;
    console.log(`[${((now - started) / 1000).toFixed(1)} s] ${name}`);
  };

  stage('source');
  const sources = readSourceManifest(projectRoot);
  const choice = chooseSource(projectRoot, args.source, process.env);
  let sourceDir: string;
  if (choice.kind === 'folder') {
    if (!fs.existsSync(choice.dir)) {
      console.error(`Source folder ${choice.dir} (from ${choice.why}) does not exist.`);
      process.exit(1);
    }
    sourceDir = choice.dir;
    say(`reading ${sourceDir} (${choice.why}); nothing will be downloaded`);
  } else {
    say(`no source folder: downloading official files into ${path.relative(process.cwd(), choice.cacheDir)}`);
    await downloadAll(sources, choice.cacheDir, say);
    sourceDir = choice.cacheDir;
  }

  stage('read and validate');
  const loaded = loadInputs(sourceDir, sources, say);
  if (!loaded.ok) {
    clearInterval(sampler);
    console.error(`\nThe data step stopped: ${loaded.problems.length} problem(s) in the inputs. Nothing was written.`);
    for (const problem of loaded.problems) console.error(`  - ${formatProblem(problem)}`);
    process.exit(1);
  }
  const inputs = loaded.value;
  say(
    Object.entries(inputs.counts)
      .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
      .join(', '),
  );

  stage('tables');
  const boundaryByCode = new Map(inputs.boundaries.map((b) => [b.code, b.geometry]));
  const bbox = new Map<string, [number, number, number, number]>();
  for (const [code, geometry] of boundaryByCode) {
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const [x, y] of polygons.flatMap((p) => p[0] ?? [])) {
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    }
    bbox.set(code, box);
  }
  const { attributes, details, scores } = buildTables({ ...inputs, bbox });
  const bounds = attributes.regions.reduce<[number, number, number, number]>(
    (acc, r) => [Math.min(acc[0], r.bounds[0]), Math.min(acc[1], r.bounds[1]), Math.max(acc[2], r.bounds[2]), Math.max(acc[3], r.bounds[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );

  let lookupsJson: string | undefined;
  if (inputs.lsoa11) {
    const { lookups, unmatched } = buildLookups(inputs.lsoa11, attributes.codes);
    lookupsJson = JSON.stringify(lookups);
    say(
      `LSOA 2011 lookup: ${Object.keys(lookups.lsoa11).length.toLocaleString('en-GB')} codes` +
        (unmatched.length > 0 ? `; ${unmatched.length} LSOA 2021 codes not in this build were left out (${unmatched.slice(0, 3).join(', ')}…)` : ''),
    );
  }

  let postcodes: PostcodeBuild | undefined;
  if (inputs.postcodes) {
    const built = buildPostcodeShards(inputs.postcodes.bytes, inputs.postcodes.file, attributes.codes);
    if (!built.ok) {
      clearInterval(sampler);
      console.error(`\nThe data step stopped: ${built.problems.length} problem(s) in the postcode table. Nothing was written.`);
      for (const problem of built.problems) console.error(`  - ${formatProblem(problem)}`);
      process.exit(1);
    }
    postcodes = built.value;
    say(
      `postcodes: ${postcodes.directory.count.toLocaleString('en-GB')} in ${postcodes.shards.length.toLocaleString('en-GB')} outward codes` +
        (postcodes.unmatched.count > 0
          ? `; ${postcodes.unmatched.count} in LSOAs not in this build were left out (${postcodes.unmatched.examples.join(', ')}…)`
          : ''),
    );
  }

  stage('analysis geometry');
  const geometries = attributes.codes.map((code) => boundaryByCode.get(code)!);
  const points = geometries.map(pointOnSurface);
  const geometryBytes = encodeGeometry(geometries, points);
  say(`${(geometryBytes.length / 1e6).toFixed(1)} MB, representative points by polylabel`);

  stage('tiles');
  const lads = new Map(attributes.lads.map((lad, index) => [lad.code, { name: lad.name, index }]));
  const regionNames = new Map(attributes.regions.map((r) => [r.code, { name: r.name }]));
  const tiles = await buildTiles(
    attributes.codes.map((_code, index) => {
      const lad = attributes.lads[attributes.lad[index]!]!;
      return {
        index,
        ladIndex: attributes.lad[index]!,
        ladCode: lad.code,
        regionCode: attributes.regions[lad.region]!.code,
        deciles: Object.fromEntries(Object.entries(attributes.deciles).map(([key, column]) => [key, decileAt(column, index)])),
        geometry: geometries[index]!,
      };
    }),
    { lads, regions: regionNames, bounds, progress: say },
  );

  stage('write');
  const outDir = args.out;
  const tmpDir = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const attributesJson = JSON.stringify(attributes);
  const detailsJson = JSON.stringify(details);
  const scoresJson = JSON.stringify(scores);
  const files: DataManifest['files'] = {
    tiles: hashName('lsoa', 'pmtiles', tiles.archive),
    attributes: hashName('attributes', 'json', attributesJson),
    details: hashName('details', 'json', detailsJson),
    scores: hashName('scores', 'json', scoresJson),
    geometry: hashName('lsoa-geometry', 'bin', geometryBytes),
    ...(lookupsJson !== undefined ? { lookups: hashName('lookups', 'json', lookupsJson) } : {}),
    ...(postcodes && inputs.postcodes
      ? { postcodes: hashName('postcodes', 'd', Buffer.concat([inputs.postcodes.bytes, Buffer.from(attributes.codes.join())])).replace(/\.d$/, '') }
      : {}),
  };
  fs.writeFileSync(path.join(tmpDir, files.tiles), tiles.archive);
  fs.writeFileSync(path.join(tmpDir, files.attributes), attributesJson);
  fs.writeFileSync(path.join(tmpDir, files.details), detailsJson);
  fs.writeFileSync(path.join(tmpDir, files.scores), scoresJson);
  fs.writeFileSync(path.join(tmpDir, files.geometry), geometryBytes);
  if (files.lookups !== undefined && lookupsJson !== undefined) fs.writeFileSync(path.join(tmpDir, files.lookups), lookupsJson);
  if (files.postcodes !== undefined && postcodes) {
    const dir = path.join(tmpDir, files.postcodes);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, POSTCODE_DIRECTORY_FILE), JSON.stringify(postcodes.directory));
    for (const shard of postcodes.shards) fs.writeFileSync(path.join(dir, `${shard.outward}.json`), JSON.stringify(shard));
  }
  const manifest: DataManifest = {
    version: MANIFEST_VERSION,
    builtAt: new Date().toISOString(),
    files,
    lsoaCount: attributes.count,
    populationSource: attributes.populationSource,
    indicators: inputs.indicators,
    bounds,
    tiles: { minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM },
  };
  fs.writeFileSync(path.join(tmpDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  stages[stages.length - 1]!.seconds = (Date.now() - stageStart) / 1000;
  clearInterval(sampler);
  const bytesOf = (file: string): number =>
    fs.statSync(file).isDirectory() ? fs.readdirSync(file).reduce((total, entry) => total + bytesOf(path.join(file, entry)), 0) : fs.statSync(file).size;
  const sizes = Object.fromEntries(Object.entries(files).map(([key, name]) => [key, bytesOf(path.join(tmpDir, name))]));
  const report = {
    builtAt: manifest.builtAt,
    source: sourceDir,
    inputs: inputs.files,
    counts: { ...inputs.counts, tiles: tiles.tileCount, people: attributes.population.reduce((a, b) => a + b, 0) },
    populationSource: attributes.populationSource,
    indicators: inputs.indicators,
    outputs: Object.fromEntries(Object.entries(files).map(([key, name]) => [key, { file: name, bytes: sizes[key] }])),
    tileBytesPerZoom: tiles.bytesPerZoom,
    stages,
    totalSeconds: (Date.now() - started) / 1000,
    peakRssMB: Math.round(peakRss / 1e6),
  };
  fs.writeFileSync(path.join(tmpDir, 'report.json'), JSON.stringify(report, null, 2));

  // Swap into place: the old build is removed only once the new one is complete.
  const oldDir = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, oldDir);
  fs.renameSync(tmpDir, outDir);
  fs.rmSync(oldDir, { recursive: true, force: true });

  console.log(
    `\nDone in ${report.totalSeconds.toFixed(1)} s (peak ${report.peakRssMB} MB): ${attributes.count.toLocaleString('en-GB')} LSOAs, ` +
      `${tiles.tileCount.toLocaleString('en-GB')} tiles, ${(sizes.tiles! / 1e6).toFixed(1)} MB of tiles → ${path.relative(process.cwd(), outDir)}/`,
  );
  for (const s of stages) console.log(`  ${s.stage.padEnd(20)} ${s.seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`\nThe data step failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('The previous build in public/data/ (if any) is untouched.');
  process.exit(1);
});
