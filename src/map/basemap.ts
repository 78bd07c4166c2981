// An optional online basemap drawn under the LSOA layers. Any style URL a user pastes may be
// unreachable, not a style, or use features GapMap does not load (sprites, glyph servers), so
// fetching returns a result and the layers are adapted to draw safely without them.

import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Result } from '../data/load';

export const BASEMAP_PREFIX = 'basemap:';

export interface BasemapLayers {
  sources: [id: string, source: SourceSpecification][];
  layers: LayerSpecification[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function fetchBasemap(url: string, signal: AbortSignal): Promise<Result<BasemapLayers>> {
  const problem = (message: string): Result<BasemapLayers> => ({
    ok: false,
    problem: { kind: 'invalid', message, url },
  });
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    return problem(`The basemap address “${url}” is not a web address.`);
  }
  let style: unknown;
  try {
    const response = await fetch(base, { signal });
    if (!response.ok) return problem(`The basemap at ${base.host} answered HTTP ${response.status}.`);
    style = await response.json();
  } catch {
    if (signal.aborted) return problem('The basemap took too long to load.');
    return {
      ok: false,
      problem: {
        kind: 'unreachable',
        message: `The basemap at ${base.host} could not be reached, is not JSON, or is not allowed by this site's security policy.`,
        url,
      },
    };
  }
  if (!isObject(style) || style.version !== 8 || !isObject(style.sources) || !Array.isArray(style.layers)) {
    return problem(`The address at ${base.host} did not return a MapLibre style (JSON with version 8).`);
  }
  return { ok: true, value: adaptStyle(style.sources, style.layers, base) };
}

/** Prefixes ids so they cannot clash with GapMap's, resolves relative URLs, drops sprite use. */
function adaptStyle(sources: Record<string, unknown>, layers: unknown[], base: URL): BasemapLayers {
  // URL() percent-encodes the braces of tile templates ({z}/{x}/{y}), which MapLibre must see as they are.
  const resolve = (value: unknown) => (typeof value === 'string' ? new URL(value, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}') : value);
  const adaptedSources = Object.entries(sources).flatMap(([id, source]): [string, SourceSpecification][] => {
    if (!isObject(source) || typeof source.type !== 'string') return [];
    const adapted: Record<string, unknown> = { ...source };
    if ('url' in adapted) adapted.url = resolve(adapted.url);
    if (Array.isArray(adapted.tiles)) adapted.tiles = adapted.tiles.map(resolve);
    if (typeof adapted.data === 'string') adapted.data = resolve(adapted.data);
    return [[BASEMAP_PREFIX + id, adapted as unknown as SourceSpecification]];
  });
  const known = new Set(Object.keys(sources));
  const adaptedLayers = layers.flatMap((layer): LayerSpecification[] => {
    if (!isObject(layer) || typeof layer.id !== 'string' || typeof layer.type !== 'string') return [];
    if (layer.type !== 'background' && !(typeof layer.source === 'string' && known.has(layer.source))) return [];
    const adapted: Record<string, unknown> = { ...layer, id: BASEMAP_PREFIX + layer.id };
    if (typeof layer.source === 'string') adapted.source = BASEMAP_PREFIX + layer.source;
    // Icons and patterns come from the style's sprite, which GapMap does not load.
    if (isObject(layer.layout)) adapted.layout = without(layer.layout, ['icon-image']);
    if (isObject(layer.paint)) {
      adapted.paint = without(layer.paint, ['fill-pattern', 'line-pattern', 'background-pattern']);
    }
    return [adapted as unknown as LayerSpecification];
  });
  return { sources: adaptedSources, layers: adaptedLayers };
}

function without(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
