// How much geometry work one shape may ask for, in one place. A small file can hold a shape whose
// work grows with the square of its size: a 47 KB star-shaped ring of 2,000 corners crosses itself
// about two million times, and rebuilding it at its crossings (Turf union) never returned, so the
// worker hung and every later import waited behind it. Shapes past these budgets are refused with
// what to do, before the work starts.

/**
 * Self-crossings GapMap rebuilds a polygon at (Turf union). Hand-drawn and digitised shapes cross
 * themselves a handful of times; union took 0.5 s at 5,000 crossings and 33 s at 80,000.
 */
export const MAX_REPAIR_CROSSINGS = 1000;

/**
 * Pairs of edges compared while looking for crossings (self-crossings.ts), beyond which a shape
 * is refused as too complex to check: edges are compared only where their extents overlap, so a
 * real boundary of 100,000 corners needs a few million; one that needs more is pathological.
 */
export const MAX_EDGE_PAIRS_CHECKED = 50_000_000;

/** What to tell the user to do with a shape past a budget. */
export const SIMPLIFY_ADVICE =
  'Simplify it in your GIS (for example mapshaper -simplify 10%, or QGIS Simplify) or redraw it so no edges cross, and import again.';
