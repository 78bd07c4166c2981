// What kind of area an ONS code names, from its prefix, for `areas` footprints and the CLI's
// --scope. LSOA codes (E01) look the same in 2011 and 2021, so the caller says which vintage.

import type { AreaCodeKind } from './scheme';

export function areaKindOfCode(code: string, lsoaVintage: 'lsoa21' | 'lsoa11' = 'lsoa21'): AreaCodeKind | undefined {
  if (!/^E\d{8}$/.test(code)) return undefined;
  switch (code.slice(0, 3)) {
    case 'E01':
      return lsoaVintage;
    case 'E05':
      return 'ward';
    // Unitary authorities, metropolitan boroughs and London boroughs are their own upper tier too;
    // as districts they hold the same LSOAs.
    case 'E06':
    case 'E07':
    case 'E08':
    case 'E09':
      return 'lad';
    case 'E10':
      return 'county';
    case 'E12':
      return 'region';
    default:
      return undefined;
  }
}

/** What the recognised prefixes are, for messages. */
export const AREA_CODE_HELP = 'LSOA (E01…), ward (E05…), district or unitary (E06/E07/E08/E09…), county (E10…) or region (E12…)';
