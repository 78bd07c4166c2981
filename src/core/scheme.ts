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

/** The kinds as the panels name them. */
export const SCHEME_KIND_LABELS: Record<SchemeKind, string> = {
  transport: 'Transport',
  grant: 'Grant',
  community: 'Community',
  other: 'Other',
};
