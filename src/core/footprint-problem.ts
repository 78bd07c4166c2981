// Why a scheme's footprint cannot be used by the coverage core (a coordinate off the globe, a ring
// not closed, a polygon crossing itself, a place outside England or a shape drawn across the
// antimeridian, …), in plain English; null when it can.

import { area, multiPolygon } from '@turf/turf';
import { boxMeetsEngland, outsideEnglandReason } from './england-box';
import { findCrossings } from './self-crossings';
import type { Footprint, LonLat } from './scheme';

/**
 * Where one polygon (its rings) crosses itself, as a problem, or null; found within the geometry
 * budget. Rings that only meet at a corner (a hole touching the outline, as Turf's union leaves a
 * repaired polygon) do not cross: counting them, as Turf kinks does, refused repaired areas.
 */
function firstCrossing(rings: readonly LonLat[][]): string | null {
  const found = findCrossings(rings, 0, { touches: false });
  if (!found.ok) return `the polygon has ${found.corners.toLocaleString('en-GB')} corners, too many in too little room to check for crossings; simplify it`;
  if (found.crossings === 0) return null;
  const [x, y] = found.first!;
  return `the polygon crosses itself (near ${x.toFixed(5)}, ${y.toFixed(5)}); redraw it or split it`;
}

function validLonLat([lon, lat]: LonLat): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return `a coordinate is not a number (${lon}, ${lat})`;
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside −180…180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside −90…90`;
  return null;
}

/** A line from one vertex to the next that spans more than half the globe: the shape was drawn across the antimeridian. */
function antimeridianProblem(points: readonly LonLat[]): string | null {
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]![0];
    const to = points[i]![0];
    if (Math.abs(to - from) > 180) return `it crosses the antimeridian (longitude ${from} to ${to}), so it cannot be a place in England`;
  }
  return null;
}

/** Why a route or area wholly outside England's box cannot reach an LSOA (wrong coordinates, or abroad). */
function outsideProblem(lines: readonly (readonly LonLat[])[]): string | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const line of lines) {
    for (const [lon, lat] of line) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  if (boxMeetsEngland(west, south, east, north)) return null;
  return outsideEnglandReason([(west + east) / 2, (south + north) / 2]);
}

function validDistance(metres: number, what: string): string | null {
  return Number.isFinite(metres) && metres >= 0 ? null : `the ${what} ${metres} m is not a distance (0 or more metres)`;
}

/** Why a footprint cannot be used, or null. */
export function footprintProblem(footprint: Footprint): string | null {
  switch (footprint.type) {
    case 'point':
      return validLonLat(footprint.point) ?? outsideEnglandReason(footprint.point) ?? validDistance(footprint.radiusM, 'catchment radius');
    case 'line': {
      if (footprint.lines.length === 0) return 'the route has no lines';
      for (const line of footprint.lines) {
        if (line.length < 2) return `a route line has ${line.length} point${line.length === 1 ? '' : 's'}; a line needs at least 2`;
        for (const point of line) {
          const bad = validLonLat(point);
          if (bad) return bad;
        }
        const across = antimeridianProblem(line);
        if (across) return across;
      }
      return outsideProblem(footprint.lines) ?? validDistance(footprint.bufferM, 'buffer');
    }
    case 'polygon': {
      if (footprint.polygons.length === 0) return 'the area has no polygons';
      for (const rings of footprint.polygons) {
        if (rings.length === 0) return 'a polygon has no rings';
        for (const ring of rings) {
          if (ring.length < 4) return `a polygon ring has ${ring.length} points; a closed ring needs at least 4`;
          for (const point of ring) {
            const bad = validLonLat(point);
            if (bad) return bad;
          }
          const across = antimeridianProblem(ring);
          if (across) return across;
          const [fx, fy] = ring[0]!;
          const [lx, ly] = ring[ring.length - 1]!;
          if (fx !== lx || fy !== ly) return `a polygon ring is not closed: it starts at (${fx}, ${fy}) but ends at (${lx}, ${ly})`;
        }
      }
      // Each part on its own: parts of a multipolygon may meet at a corner without crossing.
      for (const rings of footprint.polygons) {
        const crossing = firstCrossing(rings);
        if (crossing) return crossing;
      }
      const outside = outsideProblem(footprint.polygons.map((rings) => rings[0]!));
      if (outside) return outside;
      if (area(multiPolygon(footprint.polygons as LonLat[][][])) <= 0) return 'the polygon has no area';
      return validDistance(footprint.bufferM, 'buffer');
    }
    case 'areas':
      return footprint.areas.length === 0 ? 'the scheme names no areas' : null;
  }
}
