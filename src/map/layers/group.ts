// A layer group: one thing the map shows (the deprivation fill, the gaps' outlines, the postcode
// searched for, …) as a small unit, like MapLibre's style layer kinds. A group brings its sources
// and layers to the style, says which part of the state it reads (`select`), and applies that part
// to the map (`apply`). The map view runs every group on each store change, and a group's apply
// only when what it selected changed (compared shallowly), so each reads as "when X, do Y".

import type maplibregl from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { AppState, AppStore } from '../../state/store';
import type { AreaDrawing } from '../area-drawing';
import type { SchemeDrawing } from '../scheme-drawing';
import type { StyleInput } from '../style';

/** What the map view knows that the store does not. */
export interface MapFacts {
  /** An online basemap is drawn under the LSOAs (the fill is then lighter, so it shows through). */
  readonly overBasemap: boolean;
}

/** What a group's apply works with. */
export interface MapContext {
  readonly map: maplibregl.Map;
  /** For actions (notices, closing the popup) and values read at the moment of applying, never to decide whether to apply. */
  readonly store: AppStore;
  readonly schemeDrawing: SchemeDrawing;
  readonly areaDrawing: AreaDrawing;
  /** Tells the view its facts changed: the groups that read them apply again. */
  setFacts(facts: MapFacts): void;
}

interface GroupStyle {
  /** Says what the group is, in errors and tests. */
  readonly name: string;
  readonly sources?: (input: StyleInput) => Record<string, SourceSpecification>;
  /** Its layers, in any order: LAYER (src/map/style.ts) sets the drawing order. */
  readonly layers?: (input: StyleInput) => LayerSpecification[];
  /** Lets go of anything still running (a fetch) when the map is removed. */
  readonly stop?: () => void;
}

interface FollowsState<Slice> {
  /** The part of the state the group reads: the same values (shallowly) mean nothing to apply. Must be cheap: it runs on every store change. */
  select(state: AppState, facts: MapFacts): Slice;
  /** Applies the slice to the map; `previous` is the slice last applied (undefined the first time). */
  apply(slice: Slice, previous: Slice | undefined, context: MapContext): void;
}

/** A group whose layers never change (outlines, labels) has no select and apply. */
export type LayerGroup<Slice = unknown> = GroupStyle & (FollowsState<Slice> | { select?: undefined; apply?: undefined });

function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === Array.prototype;
}

/**
 * Equal values, or plain objects (and arrays) with the same keys holding the same values. Any
 * other object (a Map, a Set) is the same only if it is the very same object.
 */
export function sameSlice(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isPlain(a) || !isPlain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Runs the groups against the state, applying each only when its slice changed since it last applied. */
export class GroupLoop {
  private readonly groups: readonly LayerGroup[];
  private readonly context: MapContext;
  private readonly read: () => { state: AppState; facts: MapFacts };
  /** Each group's slice as last applied. */
  private readonly applied = new Map<LayerGroup, { slice: unknown }>();
  private running = false;
  private runAgain = false;

  constructor(groups: readonly LayerGroup[], context: MapContext, read: () => { state: AppState; facts: MapFacts }) {
    this.groups = groups;
    this.context = context;
    this.read = read;
  }

  /**
   * Brings every group up to date. An apply may change the state or the facts (a store action, a
   * basemap removed): then the loop runs again once it has finished, rather than inside itself.
   */
  run(): void {
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.runAgain = false;
        // Read afresh for each group: one applied just before may have changed the state or the facts.
        for (const group of this.groups) {
          const { state, facts } = this.read();
          this.runGroup(group, state, facts);
        }
      } while (this.runAgain);
    } finally {
      this.running = false;
    }
  }

  private runGroup(group: LayerGroup, state: AppState, facts: MapFacts): void {
    if (!group.select) return;
    const slice = group.select(state, facts);
    const last = this.applied.get(group);
    if (last && sameSlice(slice, last.slice)) return;
    this.applied.set(group, { slice });
    group.apply(slice, last?.slice, this.context);
  }
}

/**
 * A value derived from the state, computed again only when its inputs change (compared as a slice
 * is), so a slice holding it stays the same between unrelated changes. Like reselect's createSelector.
 */
export function derived<Value>(inputs: (state: AppState) => readonly unknown[], compute: (state: AppState) => Value): (state: AppState) => Value {
  let last: { inputs: readonly unknown[]; value: Value } | null = null;
  return (state) => {
    const next = inputs(state);
    if (last && sameSlice(next, last.inputs)) return last.value;
    last = { inputs: next, value: compute(state) };
    return last.value;
  };
}
