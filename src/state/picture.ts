// The map picture as the UI asks for it: what to draw (size, title, the key with its counts, the
// attribution) and the one function the map side offers to draw it. The key is built from the
// same core functions and selectors as the legend, so the picture's counts are the legend's.

import { DECILE_END_WORDS, formatCount, legendTitle } from '../core/legend';
import { BIVARIATE_COLUMNS, BIVARIATE_ROWS, countClasses } from '../core/lsoa-colouring';
import { defaultPictureTitle, type Orientation, type PictureSize } from '../core/picture-layout';
import { lsoasInScope } from '../core/scope-lsoas';
import { DECILE_COLOURS } from '../theme';
import { selectLegendTally, selectLsoaColours, selectScopeName, type LsoaColours } from './selectors';
import type { AppState } from './store';

/** The heading and line under it of each coverage colouring's key (the legend's too). */
export const COLOURING_HEADINGS: Record<LsoaColours['kind'], { heading: string; explainer: string }> = {
  schemes: { heading: 'Schemes reaching each LSOA', explainer: 'Under the coverage rule chosen, from the datasets shown.' },
  'per-head': {
    heading: '£ per head allocated',
    explainer: 'Each scheme’s amount shared among the LSOAs it reaches, by population. Classes: quintiles of the funded LSOAs.',
  },
  bivariate: { heading: 'Deprivation × £ per head', explainer: '' },
};

interface PictureKeyRow {
  colour: string;
  label: string;
  /** "1,234 LSOAs". */
  count: string;
}

export interface PictureKey {
  heading: string;
  /** Under the heading: what the numbers count. */
  note: string;
  rows: PictureKeyRow[];
}

/** The key of the colouring on the map, counted over the scope shown. */
export function pictureKey(state: AppState): PictureKey {
  const scopeName = selectScopeName(state);
  const colours = selectLsoaColours(state);
  if (!colours) {
    const tally = selectLegendTally(state);
    const { heading } = legendTitle(state.indicator);
    return {
      heading,
      note: `LSOAs in ${scopeName} (${formatCount(tally.totalLsoas)})`,
      rows: DECILE_COLOURS.map((colour, i) => {
        const words = i === 0 ? ` ${DECILE_END_WORDS.first.toLowerCase()}` : i === 9 ? ` ${DECILE_END_WORDS.last.toLowerCase()}` : '';
        return { colour, label: `${i + 1}${words}`, count: formatCount(tally.lsoas[i] ?? 0) };
      }),
    };
  }
  const counts = countClasses(colours.classified, lsoasInScope(state.attributes, state.attributes.lad, state.scope));
  const { classes } = colours.classified;
  const rows = classes.map((c, k) => ({
    colour: c.colour,
    label: colours.kind === 'bivariate' ? `${BIVARIATE_ROWS[Math.floor(k / 3)]}, ${BIVARIATE_COLUMNS[k % 3]?.toLowerCase()}` : c.label,
    count: formatCount(counts[k] ?? 0),
  }));
  return { heading: COLOURING_HEADINGS[colours.kind].heading, note: `LSOAs in ${scopeName}`, rows };
}

/** The title a picture starts with: the colouring, the vintage and the scope. */
export function pictureTitle(state: AppState): string {
  const colours = selectLsoaColours(state);
  return defaultPictureTitle(state.indicator, selectScopeName(state), colours ? COLOURING_HEADINGS[colours.kind].heading : null);
}

export interface PictureRequest {
  size: PictureSize;
  orientation: Orientation;
  title: string;
  key: PictureKey;
  /** The licence lines printed at the foot. */
  attribution: string;
  /** "8 December 2026". */
  date: string;
}

export interface PictureResult {
  blob: Blob;
  width: number;
  height: number;
  /** Set when the browser could not draw the map that sharp: what it did instead. */
  warning: string | null;
}

export type PictureStage = 'drawing the map' | 'laying out' | 'encoding';

/** What the map offers the UI. */
export interface MapPictures {
  /** Draws a picture off screen. Rejects with an AbortError when cancelled. */
  render: (request: PictureRequest, onStage: (stage: PictureStage) => void, signal: AbortSignal) => Promise<PictureResult>;
  /** The map as it is on screen now, as a PNG data URL (for printing); null before the map has loaded. */
  snapshot: () => string | null;
}
