// The shapes the coverage analysis takes and gives. Plain data (typed arrays where large), so the
// same results pass from a worker to the UI, and from the CLI to a file.

import type { CoverageRule } from './coverage-rule';
import type { LsoaGeometry } from './lsoa-geometry';
import type { AreaCodeKind, Scheme } from './scheme';

/** Resolves area codes in `areas` footprints to LSOA indices (order of the attribute table). */
export interface AreaResolver {
  /** LSOA indices in the area, or undefined when the code is not known for that kind. */
  lsoasOf(kind: AreaCodeKind, code: string): readonly number[] | undefined;
}

export interface CoverageInput {
  lsoas: LsoaGeometry;
  schemes: readonly Scheme[];
  rule: CoverageRule;
  areas: AreaResolver;
  /** Called now and then with the share done, 0..1. */
  onProgress?: (done: number) => void;
  /** Checked between schemes: when it says so the run stops and returns `cancelled: true`. */
  isCancelled?: () => boolean;
}

export interface SchemeProblem {
  id: string;
  /** Plain English: what is wrong with the footprint and what to fix. */
  reason: string;
}

export interface CoverageResult {
  rule: CoverageRule;
  /** Per scheme (input order): the sorted LSOA indices it covers; empty for unusable schemes. */
  covered: Uint32Array[];
  /** Compressed per-LSOA lists: schemes covering LSOA i are schemeIndex[start[i] .. start[i+1]-1]. */
  lsoaStart: Uint32Array;
  lsoaSchemes: Uint32Array;
  /** Schemes whose footprint could not be used, one by one; the run goes on without them. */
  problems: SchemeProblem[];
  cancelled: boolean;
}
