// The HTTP headers GapMap is served with, defined once. vite.config.ts sends them from `vite
// preview` (so the end-to-end tests run under the real policy) and, loosened only where Vite's
// hot reload needs it, from `vite` dev; the build writes them, with the cache rules, to
// dist/_headers (read by Netlify and Cloudflare Pages); docs/deploy.md shows them for nginx and
// other hosts, and tests/unit/security-headers.test.ts fails when the docs say something else.

/**
 * Where an online basemap may come from. Settings takes any style address a user pastes, and a
 * style names its own tile hosts, so by default any https host may be read (never http; only
 * fetched as data, in connect-src, never run or shown as a page). A council that uses one basemap narrows
 * this to its host(s), or to nothing to turn online basemaps off (docs/deploy.md).
 */
const BASEMAP_SOURCES: readonly string[] = ['https:'];

/** Each directive with its sources, and why (the reasons are for this file's readers). */
function directives(basemap: readonly string[]): [name: string, sources: string[]][] {
  return [
    // Nothing is allowed unless named below (fonts, frames, media: none are used).
    ['default-src', ["'none'"]],
    // Only the built bundles: no inline script, no eval, no blob: or data: scripts.
    ['script-src', ["'self'"]],
    // The coverage worker (a module) and MapLibre's worker (its CSP build's file, not a blob: URL).
    ['worker-src', ["'self'"]],
    // The built style sheets. Inline styles are not needed: Preact and MapLibre set element.style
    // through the CSSOM, which CSP allows.
    ['style-src', ["'self'"]],
    // data: for MapLibre's control icons (in its CSS) and the empty favicon; blob: for MapLibre's
    // fallback where a browser cannot decode fetched tile bytes with createImageBitmap (it then
    // shows them through an <img> with a blob: address). Basemap tiles are fetched, not <img>s.
    ['img-src', ["'self'", 'data:', 'blob:']],
    // The map data under data/ (fetches and PMTiles range requests) and the optional basemap's
    // style and tiles (fetched by the page and by MapLibre's worker).
    ['connect-src', ["'self'", ...basemap]],
    // The web app manifest (name and icon when GapMap is installed; the offline copy, docs/deploy.md).
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

export function contentSecurityPolicy(basemap: readonly string[] = BASEMAP_SOURCES): string {
  return directives(basemap)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers to send with every response (the page, its scripts and workers, and data/). */
export function securityHeaders(basemap: readonly string[] = BASEMAP_SOURCES): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(basemap),
    'X-Content-Type-Options': 'nosniff',
    // frame-ancestors 'none' says the same to browsers that read CSP; this is for older ones.
    'X-Frame-Options': 'DENY',
    // A basemap provider may check which site its key is used from, so the origin goes with
    // cross-site requests; the path and the hash (the view) never do.
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // GapMap uses none of these; a script that got in could not either.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * For `vite` dev only: Vite injects each style sheet as a <style> element (to swap it without a
 * reload), so style-src needs 'unsafe-inline' there. Scripts stay as strict as in production.
 */
export function developmentHeaders(): Record<string, string> {
  const headers = securityHeaders();
  headers['Content-Security-Policy'] = headers['Content-Security-Policy']!.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  return headers;
}

/**
 * How long browsers may keep each kind of file (paths as served, from the site's root). No two
 * paths overlap: hosts differ in how they combine two matching rules (Netlify keeps the later,
 * Cloudflare Pages joins both values), and `_headers` patterns cannot tell data/'s hashed names
 * from manifest.json, so hashed data files keep the host's default (revalidate by ETag); the
 * nginx example in docs/deploy.md marks them immutable by name.
 */
const CACHE_RULES: readonly { path: string; cacheControl: string; why: string }[] = [
  { path: '/assets/*', cacheControl: 'public, max-age=31536000, immutable', why: 'names carry a content hash' },
  { path: '/data/manifest.json', cacheControl: 'no-cache', why: 'names the current data files' },
  { path: '/data/report.json', cacheControl: 'no-cache', why: 'describes the current build' },
  { path: '/', cacheControl: 'no-cache', why: 'names the current bundles' },
  { path: '/index.html', cacheControl: 'no-cache', why: 'names the current bundles' },
  { path: '/service-worker.js', cacheControl: 'no-cache', why: 'lists the current bundles for the offline copy' },
];

/**
 * The `_headers` file (Netlify, Cloudflare Pages): the security headers on every path, then the
 * cache rules. Later, more specific rules add to earlier ones.
 */
export function headersFile(): string {
  const lines = ['/*', ...Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`)];
  for (const rule of CACHE_RULES) lines.push(rule.path, `  Cache-Control: ${rule.cacheControl}`);
  return `${lines.join('\n')}\n`;
}

/** The same headers as nginx `add_header` lines (`always`: on error pages too). */
export function nginxHeaderLines(): string {
  return Object.entries(securityHeaders())
    .map(([name, value]) => `add_header ${name} "${value}" always;`)
    .join('\n');
}
