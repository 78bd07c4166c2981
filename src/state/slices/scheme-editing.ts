// The scheme editing slice: the scheme whose popup is open on the map, drawing a new point or route
// scheme on the map, and the scheme form (new or changed). Saving goes through the worker and
// changes a dataset, so it is in orchestration/workspace.ts (`saveScheme`, `removeScheme`).

import type { LonLat, Scheme } from '../../core/scheme';
import type { CoverageClient } from '../../contract';
import { coveragePatcher, type SliceCreator } from './context';

interface OpenScheme {
  scheme: Scheme;
  /** The dataset it belongs to (null if it was deleted meanwhile). */
  datasetId: string | null;
  /** Where the popup points (longitude, latitude). */
  at: [number, number];
}

/** What a scheme drawn on the map is: a point with a catchment, or a route with a buffer. */
export type DrawShape = 'point' | 'line';

/** What the map hands back when a drawing is done. */
export type DrawnShape = { shape: 'point'; point: LonLat } | { shape: 'line'; line: LonLat[] };

/** How far a scheme drawn on the map reaches until the user says otherwise: a 5-minute walk. */
export const DRAWN_REACH_M = 400;

export type SchemeEditing =
  | { kind: 'none' }
  /** The map is taking clicks for a new scheme of this shape. */
  | { kind: 'drawing'; shape: DrawShape }
  /** The form for a new scheme (datasetId null: the drawn dataset) or one being changed. */
  | { kind: 'form'; scheme: Scheme; datasetId: string | null; isNew: boolean; saving: boolean; error: string | null };

export interface SchemeEditingState {
  /** The scheme whose popup is open on the map. */
  openScheme: OpenScheme | null;
  /** Drawing a scheme on the map, or its form open. */
  editing: SchemeEditing;
}

export const INITIAL_SCHEME_EDITING: SchemeEditingState = { openScheme: null, editing: { kind: 'none' } };

export interface SchemeEditingSlice {
  /** Opens the popup for scheme `index` of the run shown, at a place on the map. */
  openSchemeAt: (index: number, at: [number, number]) => Promise<void>;
  closeScheme: () => void;
  /** Lets the map take clicks for a new point or route scheme (null stops). */
  startDrawing: (shape: DrawShape | null) => void;
  /** The map's drawing is done: the form opens for the new scheme. */
  finishDrawing: (drawn: DrawnShape) => void;
  /** Opens the form for the scheme whose popup is open. */
  editOpenScheme: () => void;
  /** Opens the form for a new scheme made elsewhere (a target area turned into a scheme). */
  startSchemeForm: (scheme: Scheme) => void;
  closeSchemeForm: () => void;
  /** The form's scheme is being saved (the buttons wait), or was refused with why. */
  setSchemeFormStatus: (status: { saving: true } | { saving: false; error: string }) => void;
}

/** A new scheme drawn on the map, before the user names it; `unique` makes its id unique in the workspace. */
function newDrawnScheme(drawn: DrawnShape, unique: string): Scheme {
  const id = `drawn-${unique}`;
  return drawn.shape === 'line'
    ? { id, name: 'New route', kind: 'transport', footprint: { type: 'line', lines: [drawn.line], bufferM: DRAWN_REACH_M } }
    : { id, name: 'New scheme', kind: 'community', footprint: { type: 'point', point: drawn.point, radiusM: DRAWN_REACH_M } };
}

export const schemeEditingSlice: SliceCreator<SchemeEditingSlice> =
  ({ deps, requests }) =>
  (set, get) => {
    const patch = coveragePatcher<Partial<SchemeEditingState>>(set);
    /** The popup asked for last: a click on another scheme, or a close, drops an older answer. */
    const popups = requests.line();
    const newForm = (scheme: Scheme): SchemeEditing => ({ kind: 'form', scheme, datasetId: null, isNew: true, saving: false, error: null });

    return {
      openSchemeAt: async (index, at) => {
        const client = deps.coverage;
        const result = get().coverage.result;
        if (!client || !result) return;
        const popup = popups.start();
        const found = await new Promise<Awaited<ReturnType<CoverageClient['schemeAt']>>>((resolve) =>
          popup.settle(client.schemeAt(result.run.key, index), resolve, () => resolve(null)),
        );
        if (!found) return;
        const dataset = get().coverage.datasets.find((d) => d.hash === found.datasetHash);
        patch({ openScheme: { scheme: found.scheme, datasetId: dataset?.id ?? null, at } });
      },

      closeScheme: () => {
        popups.abort();
        if (get().coverage.openScheme) patch({ openScheme: null });
      },

      startDrawing: (shape) => {
        if (get().coverage.editing.kind === 'form') return;
        patch({ editing: shape ? { kind: 'drawing', shape } : { kind: 'none' }, openScheme: null });
      },

      finishDrawing: (drawn) => {
        if (get().coverage.editing.kind !== 'drawing') return;
        patch({ editing: newForm(newDrawnScheme(drawn, `${Date.now().toString(36)}${requests.nextId().toString(36)}`)) });
      },

      startSchemeForm: (scheme) => patch({ editing: newForm(scheme) }),

      editOpenScheme: () => {
        const open = get().coverage.openScheme;
        if (!open || open.datasetId === null) return;
        patch({ editing: { kind: 'form', scheme: open.scheme, datasetId: open.datasetId, isNew: false, saving: false, error: null }, openScheme: null });
      },

      closeSchemeForm: () => {
        if (get().coverage.editing.kind === 'form') patch({ editing: { kind: 'none' } });
      },

      setSchemeFormStatus: (status) => {
        const editing = get().coverage.editing;
        if (editing.kind === 'form') patch({ editing: { ...editing, saving: status.saving, error: status.saving ? null : status.error } });
      },
    };
  };
