// An optional online basemap (a style URL from Settings) drawn under the LSOA fill. Loading it may
// fail or time out; the map works without it and a notice says so. While one is drawn the view's
// facts say so, and the fill is lighter (scope-dimming.ts).

import type { Result } from '../../data/load';
import { createRequests } from '../../state/requests';
import { fetchBasemap, type BasemapLayers } from '../basemap';
import { LAYER } from '../style';
import type { LayerGroup, MapContext } from './group';

const BASEMAP_TIMEOUT_MS = 10_000;

export function onlineBasemap(): LayerGroup<string | null> {
  let shown: BasemapLayers | null = null;
  // A newer URL (or none) aborts the load still going: the latest request wins (src/state/requests.ts).
  const loads = createRequests().line();

  const remove = ({ map, setFacts }: MapContext): void => {
    if (!shown) return;
    for (const layer of shown.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    for (const [id] of shown.sources) if (map.getSource(id)) map.removeSource(id);
    shown = null;
    setFacts({ overBasemap: false });
  };

  const draw = (result: Result<BasemapLayers>, context: MapContext): void => {
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

  const show = (url: string | null, context: MapContext): void => {
    loads.abort();
    remove(context);
    if (url === null) return;
    const request = loads.start();
    // The timeout ends only this fetch (fetchBasemap then says it took too long); a newer URL drops it.
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(BASEMAP_TIMEOUT_MS)]);
    request.settle(
      fetchBasemap(url, signal),
      (result) => draw(result, context),
      () => undefined,
    );
  };

  return {
    name: 'online basemap',
    select: (state) => state.basemapUrl,
    apply: (url, _previous, context) => show(url, context),
    stop: () => void loads.abort(),
  };
}
