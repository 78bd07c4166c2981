// A line drawn over a wider line of a contrasting colour (its casing), so it stays visible on both
// the dark and the light deciles. Most of GapMap's line work is drawn this way.

import type { DataDrivenPropertyValueSpecification, FilterSpecification, LineLayerSpecification } from 'maplibre-gl';

type LinePaint = NonNullable<LineLayerSpecification['paint']>;

export interface CasedLine {
  /** The line's id; the casing's is `casingId`. Both must be in LAYER, the casing just before the line. */
  id: string;
  casingId: string;
  source: string;
  /** For vector tile sources. */
  sourceLayer?: string;
  filter?: FilterSpecification;
  /** Defaults to round joins. */
  layout?: LineLayerSpecification['layout'];
  line: { colour: LinePaint['line-color']; width: DataDrivenPropertyValueSpecification<number>; dash?: LinePaint['line-dasharray'] };
  casing: { colour: LinePaint['line-color']; width: DataDrivenPropertyValueSpecification<number> };
}

/** The casing and the line, in drawing order: [casing, line]. */
export function casedLine(spec: CasedLine): [casing: LineLayerSpecification, line: LineLayerSpecification] {
  // Each layer gets its own objects: nothing is shared between the two once MapLibre holds them.
  const shared = () => ({
    type: 'line' as const,
    source: spec.source,
    ...(spec.sourceLayer === undefined ? {} : { 'source-layer': spec.sourceLayer }),
    ...(spec.filter === undefined ? {} : { filter: spec.filter }),
    layout: { ...(spec.layout ?? { 'line-join': 'round' }) },
  });
  const { line, casing } = spec;
  return [
    { id: spec.casingId, ...shared(), paint: { 'line-color': casing.colour, 'line-width': casing.width } },
    {
      id: spec.id,
      ...shared(),
      paint: { 'line-color': line.colour, 'line-width': line.width, ...(line.dash === undefined ? {} : { 'line-dasharray': line.dash }) },
    },
  ];
}
