// Colours written only by the map (its ink, paper and background, and the drawing tools' accent).
// Decile colours come from src/core/legend.ts and the coverage line work's from
// src/state/coverage-style.ts, shared with the panels' keys.

/** Text, outlines of what is selected or chosen, clusters. */
export const INK = '#0b0c0c';
/** Halos, casings under dark lines, LSOA and district outlines. */
export const PAPER = '#ffffff';
/** The sea and everything outside England, under the LSOA fill. */
export const BACKGROUND = '#e3e8ec';
/** What is being drawn (a new scheme or target area) before it is saved. */
export const ACCENT = '#1d70b8';
