// The parts of a map picture that are plain figures: its sizes, the scale bar, the default title
// and the key's counts (which must be the legend's).

import { describe, expect, it } from 'vitest';
import { defaultPictureTitle, metresPerPixel, picturePixels, scaleBar } from '../../src/core/picture-layout';
import { pictureKey, pictureTitle } from '../../src/state/picture';
import { createAppStore } from '../../src/state/store';
import { parseViewHash } from '../../src/state/url';
import { DECILE_COLOURS } from '../../src/theme';
import { attributes, manifest } from './app-fixture';

describe('picture sizes', () => {
  it('are a slide and A4/A3 at 300 dpi, either way round, or the map as on screen', () => {
    const screen = { width: 1000.4, height: 630 };
    expect(picturePixels('screen', 'portrait', screen)).toEqual({ width: 1000, height: 630 });
    expect(picturePixels('slide', 'landscape', screen)).toEqual({ width: 1920, height: 1080 });
    expect(picturePixels('a4', 'landscape', screen)).toEqual({ width: 3508, height: 2480 });
    expect(picturePixels('a4', 'portrait', screen)).toEqual({ width: 2480, height: 3508 });
    expect(picturePixels('a3', 'landscape', screen)).toEqual({ width: 4961, height: 3508 });
  });
});

describe('scale bar', () => {
  it('measures Web Mercator ground distance: 156 km per pixel at the equator at zoom 0, half at 60°N', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    expect(metresPerPixel(60, 0)).toBeCloseTo(78_271.5 / 2, 0);
    expect(metresPerPixel(0, 1)).toBeCloseTo(78_271.5 / 2, 0);
  });

  it('is the longest round distance that fits, labelled in m or km', () => {
    // Manchester (53.5°N) at zoom 11: about 23 m a pixel, so 200 pixels are 4.5 km.
    const mpp = metresPerPixel(53.5, 11);
    const bar = scaleBar(mpp, 200);
    expect(bar.label).toBe('2 km');
    expect(bar.px).toBeCloseTo(2000 / mpp, 6);
    expect(bar.px).toBeLessThanOrEqual(200);
    expect(scaleBar(1, 180)).toMatchObject({ metres: 100, label: '100 m' });
    expect(scaleBar(1, 250)).toMatchObject({ metres: 200, label: '200 m' });
    expect(scaleBar(10, 60)).toMatchObject({ metres: 500, label: '500 m' });
    expect(scaleBar(100, 150)).toMatchObject({ metres: 10_000, label: '10 km' });
  });
});

describe('picture title and key', () => {
  it('names the indicator, its vintage and the scope', () => {
    expect(defaultPictureTitle('imd', 'Essex')).toBe('Index of Multiple Deprivation 2025 — Essex');
    expect(defaultPictureTitle('income', 'England')).toBe('Income domain, IoD 2025 — England');
    expect(defaultPictureTitle('imd', 'Trafford', '£ per head allocated')).toBe('£ per head allocated — Trafford');
  });

  it('counts the scope’s LSOAs per decile, as the legend does', () => {
    const store = createAppStore(
      { manifest, attributes, url: parseViewHash('#scope=lad:E08000009'), basemapUrl: null },
      { fetchDetails: async () => ({ ok: false, problem: { message: 'no' } }) as never, saveBasemapUrl: () => undefined },
    );
    const state = store.getState();
    expect(pictureTitle(state)).toBe('Index of Multiple Deprivation 2025 — Trafford');
    const key = pictureKey(state);
    expect(key.heading).toBe('IMD 2025 decile');
    expect(key.rows.map((row) => row.colour)).toEqual([...DECILE_COLOURS]);
    // Trafford's three LSOAs: deciles 3, 3 and 5.
    expect(key.rows.map((row) => row.count)).toEqual(['0', '0', '2', '0', '1', '0', '0', '0', '0', '0']);
    expect(key.rows[0]?.label).toBe('1 most deprived');
    expect(key.note).toBe('LSOAs in Trafford (3)');
  });
});
