// Reads and validates every input of the data step from a source folder. All problems from all
// files are gathered before giving up, so one run tells the user everything to fix.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { INDICATOR_KEYS, type IndicatorKey } from '../../src/core/indicators';
import { readLsoaBoundaries, propertyAnyCase, type LsoaBoundary } from '../../src/data/boundaries';
import { checkJoin } from '../../src/data/join';
import { parseIodTable, type IodRow } from '../../src/data/parse-iod';
import {
  parseCountyLookup,
  parseLsoa11Lookup,
  parseMsoaLookup,
  parsePopulation,
  parseRegionLookup,
  parseWardLookup,
  readTable,
  type CountyRow,
  type Lsoa11Row,
  type MsoaRow,
  type RegionRow,
  type WardRow,
} from '../../src/data/parse-lookups';
import type { DataProblem, Result } from '../../src/data/problems';
import { locate, type SourceManifest } from './source';

interface InputFile {
  id: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface LoadedInputs {
  iod: Map<string, IodRow>;
  indicators: IndicatorKey[];
  population: Map<string, number>;
  populationSource: string;
  wards: Map<string, WardRow>;
  msoas: Map<string, MsoaRow>;
  counties: Map<string, CountyRow>;
  regions: Map<string, RegionRow>;
  boundaries: LsoaBoundary[];
  /** LSOA 2011 → 2021 links, when the source has the lookup (optional). */
  lsoa11?: Lsoa11Row[];
  /** The postcode table (gzip CSV) as read, when the source has it (optional); built into shards later. */
  postcodes?: { file: string; bytes: Buffer };
  files: InputFile[];
  counts: Record<string, number>;
}

const CENSUS_POPULATION_SOURCE = 'Census 2021 usual residents';
const IOD_POPULATION_SOURCE = 'IoD2025 population denominators (mid-2022)';

class FileReader {
  readonly files: InputFile[] = [];
  constructor(private readonly dir: string) {}

