// Where a polygon's edges cross one another, counted only up to a limit and within a work budget
// (geometry-budget.ts), so that a shape crossing itself millions of times is found out in
// milliseconds rather than by listing every crossing (Turf kinks makes a point feature for each).
// A sweep along x: each edge is compared with the edges whose x extents overlap it.

import { MAX_EDGE_PAIRS_CHECKED, MAX_REPAIR_CROSSINGS, SIMPLIFY_ADVICE } from './geometry-budget';
import type { LonLat } from './scheme';

export type CrossingsFound =
  /** `crossings` is exact when it is at most the limit asked for, else limit + 1; `first` is where one crossing is. */
  | { ok: true; crossings: number; first?: LonLat; corners: number }
  /** More pairs of edges to compare than the budget allows. */
  | { ok: false; corners: number };

interface Edge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Which ring, and the edge's place in it, to skip the two edges that share each corner. */
  ring: number;
  index: number;
  ringEdges: number;
}

const orientation = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** The point of edge e where x (or y, when not alongX) is `at`. */
function pointAlong(e: Edge, at: number, alongX: boolean): LonLat {
  if (alongX) return [at, e.y1 + ((at - e.x1) / (e.x2 - e.x1)) * (e.y2 - e.y1)];
  return [e.x1 + ((at - e.y1) / (e.y2 - e.y1)) * (e.x2 - e.x1), at];
}

/**
 * Where two edges cross (or run along one another for a stretch), or undefined. With `touches`,
 * also where an end of one lies on the other: two rings meeting at a corner, as Turf's union
 * leaves a rebuilt polygon's holes, which is a valid polygon but which Turf kinks lists.
 */
function meeting(a: Edge, b: Edge, touches: boolean): LonLat | undefined {
  const d1 = orientation(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d2 = orientation(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const d3 = orientation(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d4 = orientation(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) {
    const t = ((b.x1 - a.x1) * (b.y2 - b.y1) - (b.y1 - a.y1) * (b.x2 - b.x1)) / ((a.x2 - a.x1) * (b.y2 - b.y1) - (a.y2 - a.y1) * (b.x2 - b.x1));
    return [a.x1 + t * (a.x2 - a.x1), a.y1 + t * (a.y2 - a.y1)];
  }
  if (d1 === 0 && d2 === 0) {
    // On one line: they share a stretch when their extents overlap by more than a point.
    const alongX = a.maxX - a.minX >= a.maxY - a.minY;
    const low = alongX ? Math.max(a.minX, b.minX) : Math.max(a.minY, b.minY);
    const high = alongX ? Math.min(a.maxX, b.maxX) : Math.min(a.maxY, b.maxY);
    if (high > low) return pointAlong(a, low, alongX);
  }
  if (!touches) return undefined;
  const on = (x: number, y: number, e: Edge) => orientation(e.x1, e.y1, e.x2, e.y2, x, y) === 0 && x >= e.minX && x <= e.maxX && y >= e.minY && y <= e.maxY;
  if (on(b.x1, b.y1, a)) return [b.x1, b.y1];
  if (on(b.x2, b.y2, a)) return [b.x2, b.y2];
  if (on(a.x1, a.y1, b)) return [a.x1, a.y1];
  if (on(a.x2, a.y2, b)) return [a.x2, a.y2];
  return undefined;
}

const neighbours = (a: Edge, b: Edge) =>
  a.ring === b.ring && (Math.abs(a.index - b.index) === 1 || Math.abs(a.index - b.index) === a.ringEdges - 1 || a.index === b.index);

/**
 * The crossings among the edges of `rings` (closed rings, first position repeated at the end, as
 * GeoJSON writes them; every ring of every part of a shape together), up to `limit`.
 */
export function findCrossings(
  rings: readonly (readonly LonLat[])[],
  limit: number,
  { maxPairs = MAX_EDGE_PAIRS_CHECKED, touches = true }: { maxPairs?: number; touches?: boolean } = {},
): CrossingsFound {
  const edges: Edge[] = [];
  let corners = 0;
  rings.forEach((ring, r) => {
    const ringEdges = ring.length - 1;
    corners += Math.max(0, ringEdges);
    for (let i = 0; i < ringEdges; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      if (x1 === x2 && y1 === y2) continue;
      edges.push({
        x1,
        y1,
        x2,
        y2,
        minX: Math.min(x1, x2),
        maxX: Math.max(x1, x2),
        minY: Math.min(y1, y2),
        maxY: Math.max(y1, y2),
        ring: r,
        index: i,
        ringEdges,
      });
    }
  });
  edges.sort((a, b) => a.minX - b.minX);
  let active: Edge[] = [];
  let crossings = 0;
  let first: LonLat | undefined;
  let pairs = 0;
  for (const edge of edges) {
    const kept: Edge[] = [];
    for (const other of active) {
      if (other.maxX < edge.minX) continue;
      kept.push(other);
      if (++pairs > maxPairs) return { ok: false, corners };
      if (other.maxY < edge.minY || other.minY > edge.maxY || neighbours(edge, other)) continue;
      const at = meeting(edge, other, touches);
      if (at === undefined) continue;
      first ??= at;
      if (++crossings > limit) return { ok: true, crossings, first, corners };
    }
    kept.push(edge);
    active = kept;
  }
  return { ok: true, crossings, first, corners };
}

/**
 * Why these rings (every ring of a shape's parts) are past the budgets, before Turf is asked to
 * list their crossings or rebuild them, or undefined when they are within them.
 */
export function crossingBudgetProblem(rings: readonly (readonly LonLat[])[]): string | undefined {
  const found = findCrossings(rings, MAX_REPAIR_CROSSINGS);
  const corners = found.corners.toLocaleString('en-GB');
  if (!found.ok)
    return `The polygon has ${corners} corners laid out so that checking them for crossings is beyond what GapMap does for one shape. ${SIMPLIFY_ADVICE}`;
  if (found.crossings > MAX_REPAIR_CROSSINGS) {
    return `The polygon crosses itself more than ${MAX_REPAIR_CROSSINGS.toLocaleString('en-GB')} times (it has ${corners} corners), more than GapMap repairs. ${SIMPLIFY_ADVICE}`;
  }
  return undefined;
}
