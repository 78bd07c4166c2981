// Which LSOAs each scheme reaches, under a coverage rule. The rules (see src/core/scheme.ts and
// docs/coverage.md) mean what PostGIS means by ST_DWithin(geography) / ST_Intersects / the area of
// ST_Intersection, to within 0.5% of the threshold distance or share:
// - distances are measured in each LSOA's own ellipsoidal frame (src/core/geodesy.ts);
// - shares of a point catchment use the exact area of circle ∩ polygon; shares of routes and
//   areas (buffered or not) are measured by scanlines (src/core/scanline-overlap.ts).
// Candidates come from flatbush indexes over the LSOAs and the footprint's own segments.
// One shape per file: coverage-point.ts, coverage-line.ts, coverage-polygon.ts (and the share rule
// they share, coverage-share.ts); footprint-problem.ts says which footprints cannot be used.

import type { CoverageInput, CoverageResult, SchemeProblem } from './coverage-types';
import { coverLine } from './coverage-line';
import { Marks } from './coverage-marks';
import { coverPoint } from './coverage-point';
import { coverPolygon } from './coverage-polygon';
import type { CoverageRule } from './coverage-rule';
import { footprintProblem } from './footprint-problem';
import { lsoaIndexOf, type LsoaIndex } from './lsoa-index';
import type { Footprint } from './scheme';

export function computeCoverage(input: CoverageInput): CoverageResult {
  const index = lsoaIndexOf(input.lsoas);
  const { schemes, rule } = input;
  const problems: SchemeProblem[] = [];
  const marks = new Marks(index.count);
  let cancelled = false;
  const progressEvery = Math.max(1, Math.floor(schemes.length / 100));

  for (let k = 0; k < schemes.length; k++) {
    if (input.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const scheme = schemes[k]!;
    marks.begin(k);
    const problem = footprintProblem(scheme.footprint);
    if (problem) {
      problems.push({ id: scheme.id, reason: problem });
    } else {
      const areaProblem = coverFootprint(index, scheme.footprint, rule, input, marks);
      if (areaProblem) problems.push({ id: scheme.id, reason: areaProblem });
    }
    if (k % progressEvery === 0) input.onProgress?.(k / schemes.length);
  }
  const covered = marks.lists();
  while (covered.length < schemes.length) covered.push(new Uint32Array(0));
  input.onProgress?.(1);
  const { lsoaStart, lsoaSchemes } = invertCovered(covered, index.count);
  return { rule, covered, lsoaStart, lsoaSchemes, problems, cancelled };
}

/** Per-scheme LSOA lists → per-LSOA scheme lists (compressed rows). */
export function invertCovered(covered: readonly Uint32Array[], count: number): { lsoaStart: Uint32Array; lsoaSchemes: Uint32Array } {
  const lsoaStart = new Uint32Array(count + 1);
  for (const list of covered) for (const lsoa of list) lsoaStart[lsoa + 1]!++;
  for (let i = 0; i < count; i++) lsoaStart[i + 1]! += lsoaStart[i]!;
  const cursor = lsoaStart.slice(0, count);
  const lsoaSchemes = new Uint32Array(lsoaStart[count]!);
  covered.forEach((list, scheme) => {
    for (const lsoa of list) lsoaSchemes[cursor[lsoa]!++] = scheme;
  });
  return { lsoaStart, lsoaSchemes };
}

function coverFootprint(index: LsoaIndex, footprint: Footprint, rule: CoverageRule, input: CoverageInput, marks: Marks): string | null {
  switch (footprint.type) {
    case 'point':
      coverPoint(index, footprint.point, footprint.radiusM, rule, marks);
      return null;
    case 'line':
      coverLine(index, footprint.lines, footprint.bufferM, rule, marks);
      return null;
    case 'polygon':
      coverPolygon(index, footprint.polygons, footprint.bufferM, rule, marks);
      return null;
    case 'areas': {
      const unknown: string[] = [];
      for (const { kind, code } of footprint.areas) {
        const lsoas = input.areas.lsoasOf(kind, code);
        if (!lsoas) unknown.push(`${code} (${kind})`);
        else for (const lsoa of lsoas) marks.add(lsoa);
      }
      return unknown.length > 0
        ? `not England area codes of that kind, so left out: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`
        : null;
    }
  }
}
