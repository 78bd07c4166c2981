// The schemas of a view snapshot, a slide and the areas a link carries (src/core/view-snapshot.ts):
// what a workspace file, a stored slide or a link holds is checked against them before it is used,
// as every other record is (record-schemas.ts).

import * as v from 'valibot';
import { GAP_DEFINITIONS } from '../core/gap-definition';
import { INDICATOR_KEYS } from '../core/indicators';
import { SCHEME_KINDS } from '../core/scheme';

import type { LinkedArea, Slide, ViewSnapshot } from '../core/view-snapshot';
import { targetAreaSchema } from './record-schemas';

const finite = v.pipe(v.number(), v.finite());
const orNull = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);

const camera = v.object({
  zoom: v.pipe(finite, v.minValue(0), v.maxValue(24)),
  lat: v.pipe(finite, v.minValue(-85), v.maxValue(85)),
  lng: v.pipe(finite, v.minValue(-180), v.maxValue(180)),
});

const scope = v.variant('kind', [v.object({ kind: v.literal('england') }), v.object({ kind: v.picklist(['region', 'county', 'lad']), code: v.string() })]);

const rule = v.variant('kind', [
  v.object({ kind: v.literal('intersects') }),
  v.object({ kind: v.literal('centroid') }),
  v.object({ kind: v.literal('share'), share: v.pipe(finite, v.gtValue(0), v.maxValue(1)) }),
]);

const filter = v.object({
  kinds: orNull(v.array(v.picklist(SCHEME_KINDS))),
  funders: orNull(v.array(v.string())),
  themes: orNull(v.array(v.string())),
  activeFrom: orNull(v.string()),
  activeTo: orNull(v.string()),
  minAmountGbp: orNull(finite),
  maxAmountGbp: orNull(finite),
});

export const viewSnapshotSchema = v.object({
  camera: orNull(camera),
  indicator: v.picklist(INDICATOR_KEYS),
  vintage: v.string(),
  scope,
  colourBy: v.picklist(['deprivation', 'schemes', 'per-head', 'bivariate']),
  rule,
  gapDecile: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  gapDefinition: v.picklist(GAP_DEFINITIONS),
  filter,
  datasets: v.array(v.object({ id: v.string(), name: v.string() })),
  areas: v.array(v.string()),
  lsoa: orNull(v.string()),
  area: orNull(v.string()),
});

export const slideSchema = v.object({ id: v.string(), title: v.string(), notes: v.string(), view: viewSnapshotSchema });

export const linkedAreasSchema = v.array(v.pick(targetAreaSchema, ['id', 'name', 'colour', 'definition']));

// As in record-schemas.ts: a change to a type or its schema that lets them differ is a compile error.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agreed: [
  Same<v.InferOutput<typeof viewSnapshotSchema>, ViewSnapshot>,
  Same<v.InferOutput<typeof slideSchema>, Slide>,
  Same<v.InferOutput<typeof linkedAreasSchema>[number], LinkedArea>,
] = [true, true, true];
void agreed;