  private record(id: string, file: string, bytes: Buffer): void {
    this.files.push({
      id,
      path: path.relative(this.dir, file),
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }

  text(id: string, file: string): string {
    return this.bytes(id, file).toString('utf8');
  }

  bytes(id: string, file: string): Buffer {
    const bytes = fs.readFileSync(file);
    this.record(id, file, bytes);
    return bytes;
  }

  json(id: string, file: string): unknown {
    return JSON.parse(this.text(id, file));
  }
}

const rel = (dir: string, file: string) => path.relative(dir, file);

/** The IoD2025 domains of File 7 (IDACI and IDAOPI may come from File 3 instead). */
const DOMAIN_INDICATORS = INDICATOR_KEYS.filter((key) => key !== 'idaci' && key !== 'idaopi');

/**
 * Reads BGC boundaries: either the per-LAD folder (index.csv beside the files) or one GeoJSON. A
 * file the index lists but the folder lacks is a problem like any other (so the others are still
 * reported), not a crash.
 */
function readBgcFeatures(reader: FileReader, file: string, label: string): Result<Feature[]> {
  if (!file.endsWith('index.csv')) return { ok: true, value: (reader.json('lsoa_bgc', file) as FeatureCollection).features, problems: [] };
  const folder = path.dirname(file);
  const index = readTable(reader.text('lsoa_bgc', file), label, [['file', ['file'], 'the GeoJSON file name']] as const);
  if (!index.ok) return index;
  const problems: DataProblem[] = [];
  const features: Feature[] = [];
  index.value.rows.forEach((row, i) => {
    if (row.file === '') return;
    const part = path.join(folder, row.file);
    if (!fs.existsSync(part)) {
      problems.push({ file: label, row: i + 1, column: 'file', value: row.file, message: `${row.file} is listed but not in ${path.dirname(label)}.` });
      return;
    }
    features.push(...(reader.json('lsoa_bgc', part) as FeatureCollection).features);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: features, problems: [] };
}

export function loadInputs(dir: string, manifest: SourceManifest, progress: (message: string) => void): Result<LoadedInputs> {
  const reader = new FileReader(dir);
  const problems: DataProblem[] = [];
  const find = (id: string): string | undefined => {
    const entry = manifest.sources.find((s) => s.id === id);
    if (!entry) throw new Error(`data/sources.json has no entry '${id}'`);
    const file = locate(dir, entry);
    if (!file && entry.required) {
      problems.push({
        file: entry.paths[0] ?? id,
        message: `Required input "${entry.name}" not found in ${dir}. Expected one of: ${entry.paths.join(', ')}.`,
      });
    }
    return file;
  };
  const take = <T>(result: Result<T>): T | undefined => {
    problems.push(...result.problems);
    return result.ok ? result.value : undefined;
  };

  progress('reading IoD2025…');
  const iodFile = find('iod2025');
  // Every domain the app offers is required: a file without one must stop the build (keeping the
  // previous one), never build a map that quietly lacks it.
  const iodTable = iodFile ? take(parseIodTable(reader.text('iod2025', iodFile), rel(dir, iodFile), DOMAIN_INDICATORS)) : undefined;
  const iod = new Map(iodTable?.rows.map((row) => [row.code, row]) ?? []);
  // The join checks below run only when the IoD table was read: an invalid IoD file would
  // otherwise also report every other file as "0% matched".
  const indicators = new Set<IndicatorKey>(iodTable?.indicators ?? []);

  // IDACI/IDAOPI come with File 7; otherwise from File 3 when it is there.
  const supplementaryFile = find('iod2025_supplementary');
  if (iodTable && supplementaryFile && !(indicators.has('idaci') && indicators.has('idaopi'))) {
    const name = rel(dir, supplementaryFile);
    const supplementary = take(parseIodTable(reader.text('iod2025_supplementary', supplementaryFile), name, ['idaci', 'idaopi']));
    if (supplementary) {
      problems.push(...checkJoin({ file: rel(dir, iodFile!), codes: iod.keys() }, { file: name, codes: supplementary.rows.map((r) => r.code) }));
      for (const row of supplementary.rows) {
        const target = iod.get(row.code);
        if (target) Object.assign(target.values, { idaci: row.values.idaci, idaopi: row.values.idaopi });
      }
      indicators.add('idaci');
      indicators.add('idaopi');
    }
  }

  progress('reading population…');
  let population = new Map<string, number>();
  let populationSource = IOD_POPULATION_SOURCE;
  if (iodTable?.hasPopulation) {
    population = new Map(iodTable.rows.map((row) => [row.code, row.population ?? 0]));
  } else {
    populationSource = CENSUS_POPULATION_SOURCE;
    const populationFile = find('population');
    if (!populationFile) {
      problems.push({
        file: iodFile ? rel(dir, iodFile) : 'iod2025',
        message:
          "No population: the IoD file has no 'Total population: mid 2022' column and the Census 2021 file " +
          'population/lsoa21_population_census2021_england.csv is missing. Add either.',
      });
    } else {
      const rows = take(parsePopulation(reader.text('population', populationFile), rel(dir, populationFile)));
      population = new Map(rows?.map((row) => [row.lsoa, row.population]) ?? []);
      if (rows && iodTable)
        problems.push(...checkJoin({ file: rel(dir, iodFile ?? 'iod2025'), codes: iod.keys() }, { file: rel(dir, populationFile), codes: population.keys() }));
    }
  }

  progress('reading lookups…');
  const wardFile = find('ward_lookup');
  const wardRows = wardFile ? take(parseWardLookup(reader.text('ward_lookup', wardFile), rel(dir, wardFile))) : undefined;
  const wards = new Map(wardRows?.map((row) => [row.lsoa, row]) ?? []);
  if (wardRows && iodTable && iodFile)
    problems.push(...checkJoin({ file: rel(dir, iodFile), codes: iod.keys() }, { file: rel(dir, wardFile!), codes: wards.keys() }));

  const msoaFile = find('msoa_names');
  const msoaRows = msoaFile ? take(parseMsoaLookup(reader.text('msoa_names', msoaFile), rel(dir, msoaFile))) : undefined;
  const msoas = new Map(msoaRows?.map((row) => [row.lsoa, row]) ?? []);
  if (msoaRows && iodTable && iodFile)
    problems.push(...checkJoin({ file: rel(dir, iodFile), codes: iod.keys() }, { file: rel(dir, msoaFile!), codes: msoas.keys() }));

  const ladCodes = new Set([...wards.values()].map((w) => w.ladCode));
  const countyFile = find('county_lookup');
  const countyRows = countyFile ? take(parseCountyLookup(reader.text('county_lookup', countyFile), rel(dir, countyFile))) : undefined;
  const counties = new Map(countyRows?.map((row) => [row.ladCode, row]) ?? []);
  const regionFile = find('region_lookup');
  const regionRows = regionFile ? take(parseRegionLookup(reader.text('region_lookup', regionFile), rel(dir, regionFile))) : undefined;
  const regions = new Map(regionRows?.map((row) => [row.ladCode, row]) ?? []);
  for (const [file, map] of [
    [countyFile, counties],
    [regionFile, regions],
  ] as const) {
    if (!file || map.size === 0) continue;
    const missing = [...ladCodes].filter((code) => !map.has(code)).sort();
    if (missing.length > 0) {
      problems.push({
        file: rel(dir, file),
        message: `${missing.length} of ${ladCodes.size} local authority districts in the ward lookup are missing here: ${missing.slice(0, 5).join(', ')}.`,
      });
    }
  }

  const ladFile = find('lad_buc');
  if (ladFile && wardFile && wardRows) {
    const lads = (reader.json('lad_buc', ladFile) as FeatureCollection).features.map((f) =>
      String(propertyAnyCase(f.properties as Record<string, unknown>, 'LAD24CD')),
    );
    problems.push(...checkJoin({ file: rel(dir, wardFile), codes: ladCodes }, { file: rel(dir, ladFile), codes: lads }));
  }

  const lsoa11File = find('lsoa11_lookup');
  const lsoa11 = lsoa11File ? take(parseLsoa11Lookup(reader.text('lsoa11_lookup', lsoa11File), rel(dir, lsoa11File))) : undefined;

  const postcodeFile = find('postcodes');
  const postcodes = postcodeFile ? { file: rel(dir, postcodeFile), bytes: reader.bytes('postcodes', postcodeFile) } : undefined;

  progress('reading LSOA boundaries (BGC)…');
  const bgcFile = find('lsoa_bgc');
  let boundaries: LsoaBoundary[] = [];
  if (bgcFile) {
    const label = rel(dir, bgcFile);
    const features = take(readBgcFeatures(reader, bgcFile, label));
    boundaries = features ? (take(readLsoaBoundaries(features, label)) ?? []) : [];
    if (features && iodTable && iodFile)
      problems.push(...checkJoin({ file: rel(dir, iodFile), codes: iod.keys() }, { file: label, codes: boundaries.map((b) => b.code) }));
  }
  const bscFile = find('lsoa_bsc');
  if (bscFile && iodFile) {
    const label = rel(dir, bscFile);
    const bsc = take(readLsoaBoundaries((reader.json('lsoa_bsc', bscFile) as FeatureCollection).features, label));
    if (bsc && iodTable) problems.push(...checkJoin({ file: rel(dir, iodFile), codes: iod.keys() }, { file: label, codes: bsc.map((b) => b.code) }));
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    problems: [],
    value: {
      iod,
      indicators: [...indicators],
      population,
      populationSource,
      wards,
      msoas,
      counties,
      regions,
      boundaries,
      ...(lsoa11 ? { lsoa11 } : {}),
      ...(postcodes ? { postcodes } : {}),
      files: reader.files,
      counts: {
        lsoas: iod.size,
        boundaries: boundaries.length,
        wards: new Set([...wards.values()].map((w) => w.wardCode)).size,
        msoas: new Set([...msoas.values()].map((m) => m.msoaCode)).size,
        lads: ladCodes.size,
        counties: new Set([...counties.values()].map((c) => c.countyCode)).size,
        regions: new Set([...regions.values()].map((r) => r.regionCode)).size,
      },
    },
  };
}
