// An optional online basemap (a style URL from Settings) drawn under the LSOA fill. Loading it may
// fail or time out; the map works without it and a notice says so. While one is drawn the view's
// facts say so, and the fill is lighter (scope-dimming.ts).

import { fetchBasemap, type BasemapLayers } from '../basemap';
import { LAYER } from '../style';
import type { LayerGroup, MapContext } from './group';

const BASEMAP_TIMEOUT_MS = 10_000;

export function onlineBasemap(): LayerGroup<string | null> {
  let shown: BasemapLayers | null = null;
  let loading: AbortController | null = null;

  const remove = ({ map, setFacts }: MapContext): void => {
    if (!shown) return;
    for (const layer of shown.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    for (const [id] of shown.sources) if (map.getSource(id)) map.removeSource(id);
    shown = null;
    setFacts({ overBasemap: false });
  };

  const show = async (url: string | null, context: MapContext): Promise<void> => {
    loading?.abort();
    loading = null;
    remove(context);
    if (url === null) return;
    const load = new AbortController();
    loading = load;
    const timeout = setTimeout(() => load.abort(), BASEMAP_TIMEOUT_MS);
    const result = await fetchBasemap(url, load.signal);
    clearTimeout(timeout);
    if (loading !== load) return;
    loading = null;
    const { map, store } = context;
    if (!result.ok) {
      store.getState().showNotice(`${result.problem.message} The map works without it; change or remove it in Settings.`);
      return;
    }
    shown = result.value;
    try {
      for (const [id, source] of result.value.sources) map.addSource(id, source);
      for (const layer of result.value.layers) map.addLayer(layer, LAYER.lsoaFill);
    } catch {
      remove(context);
      store.getState().showNotice('The basemap style uses features GapMap cannot draw, so it is not shown. Choose another in Settings.');
      return;
    }
    context.setFacts({ overBasemap: true });
  };

  return {
    name: 'online basemap',
    select: (state) => state.basemapUrl,
    apply: (url, _previous, context) => void show(url, context),
    stop: () => loading?.abort(),
  };
}
