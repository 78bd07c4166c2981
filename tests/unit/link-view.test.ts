import { describe, expect, it } from 'vitest';
import { formatViewHash, parseViewHash, type UrlView } from '../../src/state/url';
import { DEFAULT_EXTRAS } from '../../src/state/link-view';

const drawn = {
  id: 'a1',
  name: 'Priority estate',
  colour: '#d4351c',
  definition: {
    kind: 'shapes' as const,
    polygons: [
      [
        [
          [-2.2412345678, 53.4801234567],
          [-2.2301, 53.4801],
          [-2.2301, 53.4702],
          [-2.2412345678, 53.4801234567],
        ] as [number, number][],
      ],
    ],
  },
};

describe('a link carries the whole view', () => {
  it('reads back the colouring, rule, gap definition, filter, datasets, areas and a small drawn area', () => {
    const view: UrlView = {
      camera: { zoom: 11, lat: 53.48, lng: -2.24 },
      indicator: 'income',
      scope: { kind: 'lad', code: 'E08000003' },
      lsoa: 'E01005131',
      extras: {
        ...DEFAULT_EXTRAS,
        colourBy: 'per-head',
        rule: { kind: 'share', share: 0.5 },
        gapDecile: 3,
        gapDefinition: 'underserved',
        filter: { ...DEFAULT_EXTRAS.filter, kinds: ['grant'], minAmountGbp: 1000 },
        datasets: [{ id: 'd1', name: 'Grants 2024 — “city”' }],
        areas: ['a1'],
        area: 'a1',
        carried: [drawn],
      },
    };
    const hash = formatViewHash(view);
    expect(hash.length).toBeLessThan(2048);
    const back = parseViewHash(hash);
    expect(back.camera).toEqual(view.camera);
    expect(back.indicator).toBe('income');
    expect(back.scope).toEqual(view.scope);
    expect(back.lsoa).toBe('E01005131');
    const { carried, ...rest } = back.extras!;
    const { carried: _sent, ...sentRest } = view.extras!;
    expect(rest).toEqual(sentRest);
    // Coordinates to 5 decimals (about a metre).
    expect(carried).toEqual([
      {
        ...drawn,
        definition: {
          kind: 'shapes',
          polygons: [
            [
              [
                [-2.24123, 53.48012],
                [-2.2301, 53.4801],
                [-2.2301, 53.4702],
                [-2.24123, 53.48012],
              ],
            ],
          ],
        },
      },
    ]);
  });

  it('names a large drawn area by id only, keeping the link short', () => {
    const ring: [number, number][] = Array.from({ length: 400 }, (_, k) => [-2.2 + Math.cos(k / 60) / 10, 53.4 + Math.sin(k / 60) / 10]);
    const big = { ...drawn, definition: { kind: 'shapes' as const, polygons: [[[...ring, ring[0]!]]] } };
    const hash = formatViewHash({ camera: null, indicator: null, scope: null, lsoa: null, extras: { ...DEFAULT_EXTRAS, areas: ['a1'], carried: [big] } });
    expect(hash.length).toBeLessThan(200);
    expect(parseViewHash(hash).extras).toMatchObject({ areas: ['a1'], carried: [] });
  });

  it('leaves a default view as short as before and ignores a damaged v', () => {
    expect(formatViewHash({ camera: null, indicator: 'income', scope: null, lsoa: null, extras: DEFAULT_EXTRAS })).toBe('#ind=income');
    expect(parseViewHash('#ind=income&v=%%%').extras).toBeUndefined();
  });
});
