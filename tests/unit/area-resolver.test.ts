// Area codes → LSOA indices on the real build, and the LSOA 2011 lookup read from the real ONS
// file (splits and merges included).

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaKindOfCode } from '../../src/core/area-code-kind';
import type { AreaResolver } from '../../src/core/coverage-types';
import { ENGLAND } from '../../src/core/scope';
import { lsoasInScope } from '../../src/core/scope-lsoas';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { buildLookups } from '../../src/data/build-lookups';
import { parseLsoa11Lookup } from '../../src/data/parse-lookups';
import type { LookupsFile } from '../../src/data/schema';
import type { BuiltData } from '../../scripts/cli/read-built-data';
import { builtData, hasBuiltData, sharedRoot, TRAFFORD } from './built-data';

describe('areaKindOfCode', () => {
  it('names the kind from the ONS prefix', () => {
    expect(areaKindOfCode('E01006074')).toBe('lsoa21');
    expect(areaKindOfCode('E01006074', 'lsoa11')).toBe('lsoa11');
    expect(areaKindOfCode('E05015241')).toBe('ward');
    for (const code of ['E06000001', 'E07000066', 'E08000009', 'E09000001']) expect(areaKindOfCode(code)).toBe('lad');
    expect(areaKindOfCode('E10000012')).toBe('county');
    expect(areaKindOfCode('E12000002')).toBe('region');
    for (const code of ['E11000001', 'W01000001', 'E0800009', 'e08000009', 'Trafford']) expect(areaKindOfCode(code)).toBeUndefined();
  });
});

describe('parseLsoa11Lookup and buildLookups', () => {
  it('reports malformed codes with row and column', () => {
    const read = parseLsoa11Lookup('lsoa11cd,lsoa21cd\nE01000001,E01000001\nE0100002,E01000002\n', 'lookup.csv');
    expect(read.ok).toBe(false);
    expect(read.problems).toEqual([
      { file: 'lookup.csv', row: 2, column: 'lsoa11cd', value: 'E0100002', message: "'E0100002' is not an LSOA code (E01 followed by 6 digits)." },
    ]);
  });

  it('maps splits to several indices and merges to one, leaving out codes the build lacks', () => {
    const rows = [
      { lsoa11: 'A', lsoa21: 'E01000003' },
      { lsoa11: 'A', lsoa21: 'E01000001' },
      { lsoa11: 'B', lsoa21: 'E01000002' },
      { lsoa11: 'C', lsoa21: 'E01000002' },
      { lsoa11: 'D', lsoa21: 'E01999999' },
    ];
    expect(buildLookups(rows, ['E01000001', 'E01000002', 'E01000003'])).toEqual({
      lookups: { version: 1, lsoa11: { A: [0, 2], B: [1], C: [1] } },
      unmatched: ['E01999999'],
    });
  });
});

describe.skipIf(!hasBuiltData)('buildAreaResolver on the real build', () => {
  let data: BuiltData;
  let areas: AreaResolver;
  let lookups: LookupsFile;
  const codesOf = (list: readonly number[] | undefined) => (list ?? []).map((i) => data.attributes.codes[i]);

  beforeAll(async () => {
    data = await builtData();
    const file = path.join(sharedRoot, 'lookups', 'lsoa11_lsoa21_lad22_england.csv');
    const rows = parseLsoa11Lookup(fs.readFileSync(file, 'utf8'), file);
    if (!rows.ok) throw new Error('lookup refused');
    const built = buildLookups(rows.value, data.attributes.codes);
    expect(built.unmatched).toEqual([]);
    lookups = built.lookups;
    areas = buildAreaResolver(data.attributes, data.details, lookups);
  });

  it('resolves LSOA 2021, ward, district, county and region codes', () => {
    expect(codesOf(areas.lsoasOf('lsoa21', 'E01006074'))).toEqual(['E01006074']);
    const ladIndex = data.attributes.lads.findIndex((l) => l.code === TRAFFORD);
    const traffordLsoas = areas.lsoasOf('lad', TRAFFORD)!;
    expect(traffordLsoas.length).toBe(data.attributes.lad.filter((l) => l === ladIndex).length);
    expect(traffordLsoas.length).toBeGreaterThan(100);
    // Trafford is a metropolitan borough: its own upper tier.
    expect(areas.lsoasOf('county', TRAFFORD)).toEqual(traffordLsoas);
    // Bowdon ward (2024) holds E01006074.
    expect(codesOf(areas.lsoasOf('ward', 'E05015241'))).toContain('E01006074');
    // Essex is 12 districts.
    const essex = areas.lsoasOf('county', 'E10000012')!;
    const essexLads = new Set(essex.map((i) => data.attributes.lad[i]));
    expect(essexLads.size).toBe(12);
    const regions = data.attributes.regions.map((r) => areas.lsoasOf('region', r.code)!.length);
    expect(regions.reduce((a, b) => a + b, 0)).toBe(data.attributes.count);
    expect(lsoasInScope(data.attributes, data.attributes.lad, ENGLAND)).toHaveLength(data.attributes.count);
  });

  it('resolves LSOA 2011 codes through the lookup: a split Trafford LSOA becomes two', () => {
    expect(codesOf(areas.lsoasOf('lsoa11', 'E01006185'))).toEqual(['E01034000', 'E01034001']);
    expect(codesOf(areas.lsoasOf('lsoa11', 'E01000048'))).toEqual(['E01034479']);
    expect(codesOf(areas.lsoasOf('lsoa11', 'E01033588'))).toEqual(['E01034479']);
    expect(Object.keys(lookups.lsoa11)).toHaveLength(32844);
  });

  it('answers undefined for codes it does not know, and for LSOA 2011 codes without a lookup', () => {
    expect(areas.lsoasOf('lad', 'E08999999')).toBeUndefined();
    expect(areas.lsoasOf('lsoa21', 'E01999999')).toBeUndefined();
    expect(areas.lsoasOf('lsoa11', 'toString')).toBeUndefined();
    expect(buildAreaResolver(data.attributes, data.details).lsoasOf('lsoa11', 'E01006185')).toBeUndefined();
  });
});
