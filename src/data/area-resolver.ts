// Area codes → LSOA indices, for `areas` footprints and the CLI's --scope: LSOA 2021 codes, wards
// (from the details file), districts, counties and regions (from the attributes file), and LSOA
// 2011 codes through the build's optional lookups file.

import type { AreaResolver } from '../core/coverage-types';
import type { AreaCodeKind } from '../core/scheme';
import type { AttributesFile, DetailsFile, LookupsFile } from './schema';

function group(keys: ArrayLike<number>, codeOf: (key: number) => string | undefined): Map<string, number[]> {
  const byCode = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const code = codeOf(keys[i]!);
    if (code === undefined) continue;
    let list = byCode.get(code);
    if (!list) {
      list = [];
      byCode.set(code, list);
    }
    list.push(i);
  }
  return byCode;
}

export function buildAreaResolver(
  attributes: Pick<AttributesFile, 'codes' | 'lad' | 'lads' | 'counties' | 'regions'>,
  details: Pick<DetailsFile, 'ward' | 'wards'>,
  lookups?: LookupsFile,
): AreaResolver {
  const lsoa21 = new Map(attributes.codes.map((code, index) => [code, [index]]));
  const tables: Record<Exclude<AreaCodeKind, 'lsoa21' | 'lsoa11'>, Map<string, number[]>> = {
    ward: group(details.ward, (w) => details.wards[w]?.code),
    lad: group(attributes.lad, (l) => attributes.lads[l]?.code),
    county: group(attributes.lad, (l) => attributes.counties[attributes.lads[l]?.county ?? -1]?.code),
    region: group(attributes.lad, (l) => attributes.regions[attributes.lads[l]?.region ?? -1]?.code),
  };
  return {
    lsoasOf(kind, code) {
      switch (kind) {
        case 'lsoa21':
          return lsoa21.get(code);
        case 'lsoa11':
          return lookups && Object.hasOwn(lookups.lsoa11, code) ? lookups.lsoa11[code] : undefined;
        default:
          return tables[kind].get(code);
      }
    },
  };
}
