// Owns the MapLibre map. Builds the style from the layer groups (src/map/layers/), runs them on
// every store change (each applies only when the state it reads changed), and turns map events into
// store actions. The UI never touches the map, and this class never renders UI.

import maplibregl, { type MapOptions } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { ladsInScope } from '../core/scope';
import { selectedArea } from '../state/slices/area-helpers';
import type { AppStore } from '../state/store';
import { AreaDrawing } from './area-drawing';
import { BASEMAP_PREFIX } from './basemap';
import { initialCamera, prefersReducedMotion } from './layers/camera';
import { GroupLoop, type LayerGroup, type MapContext, type MapFacts } from './layers/group';
import { createLayerGroups } from './layers/index';
import { useOwnMaplibreWorker } from './maplibre-worker';
import { addPmtilesProtocol } from './pmtiles-protocol';
import { SchemeDrawing } from './scheme-drawing';
import { parseSchemeTileUrl, SCHEME_TILE_PROTOCOL } from './scheme-tile-url';
import { buildStyle, LAYER, lsoaOfFeatureId } from './style';

const MAX_ZOOM = 15;
/** How far (pixels) from a point or route a click still hits it. */
const SCHEME_HIT_PX = 5;
/** How long a failed tile fetch waits before it is reported (see onError). */
const NETWORK_ERROR_GRACE_MS = 1000;

export class MapView {
  readonly map: maplibregl.Map;
  /** Resolves once the style and first tiles have loaded and the map follows the store. */
  readonly ready: Promise<void>;
  private readonly store: AppStore;
  private readonly groups: readonly LayerGroup[];
  private readonly loop: GroupLoop;
  private facts: MapFacts = { overBasemap: false };
  private unsubscribe: (() => void) | null = null;
  private tileErrorShown = false;
  private unloading = false;
  private basemapErrorShown = false;
  private readonly drawing: SchemeDrawing;
  private readonly areaDrawing: AreaDrawing;

  constructor(container: HTMLElement, store: AppStore, tilesUrl: string) {
    addPmtilesProtocol(tilesUrl);
    this.store = store;
    // The schemes' tiles come from the coverage worker (through the store), cut for the run shown.
    maplibregl.addProtocol(SCHEME_TILE_PROTOCOL, async (params) => {
      const address = parseSchemeTileUrl(params.url);
      const tile = address?.runKey ? await this.store.getState().schemeTile(address.runKey, address.z, address.x, address.y, address.colours) : null;
      return { data: tile ?? new ArrayBuffer(0) };
    });
    const state = store.getState();
    // The camera request waiting now is the map's starting view.
    this.groups = createLayerGroups({ cameraSeq: state.cameraRequest?.seq ?? 0 });
    const options: MapOptions = {
      container,
      style: buildStyle(
        {
          tilesUrl: `pmtiles://${tilesUrl}`,
          indicator: state.indicator,
          lads: ladsInScope(state.attributes, state.scope),
          minzoom: state.manifest.tiles.minzoom,
        },
        this.groups,
      ),
      attributionControl: false,
      minZoom: Math.max(0, state.manifest.tiles.minzoom - 1),
      maxZoom: MAX_ZOOM,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      ...initialCamera(state.cameraRequest, container.clientWidth, state.legendInset),
    };
    useOwnMaplibreWorker();
    this.map = new maplibregl.Map(options);
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('error', (event) => this.onError(event));
    this.drawing = new SchemeDrawing(this.map, (drawn) => this.store.getState().finishDrawing(drawn));
    this.areaDrawing = new AreaDrawing(this.map, {
      onShape: (geometry) => void this.store.getState().finishAreaShape(geometry),
      onEdit: (areaId, polygons) => this.store.getState().editAreaShapes(areaId, polygons),
    });
    const context: MapContext = {
      map: this.map,
      store,
      schemeDrawing: this.drawing,
      areaDrawing: this.areaDrawing,
      setFacts: (facts) => this.setFacts(facts),
    };
    this.loop = new GroupLoop(this.groups, context, () => ({ state: this.store.getState(), facts: this.facts }));
    // Leaving or reloading the page aborts tile fetches: those are not problems to report.
    const leaving = () => (this.unloading = true);
    window.addEventListener('beforeunload', leaving);
    window.addEventListener('pagehide', leaving);
    this.markFirstColouredFrame();
    this.ready = new Promise((resolve) => {
      this.map.once('load', () => {
        this.bindEvents();
        const { lng, lat } = this.map.getCenter();
        this.store.getState().reportCamera({ zoom: this.map.getZoom(), lat, lng });
        this.loop.run();
        this.unsubscribe = this.store.subscribe(() => this.loop.run());
        this.store.getState().setMapReady();
        resolve();
      });
    });
  }

  /** Marks the first frame that shows decile colours, for `npm run bench` (a performance mark). */
  private markFirstColouredFrame(): void {
    const onRender = () => {
      if (!this.map.getLayer(LAYER.lsoaFill) || this.map.queryRenderedFeatures({ layers: [LAYER.lsoaFill] }).length === 0) return;
      performance.mark('gapmap:first-coloured-frame');
      this.map.off('render', onRender);
    };
    this.map.on('render', onRender);
  }

  /**
   * The map on screen as a PNG data URL, for printing. Drawn now, synchronously, and read at once:
   * the canvas keeps no drawing buffer between frames (keeping one costs every frame).
   */
  snapshot(): string {
    this.map.redraw();
    return this.map.getCanvas().toDataURL('image/png');
  }

