// The worker's coverage runs: the pipeline (src/core/coverage-pipeline.ts, the same as the CLI's)
// on the datasets' schemes, cached by schemes hash + rule + filter, so a new scope, indicator or gap
// decile only re-summarises. How the work is scheduled is the worker's own, never what is computed:
// coverage runs in slices of schemes with a yield between them, so a cancel message can arrive (a
// worker handles messages only between tasks) and progress can be posted.

import { computeCoverageRun, summarizeRun, type CoverageRunResult } from '../core/coverage-pipeline';
import type { Scheme } from '../core/scheme';
import { isNoFilter, matchesFilter, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import { lsoasInScope } from '../core/scope-lsoas';
import type { CoverageRun, RunOutcome, RunProgress, RunRequest, SummaryOutcome, SummaryRequest, SummaryView } from '../contract';
import { datasetIndexOf, decilesOf, runKey, type Engine, type Prepared, type RunEntry } from './engine';
import { handOver } from './transfer';

/** The schemes of these datasets that pass the filter, one after another, with where each dataset starts. */
async function schemesOf(
  engine: Engine,
  hashes: readonly string[],
  filter: SchemeFilter = NO_FILTER,
  proposedDatasets: readonly string[] = [],
): Promise<{ ok: true; schemes: Scheme[]; proposed: boolean[]; parts: RunEntry['parts'] } | { ok: false; missing: string }> {
  const schemes: Scheme[] = [];
  const proposed: boolean[] = [];
  const parts: RunEntry['parts'] = [];
  const all = isNoFilter(filter);
  for (const hash of hashes) {
    const set = await engine.store.get(hash);
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

/** Per LSOA, the dataset (its position among those shown, + 1; 0: none) of the first counted scheme naming areas that reaches it. */
function areaDatasetsOf(
  schemes: readonly Scheme[],
  parts: RunEntry['parts'],
  counted: readonly boolean[],
  lsoaStart: Uint32Array,
  lsoaSchemes: Uint32Array,
): Uint16Array {
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

/** What the worker keeps of a computed run. */
function entryOf(
  key: string,
  request: RunRequest,
  held: Pick<RunEntry, 'schemes' | 'proposed' | 'parts'>,
  computed: CoverageRunResult,
  millis: number,
): RunEntry {
  const { schemes, parts } = held;
  const { figures, totals } = computed;
  const { lsoaStart, lsoaSchemes, problems } = computed.coverage;
  const { current, withProposed } = figures;
  const run: CoverageRun = {
    key,
    schemesHash: request.schemesHash,
    datasets: parts.map((part) => part.hash),
    rule: request.rule,
    areaWide: request.areaWide,
    count: current.count,
    allocatedGbp: current.allocatedGbp,
    services: current.services,
    stops: current.stops,
    lsoaStart,
    lsoaSchemes,
    areaDatasets: areaDatasetsOf(schemes, parts, figures.counted, lsoaStart, lsoaSchemes),
    withProposed: withProposed && {
      count: withProposed.count,
      allocatedGbp: withProposed.allocatedGbp,
      services: withProposed.services,
      stops: withProposed.stops,
    },
    proposedSchemes: totals.proposed,
    proposedAmountGbp: totals.proposedAmountGbp,
    problems,
    schemesRead: totals.read,
    schemesUsed: totals.used,
    amountGbp: totals.amountGbp,
    byKind: figures.byKind,
    byPlacement: figures.byPlacement,
    millis,
  };
  return { ...held, run, figures, nearest: new Map() };
}

/** A copy of a cached run for the caller, its buffers handed over (the cache keeps its own). */
function copyForCaller(cached: CoverageRun): { run: CoverageRun; buffers: ArrayBuffer[] } {
  const run: CoverageRun = {
    ...cached,
    count: cached.count.slice(),
    allocatedGbp: cached.allocatedGbp.slice(),
    services: cached.services.slice(),
    stops: cached.stops.slice(),
    lsoaStart: cached.lsoaStart.slice(),
    lsoaSchemes: cached.lsoaSchemes.slice(),
    areaDatasets: cached.areaDatasets.slice(),
    withProposed: cached.withProposed && {
      count: cached.withProposed.count.slice(),
      allocatedGbp: cached.withProposed.allocatedGbp.slice(),
      services: cached.withProposed.services.slice(),
      stops: cached.withProposed.stops.slice(),
    },
    problems: [...cached.problems],
  };
  const arrays = [run.count, run.allocatedGbp, run.services, run.stops, run.lsoaStart, run.lsoaSchemes, run.areaDatasets];
  if (run.withProposed) arrays.push(run.withProposed.count, run.withProposed.allocatedGbp, run.withProposed.services, run.withProposed.stops);
  return { run, buffers: arrays.map((array) => array.buffer as ArrayBuffer) };
}

/** A view's summary of a cached run, current or with the proposed schemes. */
export function summaryOf(entry: RunEntry, prepared: Prepared, view: SummaryView, withProposed = false) {
  const { attributes, details } = prepared.data;
  const deciles = decilesOf(prepared, view.indicator);
  const ranks = details.ranks[view.indicator];
  if (deciles === null || ranks === undefined) {
    return { ok: false as const, message: `The built data has no '${view.indicator}' deciles and ranks; choose another indicator.` };
  }
  const summary = summarizeRun(
    entry.figures,
    { scope: view.area ? view.area.lsoas : lsoasInScope(attributes, attributes.lad, view.scope), population: attributes.population, deciles, ranks },
    // Gaps not measured yet carry NaN (measureNearest fills them in).
    { gapDecile: view.gapDecile, definition: view.gaps, nearestKm: (list) => Float64Array.from(list, (lsoa) => entry.nearest.get(lsoa) ?? NaN), withProposed },
  );
  return { ok: true as const, summary };
}

/** Both summaries of a view: current, and with the proposed schemes when the run has any. */
function summariesOf(entry: RunEntry, prepared: Prepared, view: SummaryView): Exclude<SummaryOutcome, { kind: 'missing' }> {
  const summary = summaryOf(entry, prepared, view);
  if (!summary.ok) return { kind: 'failed', message: summary.message };
  const withProposed = entry.run.withProposed ? summaryOf(entry, prepared, view, true) : null;
  return { kind: 'done', view, summary: summary.summary, withProposed: withProposed?.ok ? withProposed.summary : null };
}

/** At most one progress message per 100 ms (phase changes always go). */
function throttled(now: () => number, onProgress: (progress: RunProgress) => void): (progress: RunProgress, force?: boolean) => void {
  let last = -Infinity;
  let phase: RunProgress['phase'] | null = null;
  return (progress, force = false) => {
    const time = now();
    if (!force && progress.phase === phase && time - last < 100) return;
    last = time;
    phase = progress.phase;
    onProgress(progress);
  };
}

export function runCalls(engine: Engine) {
  return {
    /** Runs coverage (or takes the cached run) and summarises it for the view; a newer run cancels an older one still going. */
    async run(request: RunRequest, onProgress: (progress: RunProgress) => void): Promise<RunOutcome> {
      const ticket = engine.requests.begin('run', request.id);
      try {
        const report = throttled(engine.now, onProgress);
        if (!engine.prepared()) report({ phase: 'preparing', done: null }, true);
        const ready = await engine.prepare((done) => report({ phase: 'preparing', done }));
        if (!ready.ok) return { kind: 'failed', message: ready.message };
        if (ticket.isCancelled()) return { kind: 'cancelled' };
        const { prepared } = ready;
        const key = runKey(request.schemesHash, request.rule, request.filter, request.areaWide);
        let entry = engine.runs.get(key);
        if (!entry) {
          const held = await schemesOf(engine, request.datasets, request.filter, request.proposedDatasets);
          if (!held.ok) {
            return {
              kind: 'failed',
              message:
                'The schemes of a dataset are missing from this browser’s storage (it may have been cleared). Delete that dataset and import its file again.',
            };
          }
          report({ phase: 'coverage', done: 0 }, true);
          const started = engine.now();
          const computed = await computeCoverageRun(
            {
              lsoas: prepared.data.geometry,
              areas: prepared.areas,
              population: prepared.data.attributes.population,
              schemes: held.schemes,
              proposed: held.proposed,
              rule: request.rule,
              areaWide: request.areaWide,
            },
            {
              isCancelled: ticket.isCancelled,
              onProgress: (done) => report({ phase: 'coverage', done }),
              pause: engine.yieldToMessages,
              sliceMs: engine.sliceMs,
              now: engine.now,
            },
          );
          if (!computed) return { kind: 'cancelled' };
          entry = entryOf(key, request, held, computed, engine.now() - started);
        }
        engine.remember(key, entry); // Most recently used last.
        report({ phase: 'summary', done: null }, true);
        const summaries = summariesOf(entry, prepared, request.view);
        if (summaries.kind !== 'done') return summaries;
        const { run, buffers } = copyForCaller(entry.run);
        return handOver({ kind: 'done', run, view: request.view, summary: summaries.summary, withProposed: summaries.withProposed }, buffers);
      } finally {
        ticket.end();
      }
    },

    /** The cached run's summaries for another view (missing: the worker no longer holds the run; run again). */
    summarize(request: SummaryRequest): SummaryOutcome {
      const entry = engine.runs.get(request.key);
      const prepared = engine.prepared();
      if (!entry || !prepared) return { kind: 'missing' };
      return summariesOf(entry, prepared, request.view);
    },

    /** Stops the run or measurement with this id at its next check. */
    cancel(id: number): void {
      engine.requests.cancel(id);
    },
  };
}
