// The coverage computation behind the worker, in the same sequence as the CLI
// (scripts/cli/coverage-command.ts), so the app and `gapmap coverage` agree exactly:
//   computeCoverage → usable = schemes without a core problem → runFigures (which schemes count,
//   allocation by population, reach levels, area-wide schemes) → lsoasInScope →
//   summarizeCoverage(nearestKm = nearestMeasurer on the counted schemes).
//
// Differences are only in how the work is scheduled, never in what is computed:
// - coverage runs in slices of schemes (each scheme's LSOAs do not depend on the others), with a
//   yield between slices so a cancel message can arrive (a worker handles messages only between
//   tasks) and progress can be posted;
// - runs are cached by schemes hash + rule, so a new scope, indicator or gap decile only
//   re-summarises;
// - nearest-scheme distances are measured on request for the gaps shown, a few LSOAs at a time,
//   and remembered per run; a summary gives NaN for gaps not measured yet.
// No DOM and no comlink here, so the unit tests drive it directly in Node.

import { formatRule, type CoverageRule } from '../core/coverage-rule';
import { schemeAmount } from '../core/allocate';
import { DEFAULT_AREA_WIDE, type AreaWideMode } from '../core/placement';
import { runFigures, type AreaWideFigures } from '../core/run-figures';
import { lsoasOfArea } from '../core/area-lsoas';
import { areaStats } from '../core/area-stats';
import { lsoaPolygons } from '../core/lsoa-polygons';
import { schemesBounds } from '../core/scheme-bounds';
import type { AreaDefinition, TargetArea } from '../core/target-area';
import { computeCoverage, invertCovered } from '../core/coverage';
import type { AreaResolver, SchemeProblem } from '../core/coverage-types';
import type { IndicatorKey } from '../core/indicators';
import { lsoaIndexOf } from '../core/lsoa-index';
import type { LsoaGeometry } from '../core/lsoa-geometry';
import { nearestMeasurer, type NearestMeasurer } from '../core/nearest';
import { withReachDefaults, type LonLat, type Scheme } from '../core/scheme';
import { filterKey, isNoFilter, matchesFilter, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import { lsoasInScope } from '../core/scope-lsoas';
import { areaWideSummary, summarizeCoverage } from '../core/summary';
import { gapCut } from '../core/gap-definition';
import { buildAreaResolver } from '../data/area-resolver';
import { schemeStats, type Dataset, type DatasetWithSchemes } from '../data/dataset';
import { importSchemesFile, type SchemesImport } from '../data/import/import-file';
import { readWorkspaceFile, workspaceFile } from '../data/workspace-file';
import type { PostcodeIndex } from '../data/postcodes';
import { decodeDeciles, type AttributesFile, type DetailsFile, type LookupsFile } from '../data/schema';
import {
  AREA_SCHEMES_LISTED,
  type AreaOutcome,
  type AreaRequest,
  type AreaScheme,
  type CoverageRun,
  type EditOutcome,
  type EditRequest,
  type SchemeFound,
  type TakeRequest,
  type WorkspaceExport,
  type WorkspaceOpened,
  type ImportOutcome,
  type ImportProgress,
  type ImportRequest,
  type ImportTaken,
  type NearestOutcome,
  type NearestProgress,
  type NearestRequest,
  type RunOutcome,
  type RunProgress,
  type RunRequest,
  type SummaryOutcome,
  type SummaryRequest,
  type SummaryView,
} from '../state/coverage-protocol';
import { finerLocations, previewOf } from './import-preview';
import { SchemeStore } from './scheme-store';
import { SchemeTiles } from './scheme-tiles';
import { withUniqueIds } from '../data/unique-scheme-ids';

export interface EngineData {
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

interface Prepared {
  data: EngineData;
  areas: AreaResolver;
  deciles: Map<IndicatorKey, Uint8Array>;
}

interface RunEntry {
  run: CoverageRun;
  schemes: readonly Scheme[];
  /** Per scheme: proposed (its dataset or itself marked so). */
  proposed: boolean[];
  /** Each dataset's hash and the index of its first scheme in `schemes`. */
  parts: { hash: string; start: number }[];
  /** Per scheme: counted in the current figures (usable, not proposed, not an area-wide scheme left apart): distances are to these. */
  usable: boolean[];
  /** Per scheme: area-wide and left apart (never counted, even in the what-if). */
  apart: boolean[];
  areaWide: AreaWideFigures;
  /** Km to the nearest usable footprint, per LSOA measured so far. */
  nearest: Map<number, number>;
  /** The schemes' footprints indexed for distances, built on the first request. */
  measurer?: NearestMeasurer;
  /** The schemes cut into map tiles, built on the first tile asked for. */
  tiles?: SchemeTiles;
}

/** What a method returns and which buffers may be transferred (not copied) to the caller. */
export interface WithTransfer<T> {
  value: T;
  transfer: ArrayBuffer[];
}

export function runKey(schemesHash: string, rule: RunRequest['rule'], filter: SchemeFilter = NO_FILTER, areaWide: AreaWideMode = DEFAULT_AREA_WIDE): string {
  const filtered = filterKey(filter);
  return `${schemesHash}|${formatRule(rule)}${filtered ? `|${filtered}` : ''}${areaWide === 'count' ? '|area-wide-counted' : ''}`;
}

/** The distances known for these LSOAs, as LSOA, km pairs. */
function measuredOf(lsoas: readonly number[], nearest: ReadonlyMap<number, number>): Float64Array {
  const known = lsoas.filter((lsoa) => nearest.has(lsoa));
  const out = new Float64Array(known.length * 2);
  known.forEach((lsoa, j) => {
    out[j * 2] = lsoa;
    out[j * 2 + 1] = nearest.get(lsoa)!;
  });
  return out;
}

/** The position among the run's datasets of the one scheme `index` came from. */
function datasetIndexOf(parts: RunEntry['parts'], index: number): number {
  let at = 0;
  parts.forEach((part, k) => {
    if (part.start <= index) at = k;
  });
  return at;
}

/** Per LSOA, the dataset (its position among those shown, + 1; 0: none) of the first counted scheme naming areas that reaches it. */
function areaDatasetsOf(schemes: readonly Scheme[], parts: RunEntry['parts'], counted: readonly boolean[], lsoaStart: Uint32Array, lsoaSchemes: Uint32Array): Uint16Array {
  const out = new Uint16Array(Math.max(0, lsoaStart.length - 1));
  if (!schemes.some((scheme, s) => scheme.footprint.type === 'areas' && counted[s])) return out;
  for (let lsoa = 0; lsoa < out.length; lsoa++) {
    for (let k = lsoaStart[lsoa]!; k < lsoaStart[lsoa + 1]!; k++) {
      const scheme = schemes[lsoaSchemes[k]!];
      if (scheme?.footprint.type === 'areas' && counted[lsoaSchemes[k]!]) {
        out[lsoa] = datasetIndexOf(parts, lsoaSchemes[k]!) + 1;
        break;
      }
    }
  }
  return out;
}

/** An indicator's deciles as numbers, decoded once per indicator; null when the build has none. */
function decilesOf(prepared: Prepared, indicator: IndicatorKey): Uint8Array | null {
  const known = prepared.deciles.get(indicator);
  if (known) return known;
  const column = prepared.data.attributes.deciles[indicator];
  if (column === undefined) return null;
  const decoded = decodeDeciles(column);
  prepared.deciles.set(indicator, decoded);
  return decoded;
}

/** Imports read and waiting for the user to confirm or cancel. */
const HELD_IMPORTS = 4;

export class CoverageEngine {
  private readonly loader: EngineDataLoader;
  private readonly yieldToMessages: () => Promise<void>;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly cacheSize: number;
  private readonly store: SchemeStore;
  private preparing: Promise<{ ok: true; prepared: Prepared } | { ok: false; message: string }> | null = null;
  private prepared: Prepared | null = null;
  private readonly runs = new Map<string, RunEntry>();
  private readonly cancelled = new Set<number>();
  private readonly imports = new Map<number, { bytes: Uint8Array; read: Extract<SchemesImport, { ok: true }> }>();
  private newestRun = 0;
  private newestMeasure = 0;
  private newestArea = 0;

  constructor(loader: EngineDataLoader, options: EngineOptions = {}) {
    this.loader = loader;
    this.yieldToMessages = options.yieldToMessages ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.sliceMs = options.sliceMs ?? 60;
    this.now = options.now ?? (() => performance.now());
    this.cacheSize = options.cacheSize ?? 3;
    this.store = options.store ?? new SchemeStore();
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /**
   * Reads a file for import (or reads it again with other column meanings) and holds the result
   * under the request's token until it is taken or discarded: nothing is added before the user
   * confirms, and a refused file changes nothing.
   */
  async previewImport(request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome> {
    if (!this.prepared) onProgress({ phase: 'preparing', done: null });
    const ready = await this.prepare((done) => onProgress({ phase: 'preparing', done }));
    if (!ready.ok) return { kind: 'refused', message: ready.message };
    const bytes = request.bytes ? new Uint8Array(request.bytes) : this.imports.get(request.token)?.bytes;
    if (!bytes) return { kind: 'refused', message: `${request.name} is no longer held; choose the file again.` };
    onProgress({ phase: 'reading', done: null });
    const { data, areas } = ready.prepared;
    const reach = withReachDefaults(request.reach);
    const preferFinest = request.preferFinest === true;
    const context = {
      areas,
      ...(data.postcodes ? { postcodes: data.postcodes } : {}),
      defaultKind: 'grant' as const,
      reach,
      preferFinest,
      onProgress: (done: number) => onProgress({ phase: 'reading', done }),
    };
    const read = await importSchemesFile(bytes, request.name, context, request.meanings);
    if (!read.ok) {
      this.imports.delete(request.token);
      return { kind: 'refused', message: read.message };
    }
    const finer = preferFinest ? null : await finerLocations(bytes, request.name, read, context, request.meanings);
    this.imports.delete(request.token);
    this.imports.set(request.token, { bytes, read });
    // Only a few files are ever waiting for confirmation; drop the oldest beyond that.
    for (const token of this.imports.keys()) if (this.imports.size > HELD_IMPORTS) this.imports.delete(token);
    return { kind: 'ready', preview: previewOf(request.token, request.name, read, reach, { preferFinest, finer }) };
  }

  /** Keeps a confirmed import's schemes, ids made unique across the workspace; the page gets counts and the hash. */
  async takeImport(request: TakeRequest): Promise<ImportTaken | null> {
    const held = this.imports.get(request.token);
    this.imports.delete(request.token);
    if (!held) return null;
    const { read } = held;
    // Ids are checked against every dataset still held (one missing from storage does not stop it).
    const existing: Scheme[] = [];
    for (const hash of request.existing) for (const scheme of (await this.store.get(hash)) ?? []) existing.push(scheme);
    const unique = withUniqueIds(read.schemes, existing, request.name);
    const { hash, saveError } = await this.store.add(unique.schemes);
    return {
      format: read.format,
      problems: [...read.problems, ...unique.notes],
      hash,
      locatedBy: [...(read.table?.locatedBy ?? [])],
      stats: schemeStats(unique.schemes),
      bounds: this.prepared ? schemesBounds(unique.schemes, this.prepared.data.geometry, this.prepared.areas) : null,
      saveError,
    };
  }

  /** The schemes of these datasets that pass the filter, one after another, with where each dataset starts. */
  private async schemesOf(
    hashes: readonly string[],
    filter: SchemeFilter = NO_FILTER,
    proposedDatasets: readonly string[] = [],
  ): Promise<{ ok: true; schemes: Scheme[]; proposed: boolean[]; parts: RunEntry['parts'] } | { ok: false; missing: string }> {
    const schemes: Scheme[] = [];
    const proposed: boolean[] = [];
    const parts: RunEntry['parts'] = [];
    const all = isNoFilter(filter);
    for (const hash of hashes) {
      const set = await this.store.get(hash);
      if (!set) return { ok: false, missing: hash };
      parts.push({ hash, start: schemes.length });
      const wholeSet = proposedDatasets.includes(hash);
      for (const scheme of set) {
        if (!all && !matchesFilter(scheme, filter)) continue;
        schemes.push(scheme);
        proposed.push(wholeSet || scheme.proposed === true);
      }
    }
    return { ok: true, schemes, proposed, parts };
  }

  /** Map tile z/x/y of a run's schemes; null when empty or the run is no longer held. */
  schemeTile(key: string, z: number, x: number, y: number, colours: readonly string[] = []): ArrayBuffer | null {
    const entry = this.runs.get(key);
    if (!entry) return null;
    entry.tiles ??= new SchemeTiles(entry.schemes, (index) => datasetIndexOf(entry.parts, index));
    return entry.tiles.tile(z, x, y, colours);
  }

  /** Scheme `index` of a run held, with the dataset it came from. */
  schemeAt(key: string, index: number): SchemeFound | null {
    const entry = this.runs.get(key);
    const scheme = entry?.schemes[index];
    if (!entry || !scheme) return null;
    let part = entry.parts[0]!;
    for (const next of entry.parts) if (next.start <= index) part = next;
    return { scheme, datasetHash: part.hash };
  }

  /** A dataset's schemes with one added, changed or removed: a new set under a new hash. */
  async editSchemes(request: EditRequest): Promise<EditOutcome> {
    const current = request.hash === null ? [] : await this.store.get(request.hash);
    if (!current) return { kind: 'failed', message: 'The dataset’s schemes are no longer held in this browser; reload the page and try again.' };
    const { change } = request;
    let next: Scheme[];
    switch (change.kind) {
      case 'add': {
        const taken = new Set(current.map((scheme) => scheme.id));
        if (taken.has(change.scheme.id)) return { kind: 'failed', message: `A scheme with the id '${change.scheme.id}' is already in this dataset.` };
        next = [...current, change.scheme];
        break;
      }
      case 'update': {
        const at = current.findIndex((scheme) => scheme.id === change.scheme.id);
        if (at < 0) return { kind: 'failed', message: `The scheme '${change.scheme.name}' is no longer in its dataset.` };
        next = current.map((scheme, k) => (k === at ? change.scheme : scheme));
        break;
      }
      case 'remove':
        next = current.filter((scheme) => scheme.id !== change.id);
        break;
    }
    const { hash, saveError } = await this.store.add(next);
    return { kind: 'done', hash, stats: schemeStats(next), saveError };
  }

  /** The workspace file for these datasets, as UTF-8 (transferable). */
  async exportWorkspace(datasets: readonly Dataset[], exportedAt: string, themes: readonly string[] = [], areas: readonly TargetArea[] = []): Promise<WorkspaceExport> {
    const full: DatasetWithSchemes[] = [];
    for (const dataset of datasets) {
      const schemes = await this.store.get(dataset.hash);
      if (!schemes) return { kind: 'failed', message: `The schemes of ${dataset.name} are no longer held in this browser, so the workspace cannot be exported whole. Reload the page and try again.` };
      full.push({ ...dataset, schemes: [...schemes] });
    }
    const bytes = new TextEncoder().encode(JSON.stringify(workspaceFile(full, exportedAt, themes, areas)));
    return { kind: 'done', bytes: bytes.buffer as ArrayBuffer };
  }

  /** Reads a workspace file and keeps its schemes; the page gets the datasets' fields. */
  async openWorkspace(bytes: ArrayBuffer, name: string): Promise<WorkspaceOpened> {
    const read = readWorkspaceFile(new TextDecoder().decode(bytes), name);
    if (!read.ok) return { kind: 'failed', message: read.message };
    const datasets: Dataset[] = [];
    let saveError: string | null = null;
    for (const { schemes, ...fields } of read.datasets) {
      const added = await this.store.add(schemes, fields.hash);
      saveError ??= added.saveError;
      datasets.push(fields);
    }
    return { kind: 'done', datasets, themes: read.themes, areas: read.areas, saveError };
  }

  /** Forgets the sets the page no longer needs. */
  retain(hashes: readonly string[], fromStorage: boolean): Promise<void> {
    return this.store.retain(hashes, fromStorage);
  }

  discardImport(token: number): void {
    this.imports.delete(token);
  }

  /** Whether the boundaries are decoded and indexed (the first run does it). */
  get isPrepared(): boolean {
    return this.prepared !== null;
  }

  /** Loads the data, decodes the boundaries and builds the LSOA index, once. */
  private prepare(onProgress: (done: number | null) => void): Promise<{ ok: true; prepared: Prepared } | { ok: false; message: string }> {
    if (this.prepared) return Promise.resolve({ ok: true, prepared: this.prepared });
    this.preparing ??= this.loader(onProgress).then((read) => {
      if (!read.ok) {
        this.preparing = null; // A later run tries again (the network may be back).
        return read;
      }
      const { data } = read;
      lsoaIndexOf(data.geometry);
      const prepared: Prepared = { data, areas: buildAreaResolver(data.attributes, data.details, data.lookups), deciles: new Map() };
      this.prepared = prepared;
      return { ok: true as const, prepared };
    });
    return this.preparing;
  }

  async run(request: RunRequest, onProgress: (progress: RunProgress) => void): Promise<WithTransfer<RunOutcome>> {
    const { id } = request;
    this.newestRun = Math.max(this.newestRun, id);
    const isCancelled = () => this.cancelled.has(id) || id < this.newestRun;
    const none: ArrayBuffer[] = [];
    const report = this.throttled(onProgress);
    if (!this.prepared) report({ phase: 'preparing', done: null }, true);
    const ready = await this.prepare((done) => report({ phase: 'preparing', done }));
    if (!ready.ok) return { value: { kind: 'failed', message: ready.message }, transfer: none };
    if (isCancelled()) return this.finish(id, { value: { kind: 'cancelled' }, transfer: none });

    const key = runKey(request.schemesHash, request.rule, request.filter, request.areaWide);
    let entry = this.runs.get(key);
    if (!entry) {
      const held = await this.schemesOf(request.datasets, request.filter, request.proposedDatasets);
      if (!held.ok) {
        return this.finish(id, {
          value: { kind: 'failed', message: 'The schemes of a dataset are missing from this browser’s storage (it may have been cleared). Delete that dataset and import its file again.' },
          transfer: none,
        });
      }
      report({ phase: 'coverage', done: 0 }, true);
      const computed = await this.computeRun(key, request, held.schemes, held.proposed, held.parts, ready.prepared, isCancelled, report);
      if (!computed) return this.finish(id, { value: { kind: 'cancelled' }, transfer: none });
      entry = computed;
      this.remember(key, entry);
    } else {
      this.runs.delete(key);
      this.runs.set(key, entry); // Most recently used last.
    }
    report({ phase: 'summary', done: null }, true);
    const summary = this.summaryOf(entry, ready.prepared, request.view);
    if (!summary.ok) return this.finish(id, { value: { kind: 'failed', message: summary.message }, transfer: none });
    const withProposed = entry.run.withProposed ? this.summaryOf(entry, ready.prepared, request.view, true) : null;
    // Copies go to the caller (transferred, so posted without a second copy); the cache keeps its own.
    const run: CoverageRun = {
      ...entry.run,
      count: entry.run.count.slice(),
      allocatedGbp: entry.run.allocatedGbp.slice(),
      services: entry.run.services.slice(),
      stops: entry.run.stops.slice(),
      lsoaStart: entry.run.lsoaStart.slice(),
      lsoaSchemes: entry.run.lsoaSchemes.slice(),
      areaDatasets: entry.run.areaDatasets.slice(),
      withProposed: entry.run.withProposed && {
        count: entry.run.withProposed.count.slice(),
        allocatedGbp: entry.run.withProposed.allocatedGbp.slice(),
        services: entry.run.withProposed.services.slice(),
        stops: entry.run.withProposed.stops.slice(),
      },
      problems: [...entry.run.problems],
    };
    const buffers = [run.count.buffer, run.allocatedGbp.buffer, run.services.buffer, run.stops.buffer, run.lsoaStart.buffer, run.lsoaSchemes.buffer, run.areaDatasets.buffer] as ArrayBuffer[];
    if (run.withProposed) buffers.push(...([run.withProposed.count, run.withProposed.allocatedGbp, run.withProposed.services, run.withProposed.stops].map((a) => a.buffer) as ArrayBuffer[]));
    return this.finish(id, {
      value: { kind: 'done', run, view: request.view, summary: summary.summary, withProposed: withProposed?.ok ? withProposed.summary : null },
      transfer: buffers,
    });
  }

  summarize(request: SummaryRequest): SummaryOutcome {
    const entry = this.runs.get(request.key);
    if (!entry || !this.prepared) return { kind: 'missing' };
    const summary = this.summaryOf(entry, this.prepared, request.view);
    if (!summary.ok) return { kind: 'failed', message: summary.message };
    const withProposed = entry.run.withProposed ? this.summaryOf(entry, this.prepared, request.view, true) : null;
    return { kind: 'done', view: request.view, summary: summary.summary, withProposed: withProposed?.ok ? withProposed.summary : null };
  }

  async measureNearest(request: NearestRequest, onProgress: (progress: NearestProgress) => void): Promise<NearestOutcome> {
    const { id } = request;
    this.newestMeasure = Math.max(this.newestMeasure, id);
    const isCancelled = () => this.cancelled.has(id) || id < this.newestMeasure;
    const entry = this.runs.get(request.key);
    const prepared = this.prepared;
    if (!entry || !prepared) return { kind: 'missing' };
    const todo = request.lsoas.filter((lsoa) => !entry.nearest.has(lsoa));
    const total = request.lsoas.length;
    let done = total - todo.length;
    let size = 1;
    for (let k = 0; k < todo.length; ) {
      if (isCancelled()) {
        this.cancelled.delete(id);
        return { kind: 'cancelled', measured: measuredOf(request.lsoas, entry.nearest) };
      }
      const part = todo.slice(k, k + size);
      const started = this.now();
      entry.measurer ??= nearestMeasurer(prepared.data.geometry, entry.schemes, entry.usable, prepared.areas);
      const km = entry.measurer.measure(part);
      const measured = new Float64Array(part.length * 2);
      part.forEach((lsoa, j) => {
        entry.nearest.set(lsoa, km[j]!);
        measured[j * 2] = lsoa;
        measured[j * 2 + 1] = km[j]!;
      });
      k += part.length;
      done += part.length;
      onProgress({ done, total, measured });
      size = this.nextSize(size, this.now() - started);
      await this.yieldToMessages();
    }
    this.cancelled.delete(id);
    return { kind: 'done', measured: measuredOf(request.lsoas, entry.nearest) };
  }

  /**
   * A target area's LSOAs by the rule, who lives there and what reaches it. Runs in one go (an area
   * of ~500 LSOAs takes a few tens of ms, see `npm run bench`); a newer request made meanwhile
   * wins, so an older answer is not sent after it.
   */
  async areaReport(request: AreaRequest): Promise<WithTransfer<AreaOutcome>> {
    const none: ArrayBuffer[] = [];
    this.newestArea = Math.max(this.newestArea, request.id);
    const ready = await this.prepare(() => undefined);
    if (!ready.ok) return { value: { kind: 'failed', message: ready.message }, transfer: none };
    if (request.id < this.newestArea) return { value: { kind: 'cancelled' }, transfer: none };
    const started = this.now();
    const { data } = ready.prepared;
    const deciles = decilesOf(ready.prepared, request.indicator);
    if (!deciles) return { value: { kind: 'failed', message: `The built data has no '${request.indicator}' deciles; choose another indicator.` }, transfer: none };
    const found = this.lsoasOf(request.definition, request.rule, ready.prepared);
    const entry = request.runKey === null ? undefined : this.runs.get(request.runKey);
    const counted = entry && request.includeProposed && entry.run.withProposed ? entry.run.withProposed : entry?.run;
    const stats = areaStats(found.lsoas, data.attributes.population, deciles, entry && counted ? { lsoaStart: entry.run.lsoaStart, lsoaSchemes: entry.run.lsoaSchemes, allocatedGbp: counted.allocatedGbp } : undefined);
    // Proposed schemes reach the area only in the what-if; area-wide ones left apart never do.
    if (entry) stats.schemesReaching = stats.schemesReaching.filter((s) => !entry.apart[s] && (request.includeProposed || !entry.proposed[s]));
    const schemes: AreaScheme[] = entry
      ? stats.schemesReaching
          .map((index) => ({ index, scheme: entry.schemes[index]! }))
          .sort((a, b) => (b.scheme.amountGbp ?? -1) - (a.scheme.amountGbp ?? -1) || a.scheme.name.localeCompare(b.scheme.name))
          .slice(0, AREA_SCHEMES_LISTED)
          .map(({ index, scheme }) => ({
            index,
            name: scheme.name,
            kind: scheme.kind,
            funder: scheme.funder ?? null,
            amountGbp: scheme.amountGbp ?? null,
            proposed: entry.proposed[index] === true,
          }))
      : [];
    const gaps = counted ? Uint32Array.from(gapCut(request.gaps, found.lsoas.filter((lsoa) => deciles[lsoa]! <= request.gapDecile), counted.count).lsoas) : null;
    const lsoas = Uint32Array.from(found.lsoas);
    const areaWide = entry ? areaWideSummary(entry.areaWide, found.lsoas, data.attributes.population.length) : null;
    const report = { lsoas, stats, schemes, gaps, notes: found.notes, areaWide, millis: this.now() - started };
    return { value: { kind: 'done', report }, transfer: [lsoas.buffer, ...(gaps ? [gaps.buffer] : [])] as ArrayBuffer[] };
  }

  /** The area's LSOAs under a rule, ascending; null when the data cannot be read. */
  async areaLsoas(definition: AreaDefinition, rule: CoverageRule): Promise<Uint32Array | null> {
    const ready = await this.prepare(() => undefined);
    return ready.ok ? Uint32Array.from(this.lsoasOf(definition, rule, ready.prepared).lsoas) : null;
  }

  /** What an area's export draws: its shapes, or the outlines of its LSOAs. */
  async areaPolygons(definition: AreaDefinition): Promise<LonLat[][][] | null> {
    if (definition.kind === 'shapes') return definition.polygons;
    const ready = await this.prepare(() => undefined);
    return ready.ok ? lsoaPolygons(ready.prepared.data.geometry, this.lsoasOf(definition, { kind: 'centroid' }, ready.prepared).lsoas) : null;
  }

  private lsoasOf(definition: AreaDefinition, rule: CoverageRule, prepared: Prepared): { lsoas: number[]; notes: string[] } {
    // Chosen LSOAs are the area itself (the rule does not apply); shapes' LSOAs follow the rule.
    const shapes =
      definition.kind === 'lsoas'
        ? [{ id: 'LSOAs chosen', footprint: { type: 'areas' as const, areas: definition.codes.map((code) => ({ kind: 'lsoa21' as const, code })) } }]
        : definition.polygons.map((polygon, k) => ({ id: `Shape ${k + 1}`, footprint: { type: 'polygon' as const, polygons: [polygon], bufferM: 0 } }));
    const found = lsoasOfArea(prepared.data.geometry, shapes, rule, prepared.areas);
    return { lsoas: found.lsoas, notes: found.problems.map((problem) => `${problem.id}: ${problem.reason}`) };
  }

  private finish<T>(id: number, result: T): T {
    this.cancelled.delete(id);
    return result;
  }

  /** Coverage in slices of schemes; null when cancelled. */
  private async computeRun(
    key: string,
    request: RunRequest,
    schemes: readonly Scheme[],
    proposed: boolean[],
    parts: RunEntry['parts'],
    prepared: Prepared,
    isCancelled: () => boolean,
    report: (progress: RunProgress, force?: boolean) => void,
  ): Promise<RunEntry | null> {
    const { rule } = request;
    const { geometry, attributes } = prepared.data;
    const started = this.now();
    const covered: Uint32Array[] = [];
    const problems: SchemeProblem[] = [];
    let size = 1;
    for (let k = 0; k < schemes.length; ) {
      if (isCancelled()) return null;
      const end = Math.min(schemes.length, k + size);
      const sliceStarted = this.now();
      const part = computeCoverage({
        lsoas: geometry,
        schemes: schemes.slice(k, end),
        rule,
        areas: prepared.areas,
        isCancelled,
        onProgress: (done) => report({ phase: 'coverage', done: (k + done * (end - k)) / schemes.length }),
      });
      if (part.cancelled) return null;
      covered.push(...part.covered);
      problems.push(...part.problems);
      k = end;
      report({ phase: 'coverage', done: k / schemes.length });
      size = this.nextSize(size, this.now() - sliceStarted);
      await this.yieldToMessages();
    }
    const unusable = new Set(problems.map((problem) => problem.id));
    const usable = schemes.map((scheme) => !unusable.has(scheme.id));
    // Current figures leave the proposed schemes out (the what-if counts them too), and area-wide
    // schemes unless the user counts them.
    const figures = runFigures({ schemes, covered, usable, proposed, population: attributes.population, areaWide: request.areaWide });
    const amountOf = (keep: (s: number) => boolean) => schemes.reduce((sum, scheme, s) => sum + (keep(s) ? schemeAmount(scheme) : 0), 0);
    const { lsoaStart, lsoaSchemes } = invertCovered(covered, geometry.count);
    const { current, withProposed } = figures;
    const run: CoverageRun = {
      key,
      schemesHash: request.schemesHash,
      datasets: parts.map((part) => part.hash),
      rule,
      areaWide: request.areaWide,
      count: current.count,
      allocatedGbp: current.allocatedGbp,
      services: current.services,
      stops: current.stops,
      lsoaStart,
      lsoaSchemes,
      areaDatasets: areaDatasetsOf(schemes, parts, figures.counted, lsoaStart, lsoaSchemes),
      withProposed: withProposed && { count: withProposed.count, allocatedGbp: withProposed.allocatedGbp, services: withProposed.services, stops: withProposed.stops },
      proposedSchemes: proposed.filter(Boolean).length,
      proposedAmountGbp: amountOf((s) => proposed[s] === true),
      problems,
      schemesRead: schemes.length,
      schemesUsed: usable.filter(Boolean).length,
      amountGbp: amountOf((s) => !proposed[s]),
      byKind: figures.byKind,
      byPlacement: figures.byPlacement,
      millis: this.now() - started,
    };
    // Distances are to the schemes counted now: a proposed scheme does not make a gap any nearer,
    // nor does a grant recorded only for the whole district.
    return { run, schemes, proposed, parts, usable: figures.counted, apart: figures.apart, areaWide: figures.areaWide, nearest: new Map() };
  }

  private summaryOf(entry: RunEntry, prepared: Prepared, view: SummaryView, withProposed = false) {
    const { attributes, details } = prepared.data;
    const deciles = decilesOf(prepared, view.indicator);
    const ranks = details.ranks[view.indicator];
    if (deciles === null || ranks === undefined) {
      return { ok: false as const, message: `The built data has no '${view.indicator}' deciles and ranks; choose another indicator.` };
    }
    const counted = withProposed && entry.run.withProposed ? entry.run.withProposed : entry.run;
    const summary = summarizeCoverage(
      {
        scope: view.area ? view.area.lsoas : lsoasInScope(attributes, attributes.lad, view.scope),
        population: attributes.population,
        deciles,
        ranks,
        count: counted.count,
        allocatedGbp: counted.allocatedGbp,
        services: counted.services,
        stops: counted.stops,
      },
      {
        gapDecile: view.gapDecile,
        definition: view.gaps,
        areaWide: entry.areaWide,
        nearestKm: (list) => Float64Array.from(list, (lsoa) => entry.nearest.get(lsoa) ?? NaN),
      },
    );
    return { ok: true as const, summary };
  }

  private remember(key: string, entry: RunEntry): void {
    this.runs.set(key, entry);
    while (this.runs.size > this.cacheSize) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
  }

  /** Grows or shrinks a slice so each takes about sliceMs. */
  private nextSize(size: number, elapsed: number): number {
    if (elapsed < this.sliceMs / 2) return size * 2;
    if (elapsed > this.sliceMs * 2) return Math.max(1, Math.floor(size / 2));
    return size;
  }

  /** At most one progress message per 100 ms (phase changes always go). */
  private throttled(onProgress: (progress: RunProgress) => void): (progress: RunProgress, force?: boolean) => void {
    let last = -Infinity;
    let phase: RunProgress['phase'] | null = null;
    return (progress, force = false) => {
      const now = this.now();
      if (!force && progress.phase === phase && now - last < 100) return;
      last = now;
      phase = progress.phase;
      onProgress(progress);
    };
  }
}
