// The address of a scheme tile. The schemes' vector tiles are cut by the coverage worker
// (src/worker/scheme-tiles.ts) for the run shown, and fetched through the `gapmap-schemes:`
// protocol, which the map view answers from the store.

export const SCHEME_TILE_PROTOCOL = 'gapmap-schemes';

/**
 * The tile address for a coverage run's schemes (null: none shown), with the colours of its
 * datasets in order (#rrggbb): the worker writes each scheme's colour into the tiles, so the
 * layers' paint never changes. Changing a data-driven paint property pauses the source, and a new
 * run's tiles set meanwhile were then dropped (the old run's tiles stayed on the map).
 */
export function schemeTilesUrl(runKey: string | null, colours: readonly string[] = []): string {
  const key = runKey === null ? 'none' : encodeURIComponent(runKey);
  const palette = colours.length > 0 ? `?colours=${colours.map((c) => c.replace('#', '')).join(',')}` : '';
  return `${SCHEME_TILE_PROTOCOL}://${key}/{z}/{x}/{y}${palette}`;
}

/** The run key, z, x, y and dataset colours of a scheme tile address; null when it is not one. */
export function parseSchemeTileUrl(url: string): { runKey: string | null; z: number; x: number; y: number; colours: string[] } | null {
  const match = new RegExp(`^${SCHEME_TILE_PROTOCOL}://([^/]+)/(\\d+)/(\\d+)/(\\d+)(?:\\?colours=([0-9a-fA-F,]*))?$`).exec(url);
  if (!match) return null;
  const colours = (match[5] ?? '')
    .split(',')
    .filter((c) => c !== '')
    .map((c) => `#${c}`);
  return { runKey: match[1] === 'none' ? null : decodeURIComponent(match[1]!), z: Number(match[2]), x: Number(match[3]), y: Number(match[4]), colours };
}
