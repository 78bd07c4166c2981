// One GeoJSON geometry → the point, lines or polygons of a scheme footprint, checked: every
// position a finite WGS84 longitude/latitude, no empty parts, lines of 2+ positions, rings closed
// with 3+ distinct corners. A self-intersecting polygon is repaired (Turf `union` of the polygon
// with itself, which rebuilds the rings at their crossings) and the repair is reported.

import { featureCollection, kinks, multiPolygon, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { crossingBudgetProblem } from '../core/self-crossings';
import type { LonLat } from '../core/scheme';
import { showValue } from './show-value';

export type Shape = { type: 'point'; point: LonLat } | { type: 'line'; lines: LonLat[][] } | { type: 'polygon'; polygons: LonLat[][][] };

/** `repairs`: what was changed to make the footprint usable, in plain English. */
export type ShapeRead = { ok: true; shape: Shape; repairs: string[] } | { ok: false; reason: string };

const fail = (reason: string): ShapeRead => ({ ok: false, reason });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = showValue;

/** All-big coordinates are metres, almost always British National Grid. */
const looksLikeGrid = (x: number, y: number) => Math.abs(x) > 1000 && Math.abs(y) > 1000;

class PositionError extends Error {}

/** Reads [lon, lat(, …)], or throws a PositionError saying what is wrong with it. */
function position(value: unknown, where: string): LonLat {
  if (!Array.isArray(value) || value.length < 2) {
    throw new PositionError(`${where} is not a [longitude, latitude] pair (found ${show(value)}).`);
  }
  const [lon, lat] = value as unknown[];
  for (const [name, v] of [
    ['longitude', lon],
    ['latitude', lat],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PositionError(`${where} has a ${name} that is not a number (${show(v)}).`);
    }
  }
  const x = lon as number;
  const y = lat as number;
  if (x < -180 || x > 180 || y < -90 || y > 90) {
    const which = x < -180 || x > 180 ? `longitude ${x}, outside -180..180` : `latitude ${y}, outside -90..90`;
    const hint = looksLikeGrid(x, y)
      ? ' These look like British National Grid metres (EPSG:27700): re-export the file as WGS84 longitude/latitude (EPSG:4326).'
      : '';
    throw new PositionError(`${where} [${x}, ${y}] has ${which}.${hint}`);
  }
  return [x, y];
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new PositionError(`${what} should be a list of positions (found ${show(value)}).`);
  return value;
}

function readLine(value: unknown, where: string): LonLat[] {
  const positions = list(value, where).map((p, k) => position(p, `${where}, position ${k + 1}`));
  if (positions.length === 0) throw new PositionError(`${where} is empty.`);
  if (positions.length < 2) throw new PositionError(`${where} has only 1 position; a line needs at least 2.`);
  return positions;
}

const samePosition = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

function readRing(value: unknown, where: string): LonLat[] {
  const positions = list(value, where).map((p, k) => position(p, `${where}, position ${k + 1}`));
  if (positions.length === 0) throw new PositionError(`${where} is empty.`);
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (positions.length > 1 && !samePosition(first, last)) {
    throw new PositionError(
      `${where} is not closed: it starts at [${first.join(', ')}] and ends at [${last.join(', ')}]; the last position must repeat the first.`,
    );
  }
  // Repeated consecutive positions are harmless (digitising often leaves them); drop them.
  const distinct = positions.filter((p, k) => k === 0 || !samePosition(p, positions[k - 1]!));
  if (distinct.length < 4) {
    const corners = Math.max(0, distinct.length - 1);
    throw new PositionError(
      `${where} has ${corners === 0 ? 'a single position' : `only ${corners} distinct corner${corners === 1 ? '' : 's'}`}; a ring needs at least 3 (and the first repeated at the end).`,
    );
  }
  return distinct;
}

function readPolygon(value: unknown, where: string): LonLat[][] {
  const rings = list(value, where);
  if (rings.length === 0) throw new PositionError(`${where} has no rings.`);
  return rings.map((ring, r) => readRing(ring, `${where}, ring ${r + 1}${r === 0 ? ' (outer)' : ' (hole)'}`));
}

/** Shoelace area in square degrees: only its being zero matters here. */
function ringArea(ring: readonly LonLat[]): number {
  let twice = 0;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) twice += (ring[j]![0] - ring[k]![0]) * (ring[j]![1] + ring[k]![1]);
  return Math.abs(twice / 2);
}

