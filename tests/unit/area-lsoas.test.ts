// A target area's LSOAs follow the coverage rule: an area drawn as the outlines of Trafford's
// LSOAs (the BGC polygons, codes left out, so it is read as shapes) holds exactly Trafford's LSOAs
// by every rule (neighbours only touch it), and grown by a buffer it reaches into them.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lsoasOfArea } from '../../src/core/area-lsoas';
import type { Footprint, LonLat } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { builtData, hasBuiltData, sharedRoot, TRAFFORD } from './built-data';

const file = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', `${TRAFFORD}.geojson`);

describe.skipIf(!hasBuiltData || !fs.existsSync(file))('LSOAs of a target area', () => {
  it('Trafford drawn as its LSOAs’ outlines: its 139 LSOAs by every rule; more once grown', async () => {
    const data = await builtData();
    const areas = buildAreaResolver(data.attributes, data.details, data.lookups);
    const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
    const shapes = collection.features.map((feature, k) => {
      const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as LonLat[][][];
      const footprint: Footprint = { type: 'polygon', polygons, bufferM: 0 };
      return { id: `outline ${k + 1}`, footprint };
    });
    const inTrafford = data.attributes.codes.map((_, i) => i).filter((i) => data.attributes.lads[data.attributes.lad[i]!]?.code === TRAFFORD);
    expect(inTrafford).toHaveLength(139);
    const byCentroid = lsoasOfArea(data.geometry, shapes, { kind: 'centroid' }, areas);
    expect(byCentroid.problems).toEqual([]);
    expect(byCentroid.lsoas).toEqual(inTrafford);
    expect(lsoasOfArea(data.geometry, shapes, { kind: 'share', share: 0.5 }, areas).lsoas).toEqual(inTrafford);
    // Neighbours only touch the outlines along shared borders, and touching is not reaching (docs/coverage.md).
    expect(lsoasOfArea(data.geometry, shapes, { kind: 'intersects' }, areas).lsoas).toEqual(inTrafford);
    // Grown by 200 m, the area reaches into its neighbours.
    const grown = shapes.map((shape) => ({ ...shape, footprint: { ...shape.footprint, bufferM: 200 } as Footprint }));
    const reaching = lsoasOfArea(data.geometry, grown, { kind: 'intersects' }, areas).lsoas;
    expect(reaching.length).toBeGreaterThan(139);
    expect(inTrafford.every((lsoa) => reaching.includes(lsoa))).toBe(true);
  });
});
