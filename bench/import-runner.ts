// Importing one 100k-row CSV, as the bench's child process runs it: bundled the way the app's
// worker ships (bench/import.ts builds it with Vite), alone in its process so its peak memory is
// its own. Reads the built data (attributes, details, lookups, postcode index) as the worker has
// it, then times importSchemesFile on the file RUNS times, each with a fresh postcode index so
// every run reads the shards the file names, as a first import in the app does. Then, in the same
// process, the baseline: PapaParse alone parsing the same text (header mode). Prints one JSON
// object: first run and median, schemes placed, rows skipped, peak memory.
//
// Usage: node <bundle> <built data dir> <csv file>

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { readBuiltData } from '../scripts/cli/read-built-data';
import { buildAreaResolver } from '../src/data/area-resolver';
import { importSchemesFile, type ImportContext } from '../src/data/import/import-file';
import { loadPostcodeIndex } from '../src/data/load';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function fileFetch(url: string): Promise<Response> {
  try {
    return new Response(await fs.promises.readFile(fileURLToPath(url)), { headers: { 'content-type': 'application/json' } });
  } catch {
    return new Response('', { status: 404 });
  }
}

async function main(): Promise<void> {
  const [dataDir, csvFile] = process.argv.slice(2);
  if (!dataDir || !csvFile) throw new Error('usage: import-runner <built data dir> <csv file>');
  const read = await readBuiltData(dataDir);
  if (!read.ok) throw new Error(read.message);
  const { attributes, details, lookups, manifest } = read.data;
  const areas = buildAreaResolver(attributes, details, lookups);
  const bytes = new Uint8Array(fs.readFileSync(csvFile));
  const name = path.basename(csvFile);
  const postcodesUrl = manifest.files.postcodes === undefined ? undefined : pathToFileURL(`${path.resolve(dataDir, manifest.files.postcodes)}${path.sep}`).href;
  const rssBeforeImportMB = peakRssMB();

  const times: number[] = [];
  let outcome: { rows: number; schemes: number; errors: number; warnings: number; locatedBy: Record<string, number> } | undefined;
  let peakAfterFirstMB = 0;
  for (let k = 0; k < RUNS; k++) {
    // A fresh postcode index each run: the shards are read again, as a first import reads them.
    const postcodes = postcodesUrl ? await loadPostcodeIndex(postcodesUrl, manifest.lsoaCount, fileFetch) : undefined;
    if (postcodes && !postcodes.ok) throw new Error(postcodes.problem.message);
    const context: ImportContext = { areas, defaultKind: 'grant', ...(postcodes ? { postcodes: postcodes.value } : {}) };
    const start = performance.now();
    const imported = await importSchemesFile(bytes, name, context);
    times.push(performance.now() - start);
    if (!imported.ok) throw new Error(imported.message);
    outcome ??= {
      rows: imported.table?.rows ?? NaN,
      schemes: imported.schemes.length,
      errors: imported.problems.filter((p) => p.severity === 'error').length,
      warnings: imported.problems.filter((p) => p.severity === 'warning').length,
      locatedBy: Object.fromEntries(imported.table?.locatedBy ?? []),
    };
    if (k === 0) peakAfterFirstMB = peakRssMB();
  }
  const importPeakRssMB = peakRssMB();

  // Baseline: PapaParse alone on the same text, header mode, in this process.
  const text = new TextDecoder().decode(bytes);
  const papaTimes: number[] = [];
  let papaRows = 0;
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    papaRows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.length;
    papaTimes.push(performance.now() - start);
  }

  process.stdout.write(
    JSON.stringify({
      ...outcome!,
      bytes: bytes.length,
      firstMs: Math.round(times[0]!),
      ms: Math.round(median(times)),
      rssBeforeImportMB,
      peakRssAfterFirstMB: peakAfterFirstMB,
      peakRssMB: importPeakRssMB,
      papaParseMs: Math.round(median(papaTimes)),
      papaParseRows: papaRows,
    }),
  );
}

await main();
