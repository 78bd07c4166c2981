// Every layer group the map shows, in the order they apply on a store change (the drawing order
// is LAYER's, src/map/style.ts). To add one, see "How to add a map layer" in docs/architecture.md.

import { areaTool } from './area-tool';
import { boundaries } from './boundaries';
import { camera } from './camera';
import { gaps } from './gaps';
import type { LayerGroup } from './group';
import { highlight } from './highlight';
import { hover } from './hover';
import { labels } from './labels';
import { lsoaFill } from './lsoa-fill';
import { onlineBasemap } from './online-basemap';
import { postcode } from './postcode';
import { schemeAreaLists } from './scheme-area-lists';
import { schemeDrawingTool } from './scheme-drawing-tool';
import { schemePopup } from './scheme-popup';
import { schemeReach } from './scheme-reach';
import { schemes } from './schemes';
import { scopeDimming } from './scope-dimming';
import { selection } from './selection';
import { targetAreas } from './target-areas';

/** New groups for one map (some remember what they drew). `cameraSeq`: the camera request the map starts at. */
export function createLayerGroups({ cameraSeq }: { cameraSeq: number }): LayerGroup[] {
  return [
    lsoaFill(),
    scopeDimming(),
    boundaries(),
    selection(),
    highlight(),
    hover(),
    camera(cameraSeq),
    onlineBasemap(),
    schemes(),
    schemeReach(),
    schemeAreaLists(),
    schemePopup(),
    schemeDrawingTool(),
    gaps(),
    postcode(),
    targetAreas(),
    areaTool(),
    labels(),
  ];
}
