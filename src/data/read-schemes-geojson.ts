// A GeoJSON file of schemes (a FeatureCollection, a single Feature or a bare geometry) → Scheme[]
// and a list of problems, one per feature, in plain English. A feature whose footprint cannot be
// used is left out and says why; a fixable one (a repaired polygon, a bad amount, a duplicate id)
// is kept with a warning. Only a file that is not GeoJSON at all, or not in WGS84, is refused.
//
// Defaults (stated in the UI, the CLI help and docs/coverage.md):
//   id    an id-like property (id, identifier, scheme_id, ServiceID, ref, code, atco_code, …), else
//         the feature's `id`, else its 1-based position in the file
//   name  name / title / common_name, else the id
//   kind  transport for lines and for stops (points with NaPTAN's atco_code or naptan_code, or
//         every point when the user says they are stops), other for points, polygons and area lists
//   size  lines: buffer_m, default 400 m; stops: radius_m, default 400 m; other points: radius_m,
//         default 0; polygons: buffer_m, default 0
//   service  a route's service: service / route_short_name / line…, else the service number that
//         leads a TfGM ServiceID ("100_C_I_1_A" → "100"); variants of one service count once
//   areas a `lsoa21cd`, `lsoa11cd` or `area_codes` property makes the footprint those areas,
//         whatever the geometry

import { footprintProblem } from '../core/footprint-problem';
import { DEFAULT_REACH, type Footprint, type ReachDefaults, type Scheme, type SchemeKind } from '../core/scheme';
import { readGeoJsonShape, type Shape } from './geojson-shape';
import { jsonText } from './show-value';
import {
  amountProperty,
  areaListProperty,
  dateProperty,
  indexProperties,
  kindProperty,
  metresProperty,
  PROPERTY_NAMES,
  textProperty,
} from './scheme-properties';

const DEFAULT_POLYGON_BUFFER_M = 0;

export interface SchemeReadProblem {
  /** 1-based position of the feature in the file; absent for problems with the whole file. */
  feature?: number;
  /** The scheme's id (as read, before any renaming), when the feature got that far. */
  id?: string;
  /** error: the feature (or file) was not imported; warning: imported, with what was done about it. */
  severity: 'error' | 'warning';
  message: string;
}

export type SchemesRead = { ok: true; schemes: Scheme[]; problems: SchemeReadProblem[] } | { ok: false; problems: SchemeReadProblem[] };

/** "Feature 3 (id 'r3'): …", for lists and the CLI. */
export function formatSchemeReadProblem(problem: SchemeReadProblem): string {
  if (problem.feature === undefined) return problem.message;
  const id = problem.id !== undefined ? ` (id '${problem.id}')` : '';
  return `Feature ${problem.feature}${id}: ${problem.message}`;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const refuse = (message: string): SchemesRead => ({ ok: false, problems: [{ severity: 'error', message }] });

/** CRS84 or EPSG:4326 in any of the spellings GIS tools write; undefined when it is one of them. */
export function crsProblem(crs: unknown): string | undefined {
  if (crs === undefined || crs === null) return undefined;
  const name = isObject(crs) && isObject(crs.properties) ? (crs.properties.name ?? crs.properties.href) : undefined;
  const text = typeof name === 'string' ? name : jsonText(crs);
  if (typeof name === 'string' && (/crs:?84$/i.test(name.trim()) || /epsg:(?:[\d.]*:)?:?4326$/i.test(name.trim()))) return undefined;
  const grid = /27700$/.test(text) ? ' (British National Grid)' : '';
  return (
    `The file's coordinates are in ${text}${grid}, but GapMap reads WGS84 longitude/latitude only (CRS84 / EPSG:4326, as GeoJSON's ` +
    'standard, RFC 7946, requires). Re-export the file in WGS84 (EPSG:4326), e.g. in QGIS with Export → Save Features As… → CRS EPSG:4326.'
  );
}

/** TfGM's ServiceID: service number, operator, direction (I/O), day type, variant: "100_C_I_1_A". */
const TFGM_SERVICE_ID = /^([A-Za-z0-9]+)_[A-Za-z]*_[IO]_\d*_/;

/** The service a route belongs to, when the file says or its id shows it. */
function serviceOf(props: ReturnType<typeof indexProperties>, id: string): string | undefined {
  return textProperty(props, PROPERTY_NAMES.service) ?? TFGM_SERVICE_ID.exec(id)?.[1];
}

function footprintOf(shape: Shape, props: ReturnType<typeof indexProperties>, reach: ReachDefaults): { footprint: Footprint; kind: SchemeKind; why: string } {
  switch (shape.type) {
    case 'point': {
      const stop = reach.pointsAreStops ?? PROPERTY_NAMES.stop.some((name) => props.byName.has(name));
      return {
        footprint: {
          type: 'point',
          point: shape.point,
          radiusM: metresProperty(props, [...PROPERTY_NAMES.radius, ...PROPERTY_NAMES.buffer], stop ? reach.stopRadiusM : reach.pointRadiusM),
        },
        kind: stop ? 'transport' : 'other',
        why: stop ? 'the default for stops' : 'the default for points',
      };
    }
    case 'line':
      return {
        footprint: {
          type: 'line',
          lines: shape.lines,
          bufferM: metresProperty(props, [...PROPERTY_NAMES.buffer, ...PROPERTY_NAMES.radius], reach.lineBufferM),
        },
        kind: 'transport',
        why: 'the default for lines',
      };
    case 'polygon':
      return {
        footprint: {
          type: 'polygon',
          polygons: shape.polygons,
          bufferM: metresProperty(props, [...PROPERTY_NAMES.buffer, ...PROPERTY_NAMES.radius], DEFAULT_POLYGON_BUFFER_M),
        },
        kind: 'other',
        why: 'the default for polygons',
      };
  }
}

type FeatureRead = { scheme: Scheme; warnings: string[] } | { id?: string; reason: string };

function readFeature(feature: unknown, position: number, reach: ReachDefaults): FeatureRead {
  if (!isObject(feature) || feature.type !== 'Feature') {
    return { reason: `It is not a GeoJSON Feature (found ${isObject(feature) ? `type ${jsonText(feature.type)}` : jsonText(feature)}).` };
  }
  const props = indexProperties(feature.properties);
  const featureId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id).trim() : '';
  const id = textProperty(props, PROPERTY_NAMES.id) ?? (featureId || String(position));
  const areaList = areaListProperty(props);
  if (areaList.kind === 'invalid') return { id, reason: areaList.reason };
  let footprint: Footprint;
  let kind: SchemeKind;
  const warnings: string[] = [];
  if (areaList.kind === 'areas') {
    footprint = { type: 'areas', areas: areaList.areas };
    kind = kindProperty(props, 'other', 'the default for area lists');
  } else {
    const shape = readGeoJsonShape(feature.geometry);
    if (!shape.ok) return { id, reason: shape.reason };
    warnings.push(...shape.repairs);
    const made = footprintOf(shape.shape, props, reach);
    footprint = made.footprint;
    // What the coverage would refuse (a point abroad or at 0,0, a shape across the antimeridian) is
    // said here, at import, so no dataset holds a scheme that can never be counted.
    const place = footprintProblem(footprint);
    if (place !== null) return { id, reason: `${place.charAt(0).toUpperCase()}${place.slice(1)}.` };
    kind = kindProperty(props, made.kind, made.why);
  }
  const scheme: Scheme = { id, name: textProperty(props, PROPERTY_NAMES.name) ?? id, kind, footprint };
  const service = footprint.type === 'line' ? serviceOf(props, id) : undefined;
  if (service !== undefined) scheme.service = service;
  const funder = textProperty(props, PROPERTY_NAMES.funder);
  const amountGbp = amountProperty(props);
  const start = dateProperty(props, PROPERTY_NAMES.start);
  const end = dateProperty(props, PROPERTY_NAMES.end);
  const theme = textProperty(props, PROPERTY_NAMES.theme);
  if (funder !== undefined) scheme.funder = funder;
  if (amountGbp !== undefined) scheme.amountGbp = amountGbp;
  if (start !== undefined) scheme.start = start;
  if (end !== undefined) scheme.end = end;
  if (theme !== undefined) scheme.theme = theme;
  if (start !== undefined && end !== undefined && end < start) props.warnings.push(`It ends (${end}) before it starts (${start}); both were kept.`);
  return { scheme, warnings: [...warnings, ...props.warnings] };
}

