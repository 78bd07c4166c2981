// The view as it travels in a link: `#map=9.5/53.45/-2.31&ind=income&scope=lad:E08000009&lsoa=E01000001&v=…`
// (`v`: the rest of the view, link-view.ts).
// Pure parse and format; defaults (IMD, England, no selection) are left out to keep links short.

import { isIndicatorKey, type IndicatorKey } from '../core/indicators';
import { formatScopeRef, parseScopeRef, type ScopeRef } from '../core/scope';
import { formatExtras, parseExtras, type LinkExtras } from './link-view';

export interface Camera {
  zoom: number;
  lat: number;
  lng: number;
}

export interface UrlView {
  camera: Camera | null;
  indicator: IndicatorKey | null;
  scope: ScopeRef | null;
  /** LSOA code of the selected LSOA. */
  lsoa: string | null;
  /** The rest of the view (colouring, rule, datasets, areas…: link-view.ts); null in an older or hand-made link. */
  extras?: LinkExtras;
}

export const EMPTY_URL_VIEW: UrlView = { camera: null, indicator: null, scope: null, lsoa: null };

const LSOA_CODE = /^E01\d{6}$/;

/** Reads what it can and ignores the rest, so a hand-edited or old link still opens something. */
export function parseViewHash(hash: string): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const indicator = params.get('ind');
  const scope = params.get('scope');
  const lsoa = params.get('lsoa')?.toUpperCase() ?? null;
  const extras = parseExtras(params.get('v'));
  return {
    camera: parseCamera(params.get('map')),
    indicator: indicator !== null && isIndicatorKey(indicator) ? indicator : null,
    scope: scope === null ? null : parseScopeRef(scope),
    lsoa: lsoa !== null && LSOA_CODE.test(lsoa) ? lsoa : null,
    ...(extras ? { extras } : {}),
  };
}

function parseCamera(text: string | null): Camera | null {
  const parts = text?.split('/') ?? [];
  if (parts.length !== 3 || parts.some((part) => part.trim() === '')) return null;
  const [zoom, lat, lng] = parts.map(Number) as [number, number, number];
  const valid = Number.isFinite(zoom) && zoom >= 0 && zoom <= 24 && Math.abs(lat) <= 85 && Math.abs(lng) <= 180;
  return valid ? { zoom, lat, lng } : null;
}

export function formatViewHash(view: UrlView): string {
  // URLSearchParams would escape '/' and ':', which are legal in a fragment and easier to read.
  const parts: string[] = [];
  if (view.camera) parts.push(`map=${formatCamera(view.camera)}`);
  if (view.indicator && view.indicator !== 'imd') parts.push(`ind=${view.indicator}`);
  const scope = view.scope ? formatScopeRef(view.scope) : null;
  if (scope) parts.push(`scope=${scope}`);
  if (view.lsoa) parts.push(`lsoa=${view.lsoa}`);
  const extras = view.extras ? formatExtras(view.extras) : null;
  if (extras) parts.push(`v=${extras}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}

/** Coordinates only as precise as the zoom can show: about a pixel's worth. */
function formatCamera({ zoom, lat, lng }: Camera): string {
  const degreesPerPixel = 360 / (512 * 2 ** zoom);
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(degreesPerPixel))));
  return [trim(zoom, 2), trim(lat, decimals), trim(lng, decimals)].join('/');
}

function trim(value: number, decimals: number): string {
  const text = String(Number(value.toFixed(decimals)));
  return text === '-0' ? '0' : text;
}
