// Colours of the coverage line work, shared by the map layers and the panel's key so they cannot
// drift. Schemes and gaps are drawn over the decile fill as lines and points, never as a change of
// the fill ramp; a white casing keeps them visible on both the dark and the light deciles.

import type { SchemeKind } from '../core/scheme';

/** GOV.UK palette colours, distinct from the viridis decile ramp and from each other. */
export const SCHEME_KIND_COLOURS: Record<SchemeKind, string> = {
  transport: '#0b0c0c',
  grant: '#f47738',
  community: '#d53880',
  other: '#1d70b8',
};

export const SCHEME_KIND_LABELS: Record<SchemeKind, string> = {
  transport: 'Transport',
  grant: 'Grant',
  community: 'Community',
  other: 'Other',
};

/** Outline of LSOAs in the most deprived deciles that no scheme reaches. */
export const GAP_COLOUR = '#d4351c';
export const CASING_COLOUR = '#ffffff';
