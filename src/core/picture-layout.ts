// What a map picture is made of, as plain numbers and words: its sizes (a slide, A4 and A3 at
// 300 dpi), the scale bar's length for a latitude and zoom, and the default title. Pure, so the
// unit tests check the figures and the map code only draws them.

import { INDICATORS, type IndicatorKey } from './indicators';

export type PictureSize = 'screen' | 'slide' | 'a4' | 'a3';
export type Orientation = 'landscape' | 'portrait';

/** Print sizes at 300 dots per inch: millimetres / 25.4 × 300, rounded as printers' software does. */
const PAPER_PX: Record<'a4' | 'a3', [long: number, short: number]> = {
  a4: [3508, 2480],
  a3: [4961, 3508],
};

export const PICTURE_SIZE_LABELS: Record<PictureSize, string> = {
  screen: 'What the screen shows',
  slide: 'Slide, 1920 × 1080',
  a4: 'A4 at 300 dpi',
  a3: 'A3 at 300 dpi',
};

/** The picture's size in pixels; `screen` is the map's own size on screen (CSS pixels). */
export function picturePixels(size: PictureSize, orientation: Orientation, screen: { width: number; height: number }): { width: number; height: number } {
  if (size === 'screen') return { width: Math.round(screen.width), height: Math.round(screen.height) };
  if (size === 'slide') return orientation === 'landscape' ? { width: 1920, height: 1080 } : { width: 1080, height: 1920 };
  const [long, short] = PAPER_PX[size];
  return orientation === 'landscape' ? { width: long, height: short } : { width: short, height: long };
}

/** The earth's equatorial circumference in metres (WGS 84), as Web Mercator uses it. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
/** MapLibre's tiles are 512 CSS pixels wide at zoom 0. */
const TILE_PX = 512;

/** Ground metres one CSS pixel of a MapLibre map covers at this latitude and zoom. */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (TILE_PX * 2 ** zoom);
}

/**
 * The longest round distance (1, 2 or 5 × a power of ten metres) whose bar fits in `maxPx`
 * pixels, with its length in pixels and its label ("500 m", "2 km").
 */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number; label: string } {
  const most = metresPerPx * maxPx;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((k) => k * power <= most) ?? 1;
  const metres = step * power;
  const label = metres >= 1000 ? `${(metres / 1000).toLocaleString('en-GB')} km` : `${metres.toLocaleString('en-GB')} m`;
  return { metres, px: metres / metresPerPx, label };
}

/**
 * "Index of Multiple Deprivation 2025 — Essex": what colours the map, its vintage, where. A
 * coverage colouring names itself instead ("£ per head allocated — Essex").
 */
export function defaultPictureTitle(indicator: IndicatorKey, scopeName: string, colouring: string | null = null): string {
  const info = INDICATORS[indicator];
  const whole = indicator === 'imd' || indicator === 'idaci' || indicator === 'idaopi';
  const what = colouring ?? (whole ? `${info.label} 2025` : `${info.label} domain, IoD 2025`);
  return `${what} — ${scopeName}`;
}

/** "8 December 2026": the date printed on a picture. */
export function pictureDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
