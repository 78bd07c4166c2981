// Owns the MapLibre map. Reads the store and applies it to the map (indicator paint, scope
// dimming, hover and selection outlines, camera moves, basemap); turns map events into store
// actions. The UI never touches the map, and this class never renders UI.

import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type MapOptions, type PaddingOptions, type VectorTileSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { FetchSource, PMTiles, Protocol, type RangeResponse, type Source } from 'pmtiles';
import { ladsInScope } from '../core/scope';
import {
  highlightedArea,
  lsoasInArea,
  selectedLsoa,
  type AppState,
  type AppStore,
  type CameraRequest,
} from '../state/store';
import type { CoverageRun } from '../state/coverage-protocol';
import { runDatasetColours, schemeCard, selectAreaListLsoas, selectLsoaColours } from '../state/selectors';
import { SchemeDrawing } from './scheme-drawing';
import { AreaDrawing } from './area-drawing';
import { selectedArea } from '../state/areas-slice';
import { BASEMAP_PREFIX, fetchBasemap, type BasemapLayers } from './basemap';
import {
  AREA_SOURCE,
  areaListPaint,
  areaLsoaPaint,
  buildStyle,
  decileColourExpression,
  lsoaClassColourExpression,
  featureIdOf,
  fillOpacityExpression,
  areaFillOpacityExpression,
  GAP_LAYERS,
  LAYER,
  lsoaIdFilter,
  lsoaIdSetFilter,
  lsoaOfFeatureId,
  SCHEME_LAYERS,
  POSTCODE_SOURCE,
  parseSchemeTileUrl,
  SCHEME_SOURCE,
  SCHEME_TILE_PROTOCOL,
  schemeTilesUrl,
  SOURCE,
} from './style';

const MAX_ZOOM = 15;
/** How far (pixels) from a point or route a click still hits it. */
const SCHEME_HIT_PX = 5;
/** How long a failed tile fetch waits before it is reported (see onError). */
const NETWORK_ERROR_GRACE_MS = 1000;
const FIT_PADDING = 48;
const BASEMAP_TIMEOUT_MS = 10_000;

let protocolAdded = false;

/**
 * Chromium now and then fails a range request on a file it is also caching
 * (protomaps/PMTiles#384, #442): the fetch rejects with a TypeError. One retry clears it.
 */
class RetryingSource implements Source {
  private readonly inner: FetchSource;

  constructor(url: string) {
    this.inner = new FetchSource(url);
  }

  getKey(): string {
    return this.inner.getKey();
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    try {
      return await this.inner.getBytes(offset, length, signal, etag);
    } catch (error) {
      if (!(error instanceof TypeError) || signal?.aborted) throw error;
      return this.inner.getBytes(offset, length, signal, etag);
    }
  }
}

const protocol = new Protocol();

