import { describe, expect, it } from 'vitest';
import { EMPTY_URL_VIEW, formatViewHash, parseViewHash } from '../../src/state/url';

describe('parseViewHash', () => {
  it('reads the example link', () => {
    expect(parseViewHash('#map=9.5/53.45/-2.31&ind=income&scope=lad:E08000009&lsoa=E01000001')).toEqual({
      camera: { zoom: 9.5, lat: 53.45, lng: -2.31 },
      indicator: 'income',
      scope: { kind: 'lad', code: 'E08000009' },
      lsoa: 'E01000001',
    });
  });

  it('reads an empty hash as the defaults', () => {
    expect(parseViewHash('')).toEqual(EMPTY_URL_VIEW);
    expect(parseViewHash('#')).toEqual(EMPTY_URL_VIEW);
  });

  it('ignores parts it cannot read and keeps the rest', () => {
    const view = parseViewHash('#map=9/abc/1&ind=happiness&scope=ward:E05000001&lsoa=E01000001');
    expect(view).toEqual({ ...EMPTY_URL_VIEW, lsoa: 'E01000001' });
    expect(parseViewHash('#map=9/95/1').camera).toBeNull();
    expect(parseViewHash('#map=9/53').camera).toBeNull();
    expect(parseViewHash('#scope=lad:Trafford').scope).toBeNull();
    expect(parseViewHash('#lsoa=E0100000').lsoa).toBeNull();
  });

  it('accepts a lower-case LSOA code and the URL-encoded form of the separators', () => {
    expect(parseViewHash('#lsoa=e01000001').lsoa).toBe('E01000001');
    expect(parseViewHash('#map=9.5%2F53.45%2F-2.31&scope=county%3AE10000012')).toMatchObject({
      camera: { zoom: 9.5, lat: 53.45, lng: -2.31 },
      scope: { kind: 'county', code: 'E10000012' },
    });
  });
});

describe('formatViewHash', () => {
  it('writes the example link', () => {
    expect(
      formatViewHash({
        camera: { zoom: 9.5, lat: 53.45, lng: -2.31 },
        indicator: 'income',
        scope: { kind: 'lad', code: 'E08000009' },
        lsoa: 'E01000001',
      }),
    ).toBe('#map=9.5/53.45/-2.31&ind=income&scope=lad:E08000009&lsoa=E01000001');
  });

  it('leaves out the defaults', () => {
    expect(formatViewHash({ ...EMPTY_URL_VIEW, indicator: 'imd', scope: { kind: 'england' } })).toBe('');
  });

  it('rounds coordinates to what the zoom can show', () => {
    const camera = { zoom: 5.123456, lat: 52.987654321, lng: -1.123456789 };
    expect(formatViewHash({ ...EMPTY_URL_VIEW, camera })).toBe('#map=5.12/52.99/-1.12');
    expect(formatViewHash({ ...EMPTY_URL_VIEW, camera: { ...camera, zoom: 14 } })).toBe('#map=14/52.98765/-1.12346');
  });

  it('round-trips through parse', () => {
    const view = {
      camera: { zoom: 11.25, lat: 51.5123, lng: -0.0912 },
      indicator: 'idaci' as const,
      scope: { kind: 'region' as const, code: 'E12000007' },
      lsoa: 'E01033755',
    };
    expect(parseViewHash(formatViewHash(view))).toEqual(view);
  });
});
