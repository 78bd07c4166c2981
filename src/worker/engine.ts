// What the coverage worker's calls share: the built data (fetched, decoded and indexed once), the
// datasets' schemes held by hash, the runs cached, the imports waiting for confirmation and the
// requests in flight. No DOM and no messaging here, so the unit tests drive the calls in Node.

import { DEFAULT_AREA_WIDE, type AreaWideMode } from '../core/placement';
import type { AreaResolver } from '../core/coverage-types';
import { formatRule, type CoverageRule } from '../core/coverage-rule';
import type { IndicatorKey } from '../core/indicators';
import { lsoaIndexOf } from '../core/lsoa-index';
import type { LsoaGeometry } from '../core/lsoa-geometry';
import type { NearestMeasurer } from '../core/nearest';
import type { RunFigures } from '../core/run-figures';
import type { Scheme } from '../core/scheme';
import { filterKey, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import { buildAreaResolver } from '../data/area-resolver';
import type { SchemesImport } from '../data/import/import-file';
import type { PostcodeIndex } from '../data/postcodes';
import { decodeDeciles, type AttributesFile, type DetailsFile, type LookupsFile } from '../data/schema';
import type { CoverageRun } from '../contract';
import { Requests } from './requests';
import { SchemeStore } from './scheme-store';
import type { SchemeTiles } from './scheme-tiles';

interface EngineData {
  attributes: AttributesFile;
  details: DetailsFile;
  geometry: LsoaGeometry;
  lookups?: LookupsFile;
  /** Postcodes → place, when the build has them (imports use them). */
  postcodes?: PostcodeIndex;
}

export type EngineDataRead = { ok: true; data: EngineData } | { ok: false; message: string };

/** Fetches and decodes the built data once; `onProgress` gets the share downloaded (null: unknown). */
export type EngineDataLoader = (onProgress: (done: number | null) => void) => Promise<EngineDataRead>;

export interface EngineOptions {
  /** Lets queued messages (cancel calls) in; setTimeout(0) by default. */
  yieldToMessages?: () => Promise<void>;
  /** Target time for one slice of work between yields. */
  sliceMs?: number;
  now?: () => number;
  /** How many runs to keep (each holds per-LSOA arrays and per-scheme lists). */
  cacheSize?: number;
  /** Where the datasets' schemes are held (in memory only by default). */
  store?: SchemeStore;
}

export interface Prepared {
  data: EngineData;
  areas: AreaResolver;
  /** Each indicator's deciles, decoded once (decilesOf). */
  deciles: Map<IndicatorKey, Uint8Array>;
}

type Ready = { ok: true; prepared: Prepared } | { ok: false; message: string };

/** A run as the worker keeps it: what went to the page, and what later calls need of it. */
export interface RunEntry {
  run: CoverageRun;
  schemes: readonly Scheme[];
  /** Per scheme: proposed (its dataset or itself marked so). */
  proposed: boolean[];
  /** Each dataset's hash and the index of its first scheme in `schemes`. */
  parts: { hash: string; start: number }[];
  /**
   * The run's figures (coverage-pipeline.ts). Distances are to the schemes counted now
   * (`figures.counted`): a proposed scheme does not make a gap any nearer, nor does a grant
   * recorded only for the whole district.
   */
  figures: RunFigures;
  /** Km to the nearest counted footprint, per LSOA measured so far. */
  nearest: Map<number, number>;
  /** The schemes' footprints indexed for distances, built on the first request. */
  measurer?: NearestMeasurer;
  /** The schemes cut into map tiles, built on the first tile asked for. */
  tiles?: SchemeTiles;
}

/** Imports read and waiting for the user to confirm or cancel. */
export const HELD_IMPORTS = 4;

export interface Engine {
  readonly store: SchemeStore;
  /** Runs by key, least recently used first. */
  readonly runs: Map<string, RunEntry>;
  /** Files read for import, by token, with what was read, until taken or discarded. */
  readonly imports: Map<number, { bytes: Uint8Array; read: Extract<SchemesImport, { ok: true }> }>;
  readonly requests: Requests;
  readonly yieldToMessages: () => Promise<void>;
  readonly sliceMs: number;
  readonly now: () => number;
  /** The data once prepared (null before the first call that needs it). */
  prepared(): Prepared | null;
  /** Loads the data, decodes the boundaries and builds the LSOA index, once. */
  prepare(onProgress?: (done: number | null) => void): Promise<Ready>;
  /** Keeps a run, forgetting the least recently used beyond the cache's size. */
  remember(key: string, entry: RunEntry): void;
}

export function createEngine(loader: EngineDataLoader, options: EngineOptions = {}): Engine {
  const cacheSize = options.cacheSize ?? 3;
  let prepared: Prepared | null = null;
  let preparing: Promise<Ready> | null = null;
  const runs = new Map<string, RunEntry>();
  return {
    store: options.store ?? new SchemeStore(),
    runs,
    imports: new Map(),
    requests: new Requests(),
    yieldToMessages: options.yieldToMessages ?? (() => new Promise((resolve) => setTimeout(resolve, 0))),
    sliceMs: options.sliceMs ?? 60,
    now: options.now ?? (() => performance.now()),
    prepared: () => prepared,
    prepare(onProgress = () => undefined) {
      if (prepared) return Promise.resolve({ ok: true, prepared });
      preparing ??= loader(onProgress).then((read): Ready => {
        if (!read.ok) {
          preparing = null; // A later call tries again (the network may be back).
          return read;
        }
        const { data } = read;
        lsoaIndexOf(data.geometry);
        prepared = { data, areas: buildAreaResolver(data.attributes, data.details, data.lookups), deciles: new Map() };
        return { ok: true, prepared };
      });
      return preparing;
    },
    remember(key, entry) {
      runs.delete(key);
      runs.set(key, entry);
      while (runs.size > cacheSize) {
        const oldest = runs.keys().next().value;
        if (oldest === undefined) break;
        runs.delete(oldest);
      }
    },
  };
}

/** The cache key of a run: schemes hash + rule (+ filter, + area-wide counted). */
export function runKey(schemesHash: string, rule: CoverageRule, filter: SchemeFilter = NO_FILTER, areaWide: AreaWideMode = DEFAULT_AREA_WIDE): string {
  const filtered = filterKey(filter);
  return `${schemesHash}|${formatRule(rule)}${filtered ? `|${filtered}` : ''}${areaWide === 'count' ? '|area-wide-counted' : ''}`;
}

/** An indicator's deciles as numbers, decoded once per indicator; null when the build has none. */
export function decilesOf(prepared: Prepared, indicator: IndicatorKey): Uint8Array | null {
  const known = prepared.deciles.get(indicator);
  if (known) return known;
  const column = prepared.data.attributes.deciles[indicator];
  if (column === undefined) return null;
  const decoded = decodeDeciles(column);
  prepared.deciles.set(indicator, decoded);
  return decoded;
}

/** The position among the run's datasets of the one scheme `index` came from. */
export function datasetIndexOf(parts: RunEntry['parts'], index: number): number {
  let at = 0;
  parts.forEach((part, k) => {
    if (part.start <= index) at = k;
  });
  return at;
}