function addPmtilesProtocol(tilesUrl: string) {
  if (!protocol.get(tilesUrl)) protocol.add(new PMTiles(new RetryingSource(tilesUrl)));
  if (protocolAdded) return;
  maplibregl.addProtocol('pmtiles', protocol.tile);
  protocolAdded = true;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class MapView {
  readonly map: maplibregl.Map;
  /** Resolves once the style and first tiles have loaded and the map follows the store. */
  readonly ready: Promise<void>;
  private readonly store: AppStore;
  private unsubscribe: (() => void) | null = null;
  private handledCameraSeq = 0;
  private basemap: BasemapLayers | null = null;
  private basemapLoad: AbortController | null = null;
  private tileErrorShown = false;
  private unloading = false;
  private popup: maplibregl.Popup | null = null;
  private basemapErrorShown = false;
  private drawnRun: CoverageRun | null = null;
  /** The scheme tiles' address last set (run key and dataset colours). */
  private schemeTilesUrl = schemeTilesUrl(null);
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
    const options: MapOptions = {
      container,
      style: buildStyle({
        tilesUrl: `pmtiles://${tilesUrl}`,
        indicator: state.indicator,
        lads: ladsInScope(state.attributes, state.scope),
        minzoom: state.manifest.tiles.minzoom,
      }),
      attributionControl: false,
      minZoom: Math.max(0, state.manifest.tiles.minzoom - 1),
      maxZoom: MAX_ZOOM,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      ...this.initialCamera(state.cameraRequest, container.clientWidth),
    };
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
    // Leaving or reloading the page aborts tile fetches: those are not problems to report.
    const leaving = () => (this.unloading = true);
    window.addEventListener('beforeunload', leaving);
    window.addEventListener('pagehide', leaving);
    this.markFirstColouredFrame();
    this.ready = new Promise((resolve) => {
      this.map.once('load', () => {
        this.bindEvents();
        this.applyAll(this.store.getState());
        this.unsubscribe = this.store.subscribe((next, previous) => this.apply(next, previous));
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

  destroy(): void {
    this.unsubscribe?.();
    this.drawing.stop();
    this.areaDrawing.stop();
    maplibregl.removeProtocol(SCHEME_TILE_PROTOCOL);
    this.basemapLoad?.abort();
    this.map.remove();
  }

  private initialCamera(request: CameraRequest | null, width: number): Partial<MapOptions> {
    if (!request) return {};
    this.handledCameraSeq = request.seq;
    const { target } = request;
    switch (target.kind) {
      case 'camera':
        return { center: [target.camera.lng, target.camera.lat], zoom: target.camera.zoom };
      case 'bounds':
        return {
          bounds: target.bounds as LngLatBoundsLike,
          fitBoundsOptions: { padding: this.fitPadding(width), maxZoom: target.maxZoom },
        };
    }
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
      const choosing = state.areas.tool.kind === 'lsoas' || (event.originalEvent.shiftKey && state.areasOpen && selectedArea(state)?.definition.kind === 'lsoas');
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
        void this.zoomIntoCluster(cluster, event.lngLat);
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

  private applyAll(state: AppState): void {
    const { lng, lat } = this.map.getCenter();
    state.reportCamera({ zoom: this.map.getZoom(), lat, lng });
    this.applyFill(state);
    this.applyOutlines(state, null);
    this.applyHover(state.hover, null);
    this.applyCamera(state.cameraRequest);
    void this.applyBasemap(state.basemapUrl);
    this.applySchemes(state);
    this.applyAreaLists(state);
    this.applyGaps(state);
    this.applyPostcodeMarker(state);
    this.applyAreas(state);
    this.applyAreaTool(state);
  }

  private apply(state: AppState, previous: AppState): void {
    const recolour =
      state.coverage.colourBy !== previous.coverage.colourBy ||
      (state.coverage.colourBy !== 'deprivation' &&
        (state.coverage.result !== previous.coverage.result ||
          state.coverage.schemesHash !== previous.coverage.schemesHash ||
          state.coverage.includeProposed !== previous.coverage.includeProposed));
    if (state.indicator !== previous.indicator || state.scope !== previous.scope || state.coverage.areaScope !== previous.coverage.areaScope || recolour) this.applyFill(state);
    if (state.panel !== previous.panel || state.details !== previous.details) this.applyOutlines(state, previous);
    if (state.hover !== previous.hover) this.applyHover(state.hover, previous.hover);
    if (state.cameraRequest !== previous.cameraRequest) this.applyCamera(state.cameraRequest);
    if (state.basemapUrl !== previous.basemapUrl) void this.applyBasemap(state.basemapUrl);
    const coverage = state.coverage;
    const before = previous.coverage;
    const datasetsChanged = coverage.datasets !== before.datasets;
    if (coverage.result !== before.result || coverage.schemesHash !== before.schemesHash || coverage.showSchemes !== before.showSchemes || datasetsChanged) this.applySchemes(state);
    if (coverage.schemesHash !== before.schemesHash || coverage.result !== before.result || datasetsChanged) this.applyAreaLists(state);
    if (coverage.openScheme !== before.openScheme) this.applySchemePopup(state);
    if (coverage.editing !== before.editing) this.drawing.setShape(coverage.editing.kind === 'drawing' ? coverage.editing.shape : null);
    if (coverage.summary !== before.summary || coverage.showGaps !== before.showGaps) this.applyGaps(state);
    if (state.postcodeMarker !== previous.postcodeMarker) this.applyPostcodeMarker(state);
    if (state.areas.list !== previous.areas.list || state.areas.selectedId !== previous.areas.selectedId || state.areas.report !== previous.areas.report) this.applyAreas(state);
    if (state.areas.tool !== previous.areas.tool || state.areas.list !== previous.areas.list || state.areas.selectedId !== previous.areas.selectedId) this.applyAreaTool(state);
  }

  /** Target areas: drawn shapes as outlines (the selected one filled lightly), chosen LSOAs outlined in their area's colour. */
  private applyAreas(state: AppState): void {
    const { list, selectedId, report } = state.areas;
    const features = list
      .filter((area) => area.visible && area.definition.kind === 'shapes')
      .map((area) => ({
        type: 'Feature' as const,
        properties: { colour: area.colour, selected: area.id === selectedId },
        geometry: { type: 'MultiPolygon' as const, coordinates: area.definition.kind === 'shapes' ? area.definition.polygons : [] },
      }));
    (this.map.getSource(AREA_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    const colourOf = new Map<number, string>();
    for (const area of list) {
      if (!area.visible || area.definition.kind !== 'lsoas') continue;
      for (const code of area.definition.codes) {
        const lsoa = state.lsoaByCode.get(code);
        if (lsoa !== undefined) colourOf.set(lsoa, area.colour);
      }
    }
    const selected = selectedArea(state);
    if (selected && report.status === 'ready' && report.areaId === selected.id) for (const lsoa of report.report.lsoas) colourOf.set(lsoa, selected.colour);
    const { filter, colour } = areaLsoaPaint(colourOf);
    // Built from ids, valid by construction (see applyAreaLists).
    this.map.setFilter(LAYER.areaLsoaLine, filter, { validate: false });
    this.map.setPaintProperty(LAYER.areaLsoaLine, 'line-color', colour, { validate: false });
  }

  private applyAreaTool(state: AppState): void {
    const area = selectedArea(state);
    const shapes = area?.definition.kind === 'shapes' ? { id: area.id, polygons: area.definition.polygons } : null;
    this.areaDrawing.apply(state.areas.tool, shapes);
    if (state.areas.tool.kind === 'lsoas') this.map.getCanvas().style.cursor = 'copy';
  }

  /** Zooms to where a cluster of points comes apart. */
  private async zoomIntoCluster(cluster: maplibregl.MapGeoJSONFeature, at: maplibregl.LngLat): Promise<void> {
    // The worker that cut the tile wrote on each cluster where it comes apart.
    const zoom = Number(cluster.properties?.expansion_zoom ?? this.map.getZoom() + 2);
    this.map.easeTo({ center: at, zoom, duration: prefersReducedMotion() ? 0 : 500 });
  }

  /** A popup naming the open scheme and its facts, as text (names from files are never read as HTML). */
  private applySchemePopup(state: AppState): void {
    const card = schemeCard(state);
    const at = state.coverage.openScheme?.at;
    const open = this.popup;
    this.popup = null;
    open?.remove();
    if (!card || !at) return;
    const body = document.createElement('div');
    body.className = 'scheme-popup';
    const title = document.createElement('strong');
    title.textContent = card.title;
    body.append(title);
    for (const line of card.lines) {
      const row = document.createElement('div');
      row.textContent = line;
      body.append(row);
    }
    if (card.editable) {
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.className = 'link-button';
      edit.textContent = 'Edit scheme';
      edit.addEventListener('click', () => this.store.getState().editOpenScheme());
      body.append(edit);
    }
    const popup = new maplibregl.Popup({ maxWidth: '280px', focusAfterOpen: true }).setLngLat(at).setDOMContent(body);
    // Closed by the user (× or Escape): the store forgets it. Closed here: this.popup is no longer it.
    popup.on('close', () => {
      if (this.popup === popup) this.store.getState().closeScheme();
    });
    this.popup = popup;
    popup.addTo(this.map);
  }

  private applyPostcodeMarker(state: AppState): void {
    const marker = state.postcodeMarker;
    (this.map.getSource(POSTCODE_SOURCE) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: marker ? [{ type: 'Feature', properties: { postcode: marker.postcode }, geometry: { type: 'Point', coordinates: [marker.lon, marker.lat] } }] : [],
    });
  }

  /**
   * The schemes shown, drawn by kind over the deciles and under the labels, as vector tiles the
   * coverage worker cuts for the run (parsed in MapLibre's worker: a large dataset never stalls
   * the page).
   */
  private applySchemes(state: AppState): void {
    const { result, schemesHash, showSchemes } = state.coverage;
    const current = result && result.run.schemesHash === schemesHash ? result.run : null;
    // Keep what is drawn while a run for new schemes is on its way; clear it when none are shown.
    if (current !== this.drawnRun && (current !== null || schemesHash === null)) this.drawnRun = current;
    // Each scheme in its dataset's colour, as the panel's swatch shows it: the colours travel in the tile address.
    const colours = this.drawnRun ? runDatasetColours(state.coverage.datasets, this.drawnRun.datasets) : [];
    const url = schemeTilesUrl(this.drawnRun?.key ?? null, colours);
    if (url !== this.schemeTilesUrl) {
      this.schemeTilesUrl = url;
      (this.map.getSource(SCHEME_SOURCE) as VectorTileSource | undefined)?.setTiles([url]);
    }
    for (const layer of SCHEME_LAYERS) this.map.setLayoutProperty(layer, 'visibility', showSchemes ? 'visible' : 'none');
  }

  /** Schemes that name areas have no shape: their LSOAs are tinted once a run has found them. */
  private applyAreaLists(state: AppState): void {
    const { filter, colour } = areaListPaint(selectAreaListLsoas(state));
    // Built here from ids, so valid by construction: validating thousands of labels is main-thread work for nothing.
    this.map.setFilter(LAYER.schemeAreaListFill, filter, { validate: false });
    this.map.setPaintProperty(LAYER.schemeAreaListFill, 'fill-color', colour, { validate: false });
  }

  /** Gaps (uncovered LSOAs in the most deprived deciles, in scope) as a thick outline: line work, not fill. */
  private applyGaps(state: AppState): void {
    const { summary, showGaps } = state.coverage;
    const gaps = showGaps && summary ? summary.summary.gaps.map((gap) => gap.index) : [];
    const filter = lsoaIdSetFilter(gaps);
    for (const layer of GAP_LAYERS) this.map.setFilter(layer, filter, { validate: false }); // Valid by construction (see applyAreaLists).
  }

  private applyFill(state: AppState): void {
    const colours = selectLsoaColours(state);
    // Built from ids, valid by construction (see applyAreaLists).
    this.map.setPaintProperty(LAYER.lsoaFill, 'fill-color', colours ? lsoaClassColourExpression(colours.classified) : decileColourExpression(state.indicator), {
      validate: false,
    });
    // The coverage dashboard showing a target area dims the rest, as a scope does.
    const area = state.coverage.areaScope;
    const overBasemap = this.basemap !== null;
    this.map.setPaintProperty(
      LAYER.lsoaFill,
      'fill-opacity',
      area ? areaFillOpacityExpression(area.lsoas, overBasemap) : fillOpacityExpression(ladsInScope(state.attributes, state.scope), overBasemap),
      { validate: false }, // Built from ids, valid by construction (see applyAreaLists).
    );
  }

  /** Selection and highlighted ward/MSOA are line work over the fill, never a change of fill. */
  private applyOutlines(state: AppState, previous: AppState | null): void {
    const selected = selectedLsoa(state.panel);
    if (!previous || selected !== selectedLsoa(previous.panel)) {
      const filter = lsoaIdFilter(selected === null ? [] : [selected]);
      this.map.setFilter(LAYER.selectedCasing, filter);
      this.map.setFilter(LAYER.selectedLine, filter);
    }
    const area = highlightedArea(state.panel);
    const details = state.details.status === 'ready' ? state.details.details : null;
    const members = area && details ? lsoasInArea(details, area) : [];
    const filter = lsoaIdFilter(members);
    this.map.setFilter(LAYER.highlightCasing, filter);
    this.map.setFilter(LAYER.highlightLine, filter);
  }

  private applyHover(lsoa: number | null, previous: number | null): void {
    const feature = (index: number) => ({ source: SOURCE, sourceLayer: 'lsoa', id: featureIdOf(index) });
    if (previous !== null) this.map.setFeatureState(feature(previous), { hover: false });
    if (lsoa !== null) this.map.setFeatureState(feature(lsoa), { hover: true });
  }

  private applyCamera(request: CameraRequest | null): void {
    if (!request || request.seq <= this.handledCameraSeq) return;
    this.handledCameraSeq = request.seq;
    const animate = request.animate && !prefersReducedMotion();
    const { target } = request;
    // Wait a frame: the side panel may be opening in the same update and narrow the map.
    requestAnimationFrame(() => {
      this.map.resize();
      switch (target.kind) {
        case 'camera':
          this.map.jumpTo({ center: [target.camera.lng, target.camera.lat], zoom: target.camera.zoom });
          return;
        case 'bounds':
          this.map.fitBounds(target.bounds as LngLatBoundsLike, {
            padding: this.fitPadding(this.map.getContainer().clientWidth),
            maxZoom: target.maxZoom,
            animate,
            duration: 900,
          });
          return;
      }
    });
  }

  /** Keeps fitted areas clear of the legend, unless that would leave too narrow a view. */
  private fitPadding(width: number): PaddingOptions {
    const { legendInset } = this.store.getState();
    const left = legendInset > 0 && width - legendInset > 280 ? legendInset + 16 : FIT_PADDING;
    return { top: FIT_PADDING, right: FIT_PADDING, bottom: FIT_PADDING, left };
  }

  private async applyBasemap(url: string | null): Promise<void> {
    this.basemapLoad?.abort();
    this.basemapLoad = null;
    this.removeBasemap();
    if (url === null) return;
    const load = new AbortController();
    this.basemapLoad = load;
    const timeout = setTimeout(() => load.abort(), BASEMAP_TIMEOUT_MS);
    const result = await fetchBasemap(url, load.signal);
    clearTimeout(timeout);
    if (this.basemapLoad !== load) return;
    this.basemapLoad = null;
    if (!result.ok) {
      this.store.getState().showNotice(`${result.problem.message} The map works without it; change or remove it in Settings.`);
      return;
    }
    this.basemapErrorShown = false;
    this.basemap = result.value;
    try {
      for (const [id, source] of result.value.sources) this.map.addSource(id, source);
      for (const layer of result.value.layers) this.map.addLayer(layer, LAYER.lsoaFill);
    } catch {
      this.removeBasemap();
      this.store.getState().showNotice('The basemap style uses features GapMap cannot draw, so it is not shown. Choose another in Settings.');
    }
    this.applyFill(this.store.getState());
  }

  private removeBasemap(): void {
    if (!this.basemap) return;
    for (const layer of this.basemap.layers) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
    for (const [id] of this.basemap.sources) if (this.map.getSource(id)) this.map.removeSource(id);
    this.basemap = null;
    this.applyFill(this.store.getState());
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
