// The theme: colours, type sizes, fonts and layout lengths of the whole app. Imports nothing of
// ours, so core, state, map and ui may all import it.

export {
  AREA_COLOURS,
  CASING_COLOUR,
  CHART_COLOURS,
  COLOURING_COLOURS,
  DATASET_COLOURS,
  DECILE_COLOURS,
  GAP_COLOUR,
  inkOnDecile,
  MAP_COLOURS,
  NO_DECILE_COLOUR,
  PAGE_COLOURS,
  SCHEME_KIND_COLOURS,
} from './colours';
export { FONTS } from './sizes';
export { applyTheme, themeProperties } from './css-properties';
