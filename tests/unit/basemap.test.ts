import { describe, expect, it } from 'vitest';
import { fetchBasemap } from '../../src/map/basemap';

/** Answers the style fetch with `style`, as a basemap host would. */
async function adapted(style: unknown, url = 'https://tiles.example.org/styles/light/style.json') {
  const original = globalThis.fetch;
  globalThis.fetch = (async () => new Response(JSON.stringify(style))) as typeof fetch;
  try {
    return await fetchBasemap(url, new AbortController().signal);
  } finally {
    globalThis.fetch = original;
  }
}

describe('an online basemap style', () => {
  it('keeps tile templates as templates, relative ones resolved against the style address', async () => {
    const result = await adapted({
      version: 8,
      sources: {
        land: { type: 'raster', tiles: ['https://a.tiles.example.org/land/{z}/{x}/{y}.png', '../../raster/{z}/{x}/{y}.png'] },
        roads: { type: 'vector', url: 'planet.json' },
      },
      layers: [{ id: 'land', type: 'raster', source: 'land' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sources = Object.fromEntries(result.value.sources);
    expect(sources['basemap:land']).toMatchObject({
      tiles: ['https://a.tiles.example.org/land/{z}/{x}/{y}.png', 'https://tiles.example.org/raster/{z}/{x}/{y}.png'],
    });
    expect(sources['basemap:roads']).toMatchObject({ url: 'https://tiles.example.org/styles/light/planet.json' });
  });
});
