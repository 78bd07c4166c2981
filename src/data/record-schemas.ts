// One schema for each kind of record GapMap reads back from a file or from the browser's storage:
// a scheme, a dataset's fields, a target area, the council's themes. The workspace file (version 1,
// workspace-file.ts) and the IndexedDB stores (version 5, workspace-db.ts) are both checked against
// these, so a value of the wrong type (a `problems` that is a string, a footprint whose `polygons`
// is a number, a colour that is `url(http://…)`) is refused with its member and value named
// (schema-problem.ts) before anything is kept, instead of breaking the app on every load.

import * as v from 'valibot';
import { PLACEMENTS } from '../core/placement';
import { SCHEME_KINDS, type LonLat, type Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Dataset } from './dataset';
import type { ColumnMeaning } from './import/columns';

/**
 * The colours GapMap writes (#rrggbb). Anything else is refused: a colour reaches CSS and the map's
 * paint, and `url(http://…)` there would make the browser contact that host.
 */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const colour = v.custom<string>((value) => typeof value === 'string' && HEX_COLOUR.test(value), 'is not a colour (#rrggbb)');

/** A count or amount: a finite number (JSON cannot hold NaN, but storage can). */
const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const isLonLat = (value: unknown): value is LonLat => Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);

// Shapes are checked by hand-written loops rather than a schema per position: a workspace of bus
// routes holds millions of positions, and one object per position checked would take seconds.
const everyPosition = (value: unknown, depth: number): boolean =>
  Array.isArray(value) && (depth === 0 ? value.every(isLonLat) : value.every((part) => everyPosition(part, depth - 1)));

const point = v.custom<LonLat>(isLonLat, 'is not a [longitude, latitude] pair of numbers');
/** Lines: lists of positions. */
const lines = v.custom<LonLat[][]>((value) => everyPosition(value, 1), 'is not a list of lines of [longitude, latitude] pairs');
/** Polygons: lists of rings of positions. */
const polygons = v.custom<LonLat[][][]>((value) => everyPosition(value, 2), 'is not a list of polygons of rings of [longitude, latitude] pairs');

const AREA_CODE_KINDS = ['lsoa21', 'lsoa11', 'ward', 'lad', 'county', 'region'] as const;

const footprint = v.variant('type', [
  v.object({ type: v.literal('point'), point, radiusM: v.pipe(finite, v.minValue(0)) }),
  v.object({ type: v.literal('line'), lines, bufferM: v.pipe(finite, v.minValue(0)) }),
  v.object({ type: v.literal('polygon'), polygons, bufferM: v.pipe(finite, v.minValue(0)) }),
  v.object({ type: v.literal('areas'), areas: v.array(v.object({ kind: v.picklist(AREA_CODE_KINDS), code: v.string() })) }),
]);

export const schemeSchema = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist(SCHEME_KINDS),
  funder: v.optional(v.string()),
  amountGbp: v.optional(finite),
  start: v.optional(v.string()),
  end: v.optional(v.string()),
  theme: v.optional(v.string()),
  footprint,
  locatedBy: v.optional(v.string()),
  placement: v.optional(v.picklist(PLACEMENTS)),
  service: v.optional(v.string()),
  proposed: v.optional(v.boolean()),
});

const importProblem = v.object({
  row: v.optional(count),
  feature: v.optional(count),
  id: v.optional(v.string()),
  column: v.optional(v.string()),
  value: v.optional(v.string()),
  severity: v.picklist(['error', 'warning']),
  message: v.string(),
});

const namedCounts = v.array(v.tuple([v.string(), count]));

const schemeStats = v.object({
  count,
  shapes: v.object({ point: count, line: count, polygon: count, areas: count }),
  kinds: v.array(v.picklist(SCHEME_KINDS)),
  proposed: v.optional(count),
  funders: v.optional(namedCounts),
  themes: v.optional(namedCounts),
});

const DATASET_FORMATS = ['GeoJSON', '360Giving JSON', 'CSV', 'XLSX', 'Shapefile', 'KML', 'drawn'] as const;

/** A dataset's fields as a workspace file holds them: its counts and hash follow from its schemes. */
export const datasetFileSchema = v.object({
  id: v.string(),
  name: v.string(),
  format: v.picklist(DATASET_FORMATS),
  colour,
  visible: v.boolean(),
  problems: v.array(importProblem),
  importedAt: v.string(),
  locatedBy: v.array(v.tuple([v.string(), count])),
  proposed: v.optional(v.boolean()),
});

/** A dataset's fields as storage holds them (with its counts and the hash of its schemes). */
export const datasetSchema = v.object({ ...datasetFileSchema.entries, hash: v.string(), stats: schemeStats });

export const targetAreaSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  colour,
  visible: v.boolean(),
  definition: v.variant('kind', [v.object({ kind: v.literal('shapes'), polygons }), v.object({ kind: v.literal('lsoas'), codes: v.array(v.string()) })]),
});

export const themesSchema = v.array(v.string());

/** A remembered column mapping (what each column of a table means), as the import dialog saved it. */
export const columnMeaningsSchema = v.array(
  v.variant('kind', [
    v.object({ kind: v.literal('ignore') }),
    v.object({ kind: v.literal('field'), field: v.picklist(['id', 'name', 'amount', 'funder', 'start', 'awarded', 'end', 'kind', 'theme', 'radius']) }),
    v.object({
      kind: v.literal('location'),
      place: v.picklist(['beneficiary', 'scheme', 'recipient']),
      part: v.picklist(['latitude', 'longitude', 'easting', 'northing', 'postcode', 'code', 'code-type']),
      lsoaVintage: v.optional(v.picklist(['lsoa21', 'lsoa11'])),
    }),
  ]),
);

// The schemas' output must be what the app's types say, so a change to one is a compile error in
// the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agreed: [
  Same<v.InferOutput<typeof schemeSchema>, Scheme>,
  Same<v.InferOutput<typeof datasetSchema>, Dataset>,
  Same<v.InferOutput<typeof targetAreaSchema>, TargetArea>,
  Same<v.InferOutput<typeof columnMeaningsSchema>, ColumnMeaning[]>,
] = [true, true, true, true];
void agreed;
