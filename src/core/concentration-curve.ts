// The concentration curve of allocated £: LSOAs ordered from most deprived (rank 1), the cumulative
// share of people along x and the cumulative share of £ up y. It is the picture behind the
// concentration index (concentration-index.ts, docs/coverage.md): same ranking, same grouping of
// tied ranks, and C = 1 − 2 · (area under the curve). Above the diagonal (the line of equality)
// the money leans towards the more deprived LSOAs; below it, towards the less deprived.
//
// LSOAs sharing a rank form one straight segment (they share a fractional rank, so nothing orders
// them). A group with no people but some money is a vertical step.

import type { RankedArea } from './concentration-index';
import type { ConcentrationCurve } from './coverage-summary-types';

/** Points kept for the summary: every 1% of people, enough to draw and to read at 10%, 20%, … */
export const CURVE_POINTS = 101;

/**
 * The curve over `areas`, (0,0) first and (1,1) last. At most `maxPoints` points (at least 2):
 * when the full curve (one point per group of tied ranks) has more, it is read off at evenly spaced
 * shares of people, 0, 1/(maxPoints − 1), …, 1. Pass Infinity for the full curve. Null when there
 * are no people or no money to compare.
 */
export function concentrationCurve(areas: readonly RankedArea[], options: { maxPoints?: number } = {}): ConcentrationCurve | null {
  const full = fullCurve(areas);
  if (!full) return null;
  const maxPoints = Math.max(2, Math.floor(options.maxPoints ?? CURVE_POINTS));
  if (full.people.length <= maxPoints) return full;
  const people: number[] = [];
  const gbp: number[] = [];
  for (let k = 0; k < maxPoints; k++) {
    const x = k / (maxPoints - 1);
    people.push(x);
    gbp.push(curveShareAt(full, x));
  }
  return { people, gbp };
}

function fullCurve(areas: readonly RankedArea[]): ConcentrationCurve | null {
  const totalPeople = areas.reduce((sum, a) => sum + a.people, 0);
  const totalGbp = areas.reduce((sum, a) => sum + a.gbp, 0);
  if (totalPeople <= 0 || totalGbp <= 0) return null;
  const ordered = [...areas].sort((a, b) => a.rank - b.rank);
  const people = [0];
  const gbp = [0];
  let peopleSoFar = 0;
  let gbpSoFar = 0;
  for (let start = 0; start < ordered.length; ) {
    let end = start;
    while (end < ordered.length && ordered[end]!.rank === ordered[start]!.rank) {
      peopleSoFar += ordered[end]!.people;
      gbpSoFar += ordered[end]!.gbp;
      end++;
    }
    people.push(peopleSoFar / totalPeople);
    gbp.push(gbpSoFar / totalGbp);
    start = end;
  }
  // Sums taken in another order can differ in the last bit: the curve ends at (1,1) exactly.
  people[people.length - 1] = 1;
  gbp[gbp.length - 1] = 1;
  return { people, gbp };
}

/**
 * The share of £ reaching the most deprived `peopleShare` of people (0..1), read off the curve by
 * straight lines between its points. At a vertical step (money to LSOAs with no people) it takes
 * the top of the step, except at 0, which is 0.
 */
export function curveShareAt(curve: ConcentrationCurve, peopleShare: number): number {
  const { people, gbp } = curve;
  if (peopleShare <= 0) return 0;
  if (peopleShare >= 1) return 1;
  // The last point with people ≤ x (the top of any step at x).
  let lo = 0;
  let hi = people.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (people[mid]! <= peopleShare) lo = mid;
    else hi = mid - 1;
  }
  const x0 = people[lo]!;
  const y0 = gbp[lo]!;
  if (x0 === peopleShare || lo === people.length - 1) return y0;
  const x1 = people[lo + 1]!;
  const y1 = gbp[lo + 1]!;
  return y0 + ((y1 - y0) * (peopleShare - x0)) / (x1 - x0);
}

/** Area under the curve by trapezoids; the concentration index is 1 − 2 · this on the full curve. */
export function areaUnderCurve(curve: ConcentrationCurve): number {
  let area = 0;
  for (let k = 1; k < curve.people.length; k++) {
    area += ((curve.people[k]! - curve.people[k - 1]!) * (curve.gbp[k]! + curve.gbp[k - 1]!)) / 2;
  }
  return area;
}
