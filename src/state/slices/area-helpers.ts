// Pure helpers about target areas: names for new ones and copies, the selected one, what a scheme
// made of an area covers, an area's bounds, and which run counts for areas.

import type { Footprint, LonLat } from '../../core/scheme';
import type { AreaDefinition, TargetArea } from '../../core/target-area';
import type { AppState } from '../store';

/** The shapes terra-draw draws for an area. */
export const AREA_DRAW_SHAPES = ['polygon', 'freehand', 'rectangle', 'circle'] as const;
export type AreaDrawShape = (typeof AREA_DRAW_SHAPES)[number];

export type AreaTool =
  | { kind: 'none' }
  /** Each shape drawn becomes a new area. */
  | { kind: 'draw'; shape: AreaDrawShape }
  /** The selected area's shapes can be selected, moved, reshaped by their corners, deleted. */
  | { kind: 'edit' }
  /** A click adds an LSOA to the selected set of LSOAs, or takes it out. */
  | { kind: 'lsoas' }
  /** A loop drawn freehand adds the LSOAs whose centres are inside it. */
  | { kind: 'lasso' };

/** "Area 3": the first number not yet used by an area named so. */
export function nextAreaName(areas: readonly TargetArea[], stem = 'Area'): string {
  const taken = new Set(areas.map((area) => area.name));
  for (let n = areas.length + 1; ; n++) if (!taken.has(`${stem} ${n}`)) return `${stem} ${n}`;
}

/** "Old Trafford copy", then "Old Trafford copy 2", …; a copy of a copy is named after the original. */
export function copyName(areas: readonly TargetArea[], name: string): string {
  const base = `${name.replace(/ copy(?: \d+)?$/, '')} copy`;
  const taken = new Set(areas.map((area) => area.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function selectedArea(state: Pick<AppState, 'areas'>): TargetArea | null {
  return state.areas.list.find((area) => area.id === state.areas.selectedId) ?? null;
}

/** The footprint a scheme gets from an area: its shapes, or exactly its LSOAs. */
export function areaFootprint(definition: AreaDefinition): Footprint {
  switch (definition.kind) {
    case 'shapes':
      return { type: 'polygon', polygons: definition.polygons, bufferM: 0 };
    case 'lsoas':
      return { type: 'areas', areas: definition.codes.map((code) => ({ kind: 'lsoa21', code })) };
  }
}

/** West, south, east, north of polygons; null when empty. */
export function polygonsBounds(polygons: readonly LonLat[][][]): [number, number, number, number] | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

/** The run whose schemes count for areas: the one shown, when it is for the schemes shown now. */
export function currentRunKey(state: Pick<AppState, 'coverage'>): string | null {
  const { result, schemesHash } = state.coverage;
  return result && result.run.schemesHash === schemesHash ? result.run.key : null;
}

/** Renaming, recolouring or hiding an area keeps its figures: only its place and shapes matter. */
export function sameDefinition(a: TargetArea, b: TargetArea): boolean {
  return a.id === b.id && a.definition === b.definition;
}

/** After undo or redo: the area selected if still there, else one the step brought back or changed, else none. */
export function selectionAfter(now: readonly TargetArea[], before: readonly TargetArea[], selectedId: string | null): string | null {
  if (now.some((area) => area.id === selectedId)) return selectedId;
  const changed = now.find((area) => !before.includes(area));
  return changed?.id ?? null;
}
