// Type sizes, fonts and the few lengths the layout is built on. The CSS reads them as custom
// properties (css-properties.ts); the map's labels use the same font list.

/**
 * The type scale, in CSS pixels. The charts' SVG text uses the same numbers in viewBox units.
 * Each name becomes `--type-<name>` (`dialogSubheading` → `--type-dialog-subheading`).
 */
export const TYPE_SIZES = {
  /** Legend source, attribution, chart ticks, the smallest notes. */
  tiny: 12,
  /** Data tables and chart labels: many columns in a narrow panel. */
  table: 12.5,
  /** Field labels, the legend, chart keys. */
  small: 13,
  /** Hints, captions, lists of problems and notes. */
  hint: 14,
  /** Buttons, inputs, the legend's heading. */
  control: 15,
  body: 16,
  subheading: 17,
  dialogSubheading: 18,
  /** A result's headline sentence; the start screen's text. */
  lead: 19,
  /** The brand and the panel's heading. */
  heading: 22,
  /** Dialog headings and big figures. */
  figure: 24,
  /** The start screen's title. */
  display: 32,
} as const;

/** Font families, most wanted first: system fonts only, so the app works offline. */
export const FONTS = {
  body: ['Segoe UI', 'Helvetica Neue', 'Arial', 'Liberation Sans', 'sans-serif'],
  /** Map headings (region names): MapLibre asks local fonts for the first name's weight. */
  bodySemibold: ['Segoe UI Semibold', 'Helvetica Neue', 'Arial', 'Liberation Sans', 'sans-serif'],
  mono: ['Consolas', 'Liberation Mono', 'monospace'],
} as const;

/** Lengths of the layout, in CSS pixels. Each becomes `--<name>` (`panelWidth` → `--panel-width`). */
export const SPACING = {
  /** The side panel's width when it shows one LSOA. */
  panelWidth: 360,
  /** The side panel's left and right padding; full-width strips inside it reach out by as much. */
  panelGutter: 16,
} as const;
