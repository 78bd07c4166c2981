// Every LSOA's street-level (BGC) geometry in flat typed arrays: the analysis core's input.
// Coordinates are whole microdegrees (the source has 6 decimal places, so this is lossless). The
// data step writes it (src/data/geometry-format.ts); a worker can take the arrays as transferables.

export const MICRODEGREES = 1e6;

export interface LsoaGeometry {
  count: number;
  /** Polygons of LSOA i are polygonStart[i] .. polygonStart[i + 1] - 1. */
  polygonStart: Uint32Array;
  /** Rings of polygon p (outer first) are ringStart[p] .. ringStart[p + 1] - 1. */
  ringStart: Uint32Array;
  /** Vertices of ring r are vertexStart[r] .. vertexStart[r + 1] - 1 (closed: last = first). */
  vertexStart: Uint32Array;
  /** Longitude, latitude pairs in microdegrees. */
  coords: Int32Array;
  /** Representative point per LSOA (longitude, latitude in microdegrees). */
  points: Int32Array;
}
