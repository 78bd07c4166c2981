// A view as a slide or a link holds it: where the map is, what it is coloured by, the scope, the
// rule and gap definition, the filter, which datasets and areas are shown and what is selected.
// Plain data that names things by code or id (never by index), so it means the same in another
// browser, in a saved file and in a link.

import type { CoverageRule } from './coverage-rule';
import type { GapDefinition } from './gap-definition';
import type { IndicatorKey } from './indicators';
import type { LsoaColouring } from './lsoa-colouring';
import type { SchemeFilter } from './scheme-filter';
import type { ScopeRef } from './scope';
import type { TargetArea } from './target-area';

/** The only release of the indices the data holds today; a field so later vintages can be told apart. */
export const DEFAULT_VINTAGE = '2025';

export interface ViewSnapshot {
  camera: { zoom: number; lat: number; lng: number } | null;
  indicator: IndicatorKey;
  vintage: string;
  scope: ScopeRef;
  colourBy: LsoaColouring;
  rule: CoverageRule;
  gapDecile: number;
  gapDefinition: GapDefinition;
  filter: SchemeFilter;
  /** The datasets shown, by id, with their names to say which are missing elsewhere. */
  datasets: { id: string; name: string }[];
  /** The target areas shown, by id. */
  areas: string[];
  /** The selected LSOA's code. */
  lsoa: string | null;
  /** The selected target area's id. */
  area: string | null;
}

export interface Slide {
  id: string;
  title: string;
  /** For the presenter; never shown while presenting. */
  notes: string;
  view: ViewSnapshot;
}

/** Drawn areas a link carries whole (the other browser may not hold them). */
export type LinkedArea = Pick<TargetArea, 'id' | 'name' | 'colour' | 'definition'>;
