// The coverage pipeline, the one sequence the worker and the CLI (`gapmap coverage`) both run, so
// the app and the command line agree exactly:
//   computeCoverageRun: computeCoverage (in slices of schemes) → usable = schemes without a core
//     problem → runFigures (which schemes count, allocation by population, reach levels,
//     area-wide schemes) → the totals read, used and £;
//   summarizeRun (per view: scope, indicator, gap decile and definition): summarizeCoverage over
//     the current figures, or those with the proposed schemes (the what-if).
// The worker caches the first step per run and takes the second per view; the CLI takes both once.
// Slicing changes only how the work is scheduled, never what is computed: each scheme's LSOAs do
// not depend on the others.

import { schemeAmount } from './allocate';
import { computeCoverage, invertCovered } from './coverage';
import type { CoverageRule } from './coverage-rule';
import type { CoverageSummary } from './coverage-summary-types';
import type { AreaResolver, CoverageResult } from './coverage-types';
import type { GapDefinition } from './gap-definition';
import type { LsoaGeometry } from './lsoa-geometry';
import type { AreaWideMode } from './placement';
import { runFigures, type RunFigures } from './run-figures';
import type { Scheme } from './scheme';
import { summarizeCoverage } from './summary';

export interface CoverageRunInput {
  lsoas: LsoaGeometry;
  areas: AreaResolver;
  /** Per LSOA: its population (the allocation's weights). */
  population: ArrayLike<number>;
  schemes: readonly Scheme[];
  /** Per scheme: proposed (kept out of the current figures). Absent: none is. */
  proposed?: readonly boolean[];
  rule: CoverageRule;
  /** Area-wide schemes: apart, or counted as reaching all of their area. */
  areaWide: AreaWideMode;
}

export interface CoverageRunHooks {
  /** Share of the coverage done, 0..1. */
  onProgress?: (done: number) => void;
  /** Checked between schemes: when it says so the run stops and gives null. */
  isCancelled?: () => boolean;
  /**
   * Awaited between slices of schemes (the worker lets queued messages, a cancel, in there: a
   * worker handles messages only between tasks). Absent: all the schemes in one slice.
   */
  pause?: () => Promise<void>;
  /** Target time for one slice between pauses (60 ms by default). */
  sliceMs?: number;
  now?: () => number;
}

export interface CoverageRunResult {
  /** Per scheme its LSOAs, per LSOA its schemes, and the schemes whose footprint could not be used. */
  coverage: Pick<CoverageResult, 'covered' | 'lsoaStart' | 'lsoaSchemes' | 'problems'>;
  /** Per scheme: the core could use its footprint. */
  usable: boolean[];
  figures: RunFigures;
  totals: {
    /** Schemes read, and those whose footprint could be used. */
    read: number;
    used: number;
    /** Sum of the usable amounts of the schemes not proposed (£). */
    amountGbp: number;
    /** Schemes proposed, and the sum of their amounts (£). */
    proposed: number;
    proposedAmountGbp: number;
  };
}

/** Grows or shrinks a slice of work so each takes about sliceMs. */
export function nextSliceSize(size: number, elapsedMs: number, sliceMs: number): number {
  if (elapsedMs < sliceMs / 2) return size * 2;
  if (elapsedMs > sliceMs * 2) return Math.max(1, Math.floor(size / 2));
  return size;
}

/** Which LSOAs the schemes reach and what that makes per LSOA; null when cancelled. */
export async function computeCoverageRun(input: CoverageRunInput, hooks: CoverageRunHooks = {}): Promise<CoverageRunResult | null> {
  const { schemes, rule, areas } = input;
  const proposed = input.proposed ?? [];
  const { pause, isCancelled } = hooks;
  const now = hooks.now ?? (() => performance.now());
  const sliceMs = hooks.sliceMs ?? 60;
  const covered: Uint32Array[] = [];
  const problems: CoverageResult['problems'] = [];
  let size = pause ? 1 : schemes.length;
  for (let k = 0; k < schemes.length; ) {
    if (isCancelled?.()) return null;
    const end = Math.min(schemes.length, k + size);
    const started = now();
    const part = computeCoverage({
      lsoas: input.lsoas,
      schemes: schemes.slice(k, end),
      rule,
      areas,
      ...(isCancelled ? { isCancelled } : {}),
      onProgress: (done) => hooks.onProgress?.((k + done * (end - k)) / schemes.length),
    });
    if (part.cancelled) return null;
    covered.push(...part.covered);
    problems.push(...part.problems);
    k = end;
    if (!pause) continue;
    hooks.onProgress?.(k / schemes.length);
    size = nextSliceSize(size, now() - started, sliceMs);
    await pause();
  }
  const unusable = new Set(problems.map((problem) => problem.id));
  const usable = schemes.map((scheme) => !unusable.has(scheme.id));
  // Current figures leave the proposed schemes out (the what-if counts them too), and area-wide
  // schemes unless the user counts them.
  const figures = runFigures({ schemes, covered, usable, proposed, population: input.population, areaWide: input.areaWide });
  const amountOf = (keep: (s: number) => boolean) => schemes.reduce((sum, scheme, s) => sum + (keep(s) ? schemeAmount(scheme) : 0), 0);
  const { lsoaStart, lsoaSchemes } = invertCovered(covered, input.lsoas.count);
  return {
    coverage: { covered, lsoaStart, lsoaSchemes, problems },
    usable,
    figures,
    totals: {
      read: schemes.length,
      used: usable.filter(Boolean).length,
      amountGbp: amountOf((s) => proposed[s] !== true),
      proposed: proposed.filter(Boolean).length,
      proposedAmountGbp: amountOf((s) => proposed[s] === true),
    },
  };
}

/** The LSOAs a summary is taken over and what it reads of them. */
export interface SummaryLsoas {
  /** LSOA indices in the scope (or the target area). */
  scope: readonly number[];
  population: ArrayLike<number>;
  /** Per LSOA: the indicator's decile 1..10, and its rank (1 = most deprived). */
  deciles: ArrayLike<number>;
  ranks: ArrayLike<number>;
}

export interface SummaryOptions {
  /** Deciles 1..gapDecile count as most deprived. */
  gapDecile: number;
  /** Which deprived LSOAs are gaps. */
  definition: GapDefinition;
  /** Km from each gap to the nearest counted footprint (the CLI measures them; the worker gives those measured so far). */
  nearestKm: (lsoas: readonly number[]) => ArrayLike<number>;
  /** Summarise the figures with the proposed schemes (when there are any). */
  withProposed?: boolean;
}

/** One view's summary of a run's figures. */
export function summarizeRun(
  figures: Pick<RunFigures, 'current' | 'withProposed' | 'areaWide'>,
  lsoas: SummaryLsoas,
  options: SummaryOptions,
): CoverageSummary {
  const reach = options.withProposed && figures.withProposed ? figures.withProposed : figures.current;
  return summarizeCoverage(
    {
      scope: lsoas.scope,
      population: lsoas.population,
      deciles: lsoas.deciles,
      ranks: lsoas.ranks,
      count: reach.count,
      allocatedGbp: reach.allocatedGbp,
      services: reach.services,
      stops: reach.stops,
    },
    { gapDecile: options.gapDecile, definition: options.definition, areaWide: figures.areaWide, nearestKm: options.nearestKm },
  );
}