/** Rebuilds self-intersecting polygons; says what it did, or why it could not. */
function repairCrossings(polygons: LonLat[][][]): { polygons: LonLat[][][]; repair?: string } | { reason: string } {
  const budget = crossingBudgetProblem(polygons.flat());
  if (budget !== undefined) return { reason: budget };
  const feature: Feature<Polygon | MultiPolygon> = polygons.length === 1 ? turfPolygon(polygons[0]!) : multiPolygon(polygons);
  const crossings = kinks(feature).features.length;
  if (crossings === 0) {
    const flat = polygons.findIndex((rings) => ringArea(rings[0]!) === 0);
    if (flat >= 0) {
      const which = polygons.length === 1 ? 'The polygon' : `Polygon ${flat + 1}`;
      return { reason: `${which} encloses no area: all its corners lie on one line.` };
    }
    return { polygons };
  }
  let repaired: Feature<Polygon | MultiPolygon> | null;
  try {
    repaired = union(featureCollection([feature, feature]));
  } catch (error) {
    return {
      reason: `The polygon crosses itself (${crossings} crossing${crossings === 1 ? '' : 's'}) and could not be repaired (${error instanceof Error ? error.message : String(error)}). Redraw it so no edges cross.`,
    };
  }
  const geometry = repaired?.geometry;
  const rebuilt = !geometry ? [] : geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (rebuilt.length === 0) {
    return {
      reason: `The polygon crosses itself (${crossings} crossing${crossings === 1 ? '' : 's'}) and encloses no area once repaired. Redraw it so no edges cross.`,
    };
  }
  return {
    polygons: rebuilt.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x!, y!] as LonLat))),
    repair:
      `The polygon crossed itself (${crossings} crossing${crossings === 1 ? '' : 's'}); it was repaired by rebuilding its outline at the crossings ` +
      `(now ${rebuilt.length} part${rebuilt.length === 1 ? '' : 's'}). Check the result on the map.`,
  };
}

export function readGeoJsonShape(geometry: unknown): ShapeRead {
  if (geometry === null || geometry === undefined) return fail('It has no geometry.');
  if (!isObject(geometry)) return fail(`Its geometry is not a GeoJSON geometry object (found ${show(geometry)}).`);
  const { type, coordinates } = geometry;
  const isEmpty = Array.isArray(coordinates) && coordinates.length === 0;
  try {
    switch (type) {
      case 'Point': {
        if (isEmpty) return fail('Its geometry is empty (a Point with no coordinates).');
        return { ok: true, shape: { type: 'point', point: position(coordinates, 'The point') }, repairs: [] };
      }
      case 'MultiPoint': {
        const points = list(coordinates, 'The MultiPoint');
        if (points.length === 0) return fail('Its geometry is empty (a MultiPoint with no points).');
        if (points.length > 1) {
          return fail(
            `It is a MultiPoint of ${points.length} points; a scheme has one point. Split it into one feature per point ` +
              '(each with its own share of amount_gbp), or draw the area it serves as a polygon.',
          );
        }
        return { ok: true, shape: { type: 'point', point: position(points[0], 'The point') }, repairs: [] };
      }
      case 'LineString': {
        if (isEmpty) return fail('Its geometry is empty (a LineString with no positions).');
        return { ok: true, shape: { type: 'line', lines: [readLine(coordinates, 'The line')] }, repairs: [] };
      }
      case 'MultiLineString': {
        const lines = list(coordinates, 'The MultiLineString');
        if (lines.length === 0) return fail('Its geometry is empty (a MultiLineString with no lines).');
        return { ok: true, shape: { type: 'line', lines: lines.map((line, k) => readLine(line, `Line ${k + 1}`)) }, repairs: [] };
      }
      case 'Polygon':
      case 'MultiPolygon': {
        if (isEmpty) return fail(`Its geometry is empty (a ${type} with no ${type === 'Polygon' ? 'rings' : 'polygons'}).`);
        const polygons =
          type === 'Polygon'
            ? [readPolygon(coordinates, 'The polygon')]
            : list(coordinates, 'The MultiPolygon').map((p, k) => readPolygon(p, `Polygon ${k + 1}`));
        const checked = repairCrossings(polygons);
        if ('reason' in checked) return fail(checked.reason);
        return { ok: true, shape: { type: 'polygon', polygons: checked.polygons }, repairs: checked.repair ? [checked.repair] : [] };
      }
      case 'GeometryCollection':
        return fail('It is a GeometryCollection; give each part its own feature (a scheme has one point, line or polygon footprint).');
      default:
        return fail(`Its geometry type ${show(type)} is not a GeoJSON geometry type.`);
    }
  } catch (error) {
    if (error instanceof PositionError) return fail(error.message);
    throw error;
  }
}
