// Colours of the coverage line work, shared by the map layers and the panel's key so they cannot
// drift. Schemes and gaps are drawn over the decile fill as lines and points, never as a change of
// the fill ramp; a white casing keeps them visible on both the dark and the light deciles.

import type { SchemeKind } from '../core/scheme';
import { CASING_COLOUR, GAP_COLOUR, SCHEME_KIND_COLOURS as KIND_COLOURS } from '../theme';

/** GOV.UK palette colours, distinct from the viridis decile ramp and from each other (src/theme). */
export const SCHEME_KIND_COLOURS: Record<SchemeKind, string> = KIND_COLOURS;

export const SCHEME_KIND_LABELS: Record<SchemeKind, string> = {
  transport: 'Transport',
  grant: 'Grant',
  community: 'Community',
  other: 'Other',
};

/** Outline of LSOAs in the most deprived deciles that no scheme reaches; the lines' white casing. */
export { CASING_COLOUR, GAP_COLOUR };