/** Parsed GeoJSON → schemes. */
export function readSchemesGeoJsonValue(value: unknown, reach: ReachDefaults = DEFAULT_REACH): SchemesRead {
  if (!isObject(value)) return refuse(`Expected a GeoJSON FeatureCollection, Feature or geometry; found ${Array.isArray(value) ? 'a list' : jsonText(value)}.`);
  const crs = crsProblem(value.crs);
  if (crs) return refuse(crs);
  let features: unknown[];
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) return refuse("The FeatureCollection has no 'features' list.");
    features = value.features;
  } else if (value.type === 'Feature') {
    features = [value];
  } else if (typeof value.type === 'string' && GEOMETRY_TYPES.has(value.type)) {
    features = [{ type: 'Feature', properties: {}, geometry: value }];
  } else {
    return refuse(`Expected a GeoJSON FeatureCollection, Feature or geometry; found type ${jsonText(value.type)}.`);
  }
  if (features.length === 0) return refuse('The file holds no features.');

  const schemes: Scheme[] = [];
  const problems: SchemeReadProblem[] = [];
  const usedBy = new Map<string, number>();
  features.forEach((feature, k) => {
    const position = k + 1;
    const read = readFeature(feature, position, reach);
    if ('reason' in read) {
      problems.push({
        feature: position,
        ...(read.id !== undefined ? { id: read.id } : {}),
        severity: 'error',
        message: `${read.reason} The feature was skipped.`,
      });
      return;
    }
    const { scheme } = read;
    const asRead = scheme.id;
    for (const warning of read.warnings) problems.push({ feature: position, id: asRead, severity: 'warning', message: warning });
    const firstUser = usedBy.get(asRead);
    if (firstUser !== undefined) {
      let n = 2;
      while (usedBy.has(`${asRead}#${n}`)) n++;
      scheme.id = `${asRead}#${n}`;
      if (scheme.name === asRead) scheme.name = scheme.id;
      problems.push({
        feature: position,
        id: asRead,
        severity: 'warning',
        message: `The id '${asRead}' is already used by feature ${firstUser}; this one was renamed '${scheme.id}' so results can tell them apart.`,
      });
    }
    usedBy.set(scheme.id, position);
    schemes.push(scheme);
  });
  return { ok: true, schemes, problems };
}

/** GeoJSON text → schemes. */
export function readSchemesGeoJson(text: string, reach: ReachDefaults = DEFAULT_REACH): SchemesRead {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return refuse(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}), so it cannot be read as GeoJSON.`);
  }
  return readSchemesGeoJsonValue(value, reach);
}
