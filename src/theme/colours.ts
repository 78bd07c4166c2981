// Every colour GapMap draws with, in one place: the page (CSS custom properties, see
// css-properties.ts), the legend and panels, the charts, and the map style. Plain values, so
// core, state, map and ui can all import them (this folder imports nothing of ours).

/**
 * The page's palette: GOV.UK colours. Ink on paper reads at 19:1, secondary text at 7:1; focus is
 * GOV.UK's yellow with a black edge, so it shows on any background. Each name becomes a CSS custom
 * property (`ink` → `--ink`, `buttonShadow` → `--button-shadow`).
 */
export const PAGE_COLOURS = {
  ink: '#0b0c0c',
  secondary: '#505a5f',
  paper: '#ffffff',
  border: '#b1b4b6',
  light: '#f3f2f1',
  link: '#1d70b8',
  focus: '#ffdd00',
  error: '#d4351c',
  /** GOV.UK green: the main action, and "no gaps". */
  success: '#00703c',
  /** GOV.UK orange: a note that needs attention but is not an error. */
  warning: '#f47738',
  /** Hairlines between rows of lists and tables, and the empty part of a bar. */
  rule: '#e5e6e7',
  /** The top bar's second line (IoD2025), on ink. */
  brandSub: '#dcdcdc',
  /** A top-bar button under the pointer, on ink. */
  headerHover: '#333333',
  buttonShadow: '#002d18',
  secondaryButtonShadow: '#929191',
  secondaryButtonHover: '#dbdad9',
  /** Gridlines of the coverage charts: visible, but quieter than the bars. */
  chartGrid: '#dcdddf',
  /** The legend's box over the map: the map shows faintly through it. */
  legendBackground: 'rgb(255 255 255 / 95%)',
  /** Shadow of what floats over the map and lists (popups, notices). */
  shadowStrong: 'rgb(0 0 0 / 25%)',
  /** Shadow of the legend; edge of a decile chip. */
  shadowSoft: 'rgb(0 0 0 / 20%)',
  /** Edge of a swatch; shadow above the sticky progress bar. */
  shadowFaint: 'rgb(0 0 0 / 15%)',
  /** Behind a modal dialog. */
  backdrop: 'rgb(11 12 12 / 50%)',
  /** Over the map while files are dragged onto it. */
  dropTarget: 'rgb(255 221 0 / 20%)',
} as const;

/**
 * Ten colours sampled evenly from viridis, decile 1 first. Viridis is perceptually uniform and
 * readable with the common colour-vision deficiencies; its darkest, most saturated end marks the
 * most deprived decile. The same ramp serves every indicator so the eye learns it once.
 */
export const DECILE_COLOURS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;

/** Shown for a feature whose decile is missing, so a data gap never looks like a decile. */
export const NO_DECILE_COLOUR = '#bfc1c3';

/**
 * Text on a decile colour: the light end of the ramp (deciles 6–10) needs ink, the dark end white,
 * for AA contrast either way.
 */
export function inkOnDecile(decile: number): string {
  return decile >= 6 ? PAGE_COLOURS.ink : PAGE_COLOURS.paper;
}

/**
 * Scheme kinds on the map and in the panel's key: GOV.UK palette colours, distinct from the viridis
 * decile ramp and from each other. Keyed by `SchemeKind` (core/scheme.ts), which this folder
 * cannot import; core/state check the keys where they use them.
 */
export const SCHEME_KIND_COLOURS = {
  transport: '#0b0c0c',
  grant: '#f47738',
  community: '#d53880',
  other: '#1d70b8',
} as const;

/** Outline of LSOAs in the most deprived deciles that no scheme reaches. */
export const GAP_COLOUR = '#d4351c';
/** Under scheme and gap lines, so they show on both the dark and the light deciles. */
export const CASING_COLOUR = '#ffffff';

/**
 * Colours for datasets in turn, the map drawing each dataset's schemes in its colour: apart from
 * the decile ramp and from the gap outline's red (GAP_COLOUR), so a route is never read as a gap.
 */
export const DATASET_COLOURS = ['#1d70b8', '#f47738', '#4c2c92', '#00703c', '#b58840', '#912b88', '#28a197', '#0b0c0c'] as const;

/** Outline colours for target areas in turn (the user can change each). */
export const AREA_COLOURS = ['#4c2c92', '#d4351c', '#005a30', '#1d70b8', '#942514', '#6f72af', '#b58840', '#0b0c0c'] as const;

/** The map's own colours, apart from the data layers above. */
export const MAP_COLOURS = {
  /** Behind the LSOAs (the sea, and Wales and Scotland) when no basemap is set. */
  background: '#e3e8ec',
  ink: PAGE_COLOURS.ink,
  paper: PAGE_COLOURS.paper,
  /** What is being drawn (scheme or area shapes, before they are finished). */
  drawing: PAGE_COLOURS.link,
} as const;

/** The coverage colourings of the LSOAs (src/core/lsoa-colouring.ts), each apart from the deciles' viridis. */
export const COLOURING_COLOURS = {
  /** Schemes reaching: none, 1, 2, 3–5, 6–10, 11+; a single-hue ramp, darker for more. */
  reach: ['#f3f2f1', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  /** £ per head: nothing allocated, then the funded LSOAs' five quintile classes. */
  perHead: ['#f3f2f1', '#fde0c5', '#facba6', '#f59e72', '#e8613c', '#b4361c'],
  /**
   * Deprivation rows (deciles 1–3, 4–7, 8–10) × funding columns (none, below, at or above the median), after
   * Joshua Stevens: deprived and unfunded is the magenta corner, deprived and well funded the deep blue.
   */
  bivariate: [
    ['#be64ac', '#8c62aa', '#3b4994'],
    ['#dfb0d6', '#a5add3', '#5698b9'],
    ['#e8e8e8', '#ace4e4', '#5ac8c8'],
  ],
} as const;

/** The coverage charts (SVG): ink edges and lines, paper under the hatching. */
export const CHART_COLOURS = {
  ink: PAGE_COLOURS.ink,
  paper: PAGE_COLOURS.paper,
  grid: PAGE_COLOURS.chartGrid,
} as const;
