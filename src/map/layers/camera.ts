// Camera requests from the store (fit a district, fly to a postcode, the camera in the URL): each
// is applied once, by its sequence number. The first is the map's starting view.

import type { LngLatBoundsLike, MapOptions, PaddingOptions } from 'maplibre-gl';
import type { CameraRequest } from '../../state/slices/view';
import type { LayerGroup } from './group';

const FIT_PADDING = 48;

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Keeps fitted areas clear of the legend, unless that would leave too narrow a view. */
function fitPadding(width: number, legendInset: number): PaddingOptions {
  const left = legendInset > 0 && width - legendInset > 280 ? legendInset + 16 : FIT_PADDING;
  return { top: FIT_PADDING, right: FIT_PADDING, bottom: FIT_PADDING, left };
}

/** The map's starting view, from the request waiting when it is made (the camera group is then told it was handled). */
export function initialCamera(request: CameraRequest | null, width: number, legendInset: number): Partial<MapOptions> {
  if (!request) return {};
  const { target } = request;
  switch (target.kind) {
    case 'camera':
      return { center: [target.camera.lng, target.camera.lat], zoom: target.camera.zoom };
    case 'bounds':
      return {
        bounds: target.bounds as LngLatBoundsLike,
        fitBoundsOptions: { padding: fitPadding(width, legendInset), maxZoom: target.maxZoom },
      };
  }
}

/** `handledSeq`: the request the map started with, already applied by initialCamera. */
export function camera(handledSeq: number): LayerGroup<CameraRequest | null> {
  return {
    name: 'camera requests',
    select: (state) => state.cameraRequest,
    apply: (request, _previous, { map, store }) => {
      if (!request || request.seq <= handledSeq) return;
      handledSeq = request.seq;
      const animate = request.animate && !prefersReducedMotion();
      const { target } = request;
      // Wait a frame: the side panel may be opening in the same update and narrow the map.
      requestAnimationFrame(() => {
        map.resize();
        switch (target.kind) {
          case 'camera':
            map.jumpTo({ center: [target.camera.lng, target.camera.lat], zoom: target.camera.zoom });
            return;
          case 'bounds':
            map.fitBounds(target.bounds as LngLatBoundsLike, {
              padding: fitPadding(map.getContainer().clientWidth, store.getState().legendInset),
              maxZoom: target.maxZoom,
              animate,
              duration: 900,
            });
            return;
        }
      });
    },
  };
}
