// The LSOAs of a target area (drawn, or read from a file): the area's shapes are footprints, so
// the coverage rule decides which LSOAs are in, exactly as it decides which a scheme reaches
// ("intersects" takes every LSOA the area touches, "centroid" those whose representative point is
// inside, "share:p" those with at least p of their area inside).

import type { CoverageRule } from './coverage-rule';
import { computeCoverage } from './coverage';
import type { AreaResolver, SchemeProblem } from './coverage-types';
import type { LsoaGeometry } from './lsoa-geometry';
import type { Footprint } from './scheme';

export interface AreaLsoas {
  /** LSOA indices in the area, ascending. */
  lsoas: number[];
  /** Shapes that could not be used, with why (the rest still count). */
  problems: SchemeProblem[];
}

export function lsoasOfArea(
  geometry: LsoaGeometry,
  shapes: readonly { id: string; footprint: Footprint }[],
  rule: CoverageRule,
  areas: AreaResolver,
): AreaLsoas {
  const result = computeCoverage({
    lsoas: geometry,
    schemes: shapes.map((shape) => ({ id: shape.id, name: shape.id, kind: 'other', footprint: shape.footprint })),
    rule,
    areas,
  });
  const inside = new Set<number>();
  for (const list of result.covered) for (const lsoa of list) inside.add(lsoa);
  return { lsoas: [...inside].sort((a, b) => a - b), problems: result.problems };
}
