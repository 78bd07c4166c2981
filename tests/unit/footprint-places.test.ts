// Footprints that cannot be places in England are problems with a reason, never counted: before
// this, a polygon drawn across the antimeridian (longitudes -179 → 179) spanned the globe and
// "reached" 15,879 English LSOAs, and a point at 0,0 or with latitude and longitude swapped was
// accepted without a word.

import { describe, expect, it } from 'vitest';
import { footprintProblem } from '../../src/core/footprint-problem';
import type { Footprint, LonLat } from '../../src/core/scheme';

const point = (lon: number, lat: number): Footprint => ({ type: 'point', point: [lon, lat], radiusM: 400 });
const square = (west: number, south: number, size: number): LonLat[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

describe('footprints outside England', () => {
  it('accepts places in England, from Scilly to Berwick and Lowestoft', () => {
    for (const [lon, lat] of [
      [-6.31, 49.91],
      [-2.0, 55.77],
      [1.75, 52.47],
      [-2.3205, 53.4455],
    ] as const) {
      expect(footprintProblem(point(lon, lat))).toBeNull();
    }
    expect(footprintProblem({ type: 'polygon', polygons: [[square(-2.33, 53.44, 0.01)]], bufferM: 0 })).toBeNull();
    expect(footprintProblem({ type: 'line', lines: [square(-2.33, 53.44, 0.01)], bufferM: 400 })).toBeNull();
  });

  it('says latitude and longitude look swapped when swapping them lands in England', () => {
    expect(footprintProblem(point(53.4455, -2.3205))).toBe(
      'latitude -2.3205 and longitude 53.4455 look swapped (England is at latitude 50–56, longitude −6.5–1.8)',
    );
  });

  it('says a point at 0,0 or abroad is outside England', () => {
    expect(footprintProblem(point(0, 0))).toBe('latitude 0, longitude 0 is outside England');
    expect(footprintProblem(point(2.3522, 48.8566))).toBe('latitude 48.8566, longitude 2.3522 is outside England');
    expect(footprintProblem(point(-3.19, 55.95))).toBe('latitude 55.95, longitude -3.19 is outside England');
  });

  it('refuses a shape drawn across the antimeridian, and a route or area wholly abroad', () => {
    const across: LonLat[] = [
      [179, 51],
      [-179, 51],
      [-179, 53],
      [179, 53],
      [179, 51],
    ];
    expect(footprintProblem({ type: 'polygon', polygons: [[across]], bufferM: 0 })).toBe(
      'it crosses the antimeridian (longitude 179 to -179), so it cannot be a place in England',
    );
    expect(footprintProblem({ type: 'line', lines: [across.slice(0, 2)], bufferM: 400 })).toMatch(/crosses the antimeridian/);
    expect(footprintProblem({ type: 'polygon', polygons: [[square(2.3, 48.8, 0.05)]], bufferM: 0 })).toMatch(/is outside England$/);
    expect(footprintProblem({ type: 'line', lines: [square(2.3, 48.8, 0.05)], bufferM: 400 })).toMatch(/is outside England$/);
  });
});
