// The view slice: the built data (fixed for the visit), the indicator the map is coloured by, the
// scope (England, a region, county or district), and where the map is or is asked to move.

import type { IndicatorKey } from '../../core/indicators';
import { ENGLAND, scopeBounds, sameScope, type Bounds, type Scope } from '../../core/scope';
import type { AttributesFile, DataManifest } from '../../data/schema';
import type { Camera } from '../url';
import type { SliceCreator } from './context';

type CameraTarget = { kind: 'bounds'; bounds: Bounds; maxZoom: number } | { kind: 'camera'; camera: Camera };

/** A request for the map to move; `seq` tells a new request from one already carried out. */
export interface CameraRequest {
  seq: number;
  target: CameraTarget;
  animate: boolean;
}

/** Closest zoom for fitting a district, ward or scope. */
export const AREA_MAX_ZOOM = 13;

export interface DataSlice {
  manifest: DataManifest;
  attributes: AttributesFile;
  lsoaByCode: ReadonlyMap<string, number>;
}

export interface ViewSlice {
  indicator: IndicatorKey;
  scope: Scope;
  /** Pixels at the map's left edge covered by the legend, kept clear when fitting bounds. */
  legendInset: number;
  /** Where the map is, as last reported by the map. */
  camera: Camera | null;
  cameraRequest: CameraRequest | null;
  setIndicator: (key: IndicatorKey) => void;
  setScope: (scope: Scope, options: { fit: boolean }) => void;
  reportCamera: (camera: Camera) => void;
  moveCamera: (target: CameraTarget, animate: boolean) => void;
  setLegendInset: (pixels: number) => void;
}

export function defaultIndicator(manifest: DataManifest): IndicatorKey {
  return manifest.indicators.includes('imd') ? 'imd' : (manifest.indicators[0] ?? 'imd');
}

export const viewSlice =
  (manifest: DataManifest, camera: Camera | null): SliceCreator<ViewSlice> =>
  () =>
  (set, get) => ({
    indicator: defaultIndicator(manifest),
    scope: ENGLAND,
    camera,
    cameraRequest: null,
    legendInset: 0,
    setIndicator: (key) => {
      if (get().manifest.indicators.includes(key)) set({ indicator: key });
    },
    setScope: (scope, { fit }) => {
      if (!sameScope(scope, get().scope)) set({ scope });
      if (fit) {
        const { attributes, manifest } = get();
        get().moveCamera({ kind: 'bounds', bounds: scopeBounds(attributes, scope, manifest.bounds), maxZoom: AREA_MAX_ZOOM }, true);
      }
    },
    reportCamera: (camera) => set({ camera }),
    setLegendInset: (pixels) => set({ legendInset: pixels }),
    moveCamera: (target, animate) => set((state) => ({ cameraRequest: { seq: (state.cameraRequest?.seq ?? 0) + 1, target, animate } })),
  });
