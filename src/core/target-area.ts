// A target area: a place an officer draws or assembles for a fund or a pilot ("our priority
// places"). Either shapes on the ground, whose LSOAs the coverage rule chooses (as it chooses the
// LSOAs a scheme reaches), or a set of LSOAs, exact by construction.

import { AREA_COLOURS } from '../theme';
import type { LonLat } from './scheme';

export type AreaDefinition =
  /** Drawn or imported polygons (outer ring first, then holes), WGS84. */
  | { kind: 'shapes'; polygons: LonLat[][][] }
  /** LSOA 2021 codes, as clicked or started from a ward, district or county. */
  | { kind: 'lsoas'; codes: string[] };

export interface TargetArea {
  id: string;
  name: string;
  description: string;
  /** CSS hex colour of its outline on the map. */
  colour: string;
  visible: boolean;
  definition: AreaDefinition;
}

export function nextAreaColour(areas: readonly TargetArea[]): string {
  return AREA_COLOURS[areas.length % AREA_COLOURS.length]!;
}

/** The shapes or codes as one short phrase, e.g. "2 drawn shapes" or "3 LSOAs chosen". */
export function describeDefinition(definition: AreaDefinition): string {
  switch (definition.kind) {
    case 'shapes':
      return `${definition.polygons.length} drawn shape${definition.polygons.length === 1 ? '' : 's'}`;
    case 'lsoas':
      return `${definition.codes.length} LSOA${definition.codes.length === 1 ? '' : 's'} chosen`;
  }
}
