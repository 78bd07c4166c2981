// How precisely a scheme was located, from the finest (its own geometry) to the coarsest (a whole
// region). A scheme located no finer than a district is *area-wide*: the file says only that it
// was for the district (or county, or region) as a whole, not which neighbourhoods it reached, so
// by default it is reported on its own line and not counted as reaching every LSOA of its area.

import type { AreaCodeKind, Scheme } from './scheme';

/** Finest first: the order of the by-placement counts and of "prefer the finest location". */
export const PLACEMENTS = ['exact', 'postcode', 'lsoa', 'ward', 'district', 'county', 'region'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const PLACEMENT_LABELS: Record<Placement, string> = {
  exact: 'its own coordinates or shape',
  postcode: 'a postcode',
  lsoa: 'LSOA codes',
  ward: 'ward codes',
  district: 'a district code',
  county: 'a county code',
  region: 'a region code',
};

/** How the user chooses to treat area-wide schemes: apart (the default) or as reaching every LSOA of their area. */
export const AREA_WIDE_MODES = ['separate', 'count'] as const;
export type AreaWideMode = (typeof AREA_WIDE_MODES)[number];
export const DEFAULT_AREA_WIDE: AreaWideMode = 'separate';

function isAreaWidePlacement(placement: Placement): boolean {
  return placement === 'district' || placement === 'county' || placement === 'region';
}

const AREA_PLACEMENT: Record<AreaCodeKind, Placement> = {
  lsoa21: 'lsoa',
  lsoa11: 'lsoa',
  ward: 'ward',
  lad: 'district',
  county: 'county',
  region: 'region',
};

/** The coarser of two placements. */
export function coarserPlacement(a: Placement, b: Placement): Placement {
  return PLACEMENTS.indexOf(a) >= PLACEMENTS.indexOf(b) ? a : b;
}

/** The placement of a list of area codes: its coarsest code (a district and an LSOA say no more than the district). */
export function placementOfAreas(areas: readonly { kind: AreaCodeKind }[]): Placement {
  return areas.reduce<Placement>((coarsest, area) => coarserPlacement(coarsest, AREA_PLACEMENT[area.kind]), 'lsoa');
}

/**
 * A scheme's placement: what its importer recorded, else what its footprint shows (schemes saved
 * before placements were recorded: a geometry is exact, an area list is as coarse as its coarsest code).
 */
export function placementOf(scheme: Pick<Scheme, 'footprint' | 'placement'>): Placement {
  if (scheme.placement) return scheme.placement;
  return scheme.footprint.type === 'areas' ? placementOfAreas(scheme.footprint.areas) : 'exact';
}

export function isAreaWide(scheme: Pick<Scheme, 'footprint' | 'placement'>): boolean {
  return isAreaWidePlacement(placementOf(scheme));
}

/** How many schemes each placement has, finest first (placements with none left out). */
export function countByPlacement(schemes: readonly Pick<Scheme, 'footprint' | 'placement'>[]): [Placement, number][] {
  const counts = new Map<Placement, number>();
  for (const scheme of schemes) {
    const placement = placementOf(scheme);
    counts.set(placement, (counts.get(placement) ?? 0) + 1);
  }
  return PLACEMENTS.filter((p) => counts.has(p)).map((p) => [p, counts.get(p)!]);
}
