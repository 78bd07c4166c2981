import { describe, expect, it } from 'vitest';
import {
  areaKindLabel,
  ENGLAND,
  formatScopeRef,
  ladsInScope,
  parseScopeRef,
  resolveScopeRef,
  sameScope,
  scopeBounds,
  scopeName,
  scopeOptions,
  scopeRefOf,
  unionBounds,
} from '../../src/core/scope';
import { attributes, manifest } from './app-fixture';

describe('ladsInScope', () => {
  it('is null (everything) for England and collects districts for wider areas', () => {
    expect(ladsInScope(attributes, ENGLAND)).toBeNull();
    expect(ladsInScope(attributes, { kind: 'region', index: 0 })).toEqual(new Set([0, 1]));
    expect(ladsInScope(attributes, { kind: 'county', index: 0 })).toEqual(new Set([0, 1]));
    expect(ladsInScope(attributes, { kind: 'county', index: 1 })).toEqual(new Set([2]));
    expect(ladsInScope(attributes, { kind: 'lad', index: 1 })).toEqual(new Set([1]));
  });
});

describe('scope names, bounds and refs', () => {
  it('names and bounds an area, England by default', () => {
    expect(scopeName(attributes, { kind: 'county', index: 0 })).toBe('Essex');
    expect(scopeName(attributes, ENGLAND)).toBe('England');
    expect(scopeBounds(attributes, ENGLAND, manifest.bounds)).toEqual(manifest.bounds);
    expect(scopeBounds(attributes, { kind: 'lad', index: 2 }, manifest.bounds)).toEqual([-2.5, 53.3, -2.2, 53.5]);
  });

  it('goes to and from the link form by code', () => {
    const ref = scopeRefOf(attributes, { kind: 'lad', index: 2 });
    expect(ref).toEqual({ kind: 'lad', code: 'E08000009' });
    expect(formatScopeRef(ref)).toBe('lad:E08000009');
    expect(formatScopeRef({ kind: 'england' })).toBeNull();
    expect(parseScopeRef('lad:E08000009')).toEqual(ref);
    expect(resolveScopeRef(attributes, ref)).toEqual({ kind: 'lad', index: 2 });
    expect(resolveScopeRef(attributes, { kind: 'lad', code: 'E06000001' })).toBeNull();
  });

  it('rejects malformed scope parameters', () => {
    for (const text of ['', 'lad', 'lad:', 'ward:E05000001', 'lad:Trafford', 'lad:E08000009:x']) {
      expect(parseScopeRef(text)).toBeNull();
    }
    expect(parseScopeRef('england')).toEqual({ kind: 'england' });
  });

  it('compares scopes by kind and index', () => {
    expect(sameScope(ENGLAND, { kind: 'england' })).toBe(true);
    expect(sameScope({ kind: 'lad', index: 1 }, { kind: 'county', index: 1 })).toBe(false);
    expect(sameScope({ kind: 'lad', index: 1 }, { kind: 'lad', index: 1 })).toBe(true);
  });
});

describe('scopeOptions', () => {
  it('lists regions first, then counties and districts by name, a unitary once', () => {
    const options = scopeOptions(attributes).map((option) => `${option.name} (${option.kindLabel}, ${option.parentName})`);
    expect(options).toEqual([
      'East of England (Region, England)',
      'North West (Region, England)',
      'Basildon (District, Essex)',
      'Essex (County, East of England)',
      'Trafford (Metropolitan borough, North West)',
      'Uttlesford (District, Essex)',
    ]);
  });
});

describe('areaKindLabel', () => {
  it('names council types from the code', () => {
    expect(['E06000001', 'E07000066', 'E08000009', 'E09000001', 'E10000012', 'E12000001', 'X'].map(areaKindLabel)).toEqual([
      'Unitary authority',
      'District',
      'Metropolitan borough',
      'London borough',
      'County',
      'Region',
      'Area',
    ]);
  });
});

describe('unionBounds', () => {
  it('covers every box, or is null for none', () => {
    expect(unionBounds([])).toBeNull();
    expect(
      unionBounds([
        [0, 50, 1, 51],
        [-1, 50.5, 0.5, 52],
      ]),
    ).toEqual([-1, 50, 1, 52]);
  });
});
