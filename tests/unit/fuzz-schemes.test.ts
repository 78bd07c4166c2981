// Fuzzing the schemes importer (importSchemesFile: CSV, Excel, GeoJSON, 360Giving JSON, KML, KMZ
// and zipped shapefiles) with fast-check: random bytes, real files cut short and real files
// mutated (fuzz-inputs.ts). Whatever comes in, the importer returns (never throws), says something
// (schemes, problems or a refusal), and every scheme it gives lies in England with finite
// coordinates. Fixed seeds, so every run tries the same cases and a failure reproduces.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { importSchemesFile, type ImportContext } from '../../src/data/import/import-file';
import { builtData } from './built-data';
import { inputsFrom, placeBroken, schemeSeeds, type Seed } from './fuzz-inputs';

/**
 * Cases per run (FUZZ_RUNS and FUZZ_SEED try more, or others, by hand); the whole of this file
 * takes about 14 s on this two-core machine (with fuzz-workspace-areas beside it, 23 s).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80_000);

let context: ImportContext;
let seeds: Seed[];
let slowest = 0;

beforeAll(async () => {
  const data = await builtData();
  context = { areas: buildAreaResolver(data.attributes, data.details, data.lookups), postcodes: data.postcodes, defaultKind: 'grant' };
  seeds = await schemeSeeds();
}, 60_000);

/** Why an import's outcome breaks the properties, or undefined. */
async function brokenProperty(bytes: Uint8Array, fileName: string): Promise<string | undefined> {
  const read = await importSchemesFile(bytes, fileName, context);
  if (!read.ok) return read.message.trim() === '' ? 'refused without a message' : undefined;
  if (read.schemes.length + read.problems.length === 0) return 'no schemes and no problems';
  for (const scheme of read.schemes) {
    const broken = placeBroken(scheme.footprint);
    if (broken !== undefined) return `scheme ${scheme.name}: ${broken}`;
  }
  return undefined;
}

describe('fuzzing the schemes importer', () => {
  it('every real seed imports cleanly, so the mutations start from files that work', async () => {
    for (const seed of seeds) expect(await brokenProperty(seed.bytes, seed.fileName), seed.fileName).toBeUndefined();
  });

  it(`${RUNS} random, truncated and mutated files: never throws, always says something, nothing outside England`, async () => {
    await fc.assert(
      fc.asyncProperty(inputsFrom(seeds), async ({ fileName, bytes, how }) => {
        const started = performance.now();
        const broken = await brokenProperty(bytes, fileName);
        slowest = Math.max(slowest, performance.now() - started);
        if (broken !== undefined) throw new Error(`${fileName} (${how}): ${broken}`);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 13_001), numRuns: RUNS },
    );
    // Not asserted (timings belong in the bench): shown so a run that slows down is seen.
    console.info(`fuzz-schemes: ${RUNS} cases, the slowest ${Math.round(slowest)} ms`);
  }, 120_000);
});