  destroy(): void {
    this.unsubscribe?.();
    this.drawing.stop();
    this.areaDrawing.stop();
    maplibregl.removeProtocol(SCHEME_TILE_PROTOCOL);
    for (const group of this.groups) group.stop?.();
    this.map.remove();
  }

  /** A basemap was added or removed: the groups reading that apply again. */
  private setFacts(facts: MapFacts): void {
    if (facts.overBasemap && !this.facts.overBasemap) this.basemapErrorShown = false; // A new basemap may fail anew.
    this.facts = facts;
    this.loop.run();
  }

  private bindEvents(): void {
    const { map, store } = this;
    map.on('mousemove', LAYER.lsoaFill, (event) => {
      const lsoa = lsoaOfFeatureId(event.features?.[0]?.id);
      if (!this.drawing.active && !this.areaDrawing.active) map.getCanvas().style.cursor = lsoa === null ? '' : 'pointer';
      store.getState().setHover(lsoa);
    });
    map.on('mouseleave', LAYER.lsoaFill, () => {
      if (!this.drawing.active && !this.areaDrawing.active) map.getCanvas().style.cursor = '';
      store.getState().setHover(null);
    });
    // A click on a scheme (points and thin routes are found within a few pixels) shows what it
    // is; anywhere else it selects the LSOA.
    map.on('click', (event) => {
      if (this.drawing.active || this.areaDrawing.active) return; // The click is part of a drawing.
      const state = store.getState();
      // Choosing LSOAs for an area: a click (or a shift-click with a set of LSOAs selected) adds or removes one.
      const choosing =
        state.areas.tool.kind === 'lsoas' || (event.originalEvent.shiftKey && state.areasOpen && selectedArea(state)?.definition.kind === 'lsoas');
      if (choosing) {
        const lsoa = lsoaOfFeatureId(map.queryRenderedFeatures(event.point, { layers: [LAYER.lsoaFill] })[0]?.id);
        if (lsoa !== null) state.toggleAreaLsoa(lsoa);
        return;
      }
      const { x, y } = event.point;
      const near: [[number, number], [number, number]] = [
        [x - SCHEME_HIT_PX, y - SCHEME_HIT_PX],
        [x + SCHEME_HIT_PX, y + SCHEME_HIT_PX],
      ];
      const layers = [LAYER.schemePoint, LAYER.schemeLine, LAYER.schemeAreaLine].filter((layer) => map.getLayoutProperty(layer, 'visibility') !== 'none');
      const showing = map.getLayoutProperty(LAYER.schemeCluster, 'visibility') !== 'none';
      const cluster = showing ? map.queryRenderedFeatures(near, { layers: [LAYER.schemeCluster] })[0] : undefined;
      if (cluster) {
        this.zoomIntoCluster(cluster, event.lngLat);
        return;
      }
      const scheme = layers.length > 0 ? map.queryRenderedFeatures(near, { layers })[0] : undefined;
      if (scheme && typeof scheme.id === 'number') {
        void store.getState().openSchemeAt(scheme.id - 1, [event.lngLat.lng, event.lngLat.lat]);
        return;
      }
      const lsoa = lsoaOfFeatureId(map.queryRenderedFeatures(event.point, { layers: [LAYER.lsoaFill] })[0]?.id);
      if (lsoa !== null) store.getState().selectLsoa(lsoa, { fly: false });
    });
    map.on('moveend', () => {
      const { lng, lat } = map.getCenter();
      store.getState().reportCamera({ zoom: map.getZoom(), lat, lng });
    });
    // Prefetch names and ranks once the first view is drawn, so the first click is instant.
    map.once('idle', () => store.getState().loadDetails());
  }

  /** Zooms to where a cluster of points comes apart. */
  private zoomIntoCluster(cluster: maplibregl.MapGeoJSONFeature, at: maplibregl.LngLat): void {
    // The worker that cut the tile wrote on each cluster where it comes apart.
    const zoom = Number(cluster.properties?.expansion_zoom ?? this.map.getZoom() + 2);
    this.map.easeTo({ center: at, zoom, duration: prefersReducedMotion() ? 0 : 500 });
  }

  /** MapLibre reports tile and style problems here; say so once, quietly, instead of logging errors. */
  private onError(event: { error: { message: string }; sourceId?: string }): void {
    if (this.unloading) return;
    // A fetch cut off because the page is closing or reloading fails like a lost connection, and
    // not every teardown announces itself (a closed tab may skip pagehide). Say so only if the
    // page is still here a moment later. Recent Chromium appends the URL: "Failed to fetch (…)".
    if (event.error.message.startsWith('Failed to fetch') && !event.sourceId?.startsWith(BASEMAP_PREFIX)) {
      setTimeout(() => {
        if (!this.unloading) this.reportError(event);
      }, NETWORK_ERROR_GRACE_MS);
      return;
    }
    this.reportError(event);
  }

  private reportError(event: { error: { message: string }; sourceId?: string }): void {
    const fromBasemap = typeof event.sourceId === 'string' && event.sourceId.startsWith(BASEMAP_PREFIX);
    if (fromBasemap) {
      if (this.basemapErrorShown) return;
      this.basemapErrorShown = true;
      this.store.getState().showNotice('Some basemap tiles could not be loaded. The deprivation map is unaffected; check the basemap in Settings.');
      return;
    }
    console.warn('Map:', event.error.message);
    // A tile that fails last would otherwise leave the map waiting for a frame that never comes.
    this.map.triggerRepaint();
    if (this.tileErrorShown) return;
    this.tileErrorShown = true;
    this.store.getState().showNotice('Some map tiles could not be loaded. Reload the page to try again.');
  }
}
