// The geometry budget: a small star-shaped polygon whose edges cross one another thousands or
// millions of times (a 47 KB one hung the worker; a 10 KB one in an area file froze the page for
// 12 s) is refused at once with what to do, while shapes that cross themselves a few times are
// still repaired as before.

import { kinks, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { footprintProblem } from '../../src/core/footprint-problem';
import { MAX_REPAIR_CROSSINGS } from '../../src/core/geometry-budget';
import type { LonLat } from '../../src/core/scheme';
import { findCrossings } from '../../src/core/self-crossings';
import { readAreasFile } from '../../src/data/area-file';
import { importSchemesFile, type ImportContext } from '../../src/data/import/import-file';
import { ok } from './import-results';

const context: ImportContext = { areas: { lsoasOf: () => undefined }, defaultKind: 'grant' };
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A star of `corners` points round Trafford Park, each joined to the one almost opposite: about corners²/2 crossings. */
function star(corners: number): LonLat[] {
  const step = Math.floor(corners / 2) - 1;
  const ring: LonLat[] = [];
  for (let i = 0; i < corners; i++) {
    const angle = (2 * Math.PI * ((i * step) % corners)) / corners;
    ring.push([Number((-2.32 + 0.02 * Math.cos(angle)).toFixed(6)), Number((53.46 + 0.012 * Math.sin(angle)).toFixed(6))]);
  }
  return [...ring, ring[0]!];
}

const square: LonLat[] = [
  [-2.3, 53.45],
  [-2.29, 53.45],
  [-2.29, 53.46],
  [-2.3, 53.46],
  [-2.3, 53.45],
];

const feature = (name: string, ring: LonLat[]) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } });

const REFUSED =
  /crosses itself more than 1,000 times \(it has 2,001 corners\), more than GapMap repairs\. Simplify it in your GIS \(for example mapshaper -simplify/;

describe('a polygon crossing itself millions of times', () => {
  it('in a schemes file (47 kB): that feature is an error saying to simplify it, the others import', async () => {
    const file = bytesOf({ type: 'FeatureCollection', features: [feature('Star', star(2001)), feature('Square', square)] });
    expect(file.length).toBeGreaterThan(40_000);
    const read = ok(await importSchemesFile(file, 'areas.geojson', context));
    expect(read.schemes.map((s) => s.name)).toEqual(['Square']);
    expect(read.problems).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(REFUSED) })]);
  });

  it('in a target areas file: that area is skipped with the same reason', () => {
    const read = readAreasFile(bytesOf({ type: 'FeatureCollection', features: [feature('Star', star(2001)), feature('Square', square)] }), 'areas.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.areas.map((a) => a.name)).toEqual(['Square']);
    expect(read.notes.join(' ')).toMatch(REFUSED);
  });

  it('as a stored footprint: the coverage lists it as crossing itself, near a crossing', () => {
    expect(footprintProblem({ type: 'polygon', polygons: [[star(2001)]], bufferM: 0 })).toMatch(
      /^the polygon crosses itself \(near -2\.3\d+, 53\.4\d+\); redraw it or split it$/,
    );
  });
});

describe('counting crossings', () => {
  it('counts exactly up to the limit, as Turf kinks does for a star within the repair budget', () => {
    // A star of 47 corners crosses itself 987 times, within the budget, so it is still repaired.
    expect(kinks(polygon([star(47)])).features).toHaveLength(987);
    expect(findCrossings([star(47)], MAX_REPAIR_CROSSINGS)).toMatchObject({ ok: true, crossings: 987 });
    expect(findCrossings([star(2001)], MAX_REPAIR_CROSSINGS)).toMatchObject({ ok: true, crossings: MAX_REPAIR_CROSSINGS + 1 });
    expect(findCrossings([square], MAX_REPAIR_CROSSINGS)).toMatchObject({ ok: true, crossings: 0 });
  });

  it('a shape needing more edge comparisons than the budget is refused as too complex, not worked through', () => {
    // A comb: long teeth side by side, whose x extents all overlap; no crossings, but every pair must be compared.
    const comb: LonLat[] = [];
    for (let t = 0; t < 300; t++) comb.push([-2.4, 53.4 + t * 0.0002], [-2.2, 53.4 + t * 0.0002 + 0.0001]);
    comb.push([-2.4, 53.5], comb[0]!);
    expect(findCrossings([comb], MAX_REPAIR_CROSSINGS, { maxPairs: 10_000 })).toEqual({ ok: false, corners: 601 });
    expect(findCrossings([comb], MAX_REPAIR_CROSSINGS)).toMatchObject({ ok: true });
  });
});

describe('rings that meet at a corner', () => {
  it('a hole touching the outline at one corner (as Turf union leaves a repaired polygon) is a place the coverage counts, not a polygon crossing itself', () => {
    // Found by fuzzing: a target area repaired at import was then refused by the coverage run.
    const hole: LonLat[] = [
      [-2.3, 53.45],
      [-2.295, 53.455],
      [-2.293, 53.452],
      [-2.3, 53.45],
    ];
    expect(footprintProblem({ type: 'polygon', polygons: [[square, hole]], bufferM: 0 })).toBeNull();
    // A bow tie still crosses itself.
    const bowTie: LonLat[] = [
      [-2.3, 53.45],
      [-2.29, 53.46],
      [-2.29, 53.45],
      [-2.3, 53.46],
      [-2.3, 53.45],
    ];
    expect(footprintProblem({ type: 'polygon', polygons: [[bowTie]], bufferM: 0 })).toBe(
      'the polygon crosses itself (near -2.29500, 53.45500); redraw it or split it',
    );
  });
});
