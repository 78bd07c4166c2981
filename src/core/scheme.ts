// What a council funds, as the analysis core sees it: a scheme with a footprint on the ground.

import type { Placement } from './placement';

export const SCHEME_KINDS = ['grant', 'transport', 'community', 'other'] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

/** Longitude, latitude in WGS84 degrees. */
export type LonLat = [number, number];

export type AreaCodeKind = 'lsoa21' | 'lsoa11' | 'ward' | 'lad' | 'county' | 'region';

export type Footprint =
  /** A point with a catchment radius in metres (0 = the point itself). */
  | { type: 'point'; point: LonLat; radiusM: number }
  /** A route: one or more lines, with a walking buffer in metres. */
  | { type: 'line'; lines: LonLat[][]; bufferM: number }
  /** A target area: one or more polygons (outer ring first, then holes), optionally buffered. */
  | { type: 'polygon'; polygons: LonLat[][][]; bufferM: number }
  /** Named areas: covers exactly the LSOAs in them. */
  | { type: 'areas'; areas: { kind: AreaCodeKind; code: string }[] };

export interface Scheme {
  id: string;
  name: string;
  kind: SchemeKind;
  funder?: string;
  amountGbp?: number;
  /** ISO dates (yyyy-mm-dd). */
  start?: string;
  end?: string;
  theme?: string;
  footprint: Footprint;
  /** Where an importer found the scheme's place, e.g. "Beneficiary location: area code (district)". */
  locatedBy?: string;
  /** How precisely it was located (placement.ts); derived from the footprint when absent. */
  placement?: Placement;
  /** The service a route belongs to (a bus number), when the file says: its variants and directions count as one service. */
  service?: string;
  /** Proposed, not yet funded: kept out of the current figures, shown in the what-if. */
  proposed?: boolean;
}

/** Defaults the importers state in the UI, the CLI help and docs. */
export const DEFAULT_LINE_BUFFER_M = 400;
export const DEFAULT_POINT_RADIUS_M = 0;
/** A bus or tram stop's walking catchment: the 400 m planners use for "within walking distance". */
export const DEFAULT_STOP_RADIUS_M = 400;

/** How far routes and points reach when a file does not say (the user may change them at import). */
export interface ReachDefaults {
  lineBufferM: number;
  pointRadiusM: number;
  /** Points that are transport stops (NaPTAN columns, or the user says so): transport, with this catchment. */
  stopRadiusM: number;
  /** true: every point is a stop; false: none is; absent: those with NaPTAN columns (atco_code, naptan_code) are. */
  pointsAreStops?: boolean;
}

export const DEFAULT_REACH: ReachDefaults = { lineBufferM: DEFAULT_LINE_BUFFER_M, pointRadiusM: DEFAULT_POINT_RADIUS_M, stopRadiusM: DEFAULT_STOP_RADIUS_M };

/** Reach defaults saved before stops had their own (older previews and requests). */
export function withReachDefaults(reach: Partial<ReachDefaults> | undefined): ReachDefaults {
  return { ...DEFAULT_REACH, ...reach };
}

export type CoverageRule =
  | { kind: 'intersects' }
  | { kind: 'centroid' }
  /** At least `share` (0 < share ≤ 1) of the LSOA's area lies within the footprint. */
  | { kind: 'share'; share: number };

export function formatRule(rule: CoverageRule): string {
  switch (rule.kind) {
    case 'intersects':
      return 'intersects';
    case 'centroid':
      return 'centroid';
    case 'share':
      return `share:${rule.share}`;
  }
}

export type RuleParse = { ok: true; rule: CoverageRule } | { ok: false; message: string };

export function parseRule(text: string): RuleParse {
  const value = text.trim().toLowerCase();
  if (value === 'intersects') return { ok: true, rule: { kind: 'intersects' } };
  if (value === 'centroid') return { ok: true, rule: { kind: 'centroid' } };
  const share = /^share:(\d*\.?\d+)$/.exec(value);
  if (share) {
    const p = Number(share[1]);
    if (p > 0 && p <= 1) return { ok: true, rule: { kind: 'share', share: p } };
    return { ok: false, message: `The share in '${text}' must be more than 0 and at most 1 (e.g. share:0.5).` };
  }
  return { ok: false, message: `Unknown coverage rule '${text}': use intersects, centroid or share:P (0 < P ≤ 1).` };
}

/** Plain-English descriptions, for the UI and docs. */
export const RULE_DESCRIPTIONS: Record<CoverageRule['kind'], string> = {
  intersects:
    'A scheme reaches an LSOA when its footprint (with its catchment or buffer) touches the LSOA at all. ' +
    'A drawn area must share some ground with the LSOA; running along its border does not count.',
  centroid:
    "A scheme reaches an LSOA when the LSOA's representative point (a point well inside it) lies within the footprint.",
  share: 'A scheme reaches an LSOA when at least the given share of the LSOA’s area lies within the footprint.',
};
