// Target areas from a file an officer picks: GeoJSON, KML, KMZ or a zipped shapefile, told apart by
// their content as schemes files are (import-file.ts), with the same size limit and zip-bomb guard.
// Each polygon feature becomes one area, checked and repaired by readGeoJsonShape; anything else is
// skipped with a note saying which feature and why. The shapefile and KML readers (shpjs, proj4,
// togeojson, xmldom) are imported here directly, so load this module only when a file is picked.

import { footprintProblem } from '../core/footprint-problem';
import type { LonLat } from '../core/scheme';
import { readGeoJsonShape } from './geojson-shape';
import { showValue } from './show-value';
import { fileSizeProblem, isContent, isZip, unzipWithinLimit } from './import/import-file';
import { readKml } from './import/read-kml';
import { readShapefiles, SHAPEFILE_PARTS } from './import/read-shapefile';
import { decodeText, looksBinary } from './import/read-table';
import { crsProblem } from './read-schemes-geojson';

export interface ImportedArea {
  name: string;
  description: string;
  /** #rrggbb, lower case, when the file gives one; else the caller picks the next outline colour. */
  colour: string | null;
  /** Outer ring first, then holes; WGS84. */
  polygons: LonLat[][][];
}

/** `notes`: features skipped and shapes repaired, one sentence each, naming the feature. */
export type AreasRead = { ok: true; areas: ImportedArea[]; notes: string[] } | { ok: false; message: string };

/** More areas than an officer can tell apart on one map, and each costs a coverage pass. */
export const MAX_AREAS_PER_FILE = 500;

const FORMATS_READ = 'GapMap reads target areas from GeoJSON, KML, KMZ and zipped shapefiles (.shp with .dbf and .prj).';

interface TextForm {
  maxChars: number;
  keepLineBreaks: boolean;
}
const NAME_TEXT: TextForm = { maxChars: 200, keepLineBreaks: false };
const DESCRIPTION_TEXT: TextForm = { maxChars: 2000, keepLineBreaks: true };

const NAME_KEYS = ['name', 'Name', 'NAME', 'title'];
/** Column names such as LSOA21NM or WD24NM, as ONS boundary files name their areas. */
const NAME_LIKE_KEY = /name|nm$/i;
const DESCRIPTION_KEYS = ['description', 'Description', 'desc'];
const COLOUR_KEYS = ['colour', 'color'];
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

const NOT_AREA_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'GeometryCollection']);
const GEOMETRY_TYPES = new Set([...NOT_AREA_TYPES, 'Polygon', 'MultiPolygon']);

type Refusal = { ok: false; message: string };
type Features = { ok: true; features: unknown[]; notes: string[] } | Refusal;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A value as JSON, cut short: enough to recognise it, not a whole list of coordinates. */
function show(value: unknown): string {
  return value === undefined ? 'undefined' : showValue(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "wards" for "exports/wards.geojson" (or a Windows path), to name areas the file leaves unnamed. */
const baseName = (fileName: string) =>
  fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '') || fileName;

/**
 * Plain text, trimmed, whitespace collapsed, at most `maxChars` characters; undefined when empty.
 * Descriptions keep their line breaks (one blank line at most), so paragraphs an officer typed come
 * back as typed. HTML stays as the characters it is written in: nothing here or where it is shown
 * interprets it. KML's <description> in CDATA comes from togeojson as { "@type": "html", value }.
 */
function plainText(value: unknown, { maxChars, keepLineBreaks }: TextForm): string | undefined {
  const raw = typeof value === 'string' ? value : isObject(value) && typeof value.value === 'string' ? value.value : undefined;
  if (raw === undefined) return undefined;
  const text = keepLineBreaks
    ? raw
        .split(/\r\n?|\n/)
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : raw.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const chars = [...text];
  return chars.length <= maxChars ? text : chars.slice(0, maxChars).join('').trimEnd();
}

function firstText(properties: Record<string, unknown>, keys: readonly string[], form: TextForm): string | undefined {
  for (const key of keys) {
    const text = plainText(properties[key], form);
    if (text !== undefined) return text;
  }
  return undefined;
}

function nameOf(properties: Record<string, unknown>): string | undefined {
  const nameLikeKeys = Object.keys(properties).filter((key) => NAME_LIKE_KEY.test(key));
  return firstText(properties, NAME_KEYS, NAME_TEXT) ?? firstText(properties, nameLikeKeys, NAME_TEXT);
}

function colourOf(properties: Record<string, unknown>): string | null {
  const colour = COLOUR_KEYS.map((key) => properties[key]).find((value): value is string => typeof value === 'string' && HEX_COLOUR.test(value.trim()));
  return colour === undefined ? null : colour.trim().toLowerCase();
}

const geometryType = (geometry: unknown) => (isObject(geometry) && typeof geometry.type === 'string' ? geometry.type : undefined);

const isPolygonal = (part: unknown): part is { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } =>
  isObject(part) && (part.type === 'Polygon' || part.type === 'MultiPolygon') && Array.isArray(part.coordinates);

/** KML's MultiGeometry of polygons (togeojson's GeometryCollection) is one multi-part area. */
function asMultiPolygon(geometry: unknown): unknown {
  if (!isObject(geometry) || geometry.type !== 'GeometryCollection' || !Array.isArray(geometry.geometries)) return geometry;
  const parts: unknown[] = geometry.geometries;
  if (parts.length === 0 || !parts.every(isPolygonal)) return geometry;
  return { type: 'MultiPolygon', coordinates: parts.flatMap((part) => (part.type === 'Polygon' ? [part.coordinates] : part.coordinates)) };
}

type ShapeOutcome = { polygons: LonLat[][][]; repairs: string[] } | { skipped: string };

/** The feature's polygons, or why it cannot be an area (a sentence that follows "Feature 3 ('name')"). */
function polygonsOf(geometry: unknown): ShapeOutcome {
  if (geometry === null || geometry === undefined) return { skipped: ' has no geometry, so it was skipped.' };
  const type = geometryType(geometry);
  if (type !== undefined && NOT_AREA_TYPES.has(type)) return { skipped: ` is a ${type}; an area must be a polygon, so it was skipped.` };
  const read = readGeoJsonShape(geometry);
  if (!read.ok) return { skipped: `: ${read.reason} It was skipped.` };
  if (read.shape.type !== 'polygon') return { skipped: ` is a ${read.shape.type}; an area must be a polygon, so it was skipped.` };
  // What the coverage would refuse (an area abroad, across the antimeridian) is said as the file is read.
  const place = footprintProblem({ type: 'polygon', polygons: read.shape.polygons, bufferM: 0 });
  if (place !== null) return { skipped: `: ${place.charAt(0).toUpperCase()}${place.slice(1)}. It was skipped.` };
  return { polygons: read.shape.polygons, repairs: read.repairs };
}

/** GeoJSON's features, or why the value is not GeoJSON GapMap can read. */
function featuresOfGeoJson(value: unknown, fileName: string): Features {
  const expected = `${fileName} is not GeoJSON: expected a FeatureCollection, a Feature or a Polygon geometry`;
  if (!isObject(value)) return { ok: false, message: `${expected}, found ${Array.isArray(value) ? 'a list' : show(value)}.` };
  const crs = crsProblem(value.crs);
  if (crs !== undefined) return { ok: false, message: `${fileName}: ${crs}` };
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) return { ok: false, message: `${fileName} is a FeatureCollection with no 'features' list.` };
    return { ok: true, features: value.features, notes: [] };
  }
  if (value.type === 'Feature') return { ok: true, features: [value], notes: [] };
  if (typeof value.type === 'string' && GEOMETRY_TYPES.has(value.type)) {
    return { ok: true, features: [{ type: 'Feature', properties: {}, geometry: value }], notes: [] };
  }
  return { ok: false, message: `${expected}, found type ${show(value.type)}.` };
}

function featuresOfKml(text: string, label: string): Features {
  const read = readKml(text, label);
  return read.ok ? { ok: true, features: read.collection.features, notes: [] } : read;
}

/** A zipped shapefile (a .shp in it), else a KMZ (a .kml in it; its own KML, usually doc.kml, comes first). */
function featuresOfZip(bytes: Uint8Array, fileName: string): Features {
  const unzipped = unzipWithinLimit(bytes, fileName, (name) => isContent(name) && (SHAPEFILE_PARTS.test(name) || /\.kml$/i.test(name)));
  if (!unzipped.ok) return unzipped;
  const names = [...unzipped.files.keys()];
  if (names.some((name) => /\.shp$/i.test(name))) {
    const read = readShapefiles(unzipped.files, fileName);
    return read.ok ? { ok: true, features: read.collection.features, notes: read.warnings } : read;
  }
  const kmlName = names.find((name) => /\.kml$/i.test(name));
  if (kmlName === undefined) return { ok: false, message: `${fileName} holds no .shp or .kml file. ${FORMATS_READ}` };
  return featuresOfKml(decodeText(unzipped.files.get(kmlName)!).text, `${fileName} (${kmlName})`);
}

function featuresOfFile(bytes: Uint8Array, fileName: string): Features {
  if (isZip(bytes)) return featuresOfZip(bytes, fileName);
  if (looksBinary(bytes)) return { ok: false, message: `${fileName} is not a text file (it holds binary data). ${FORMATS_READ}` };
  const { text } = decodeText(bytes);
  if (/^\s*[{[]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${fileName} is not valid JSON (${errorText(error)}), so it cannot be read as GeoJSON.` };
    }
    return featuresOfGeoJson(value, fileName);
  }
  if (/^\s*<(?:\?xml|kml)\b/i.test(text)) return featuresOfKml(text, fileName);
  return { ok: false, message: `${fileName} is not GeoJSON, KML, KMZ or a zipped shapefile. ${FORMATS_READ}` };
}

const couldBeArea = (feature: unknown) => {
  const type = isObject(feature) ? geometryType(asMultiPolygon(feature.geometry)) : undefined;
  return type === 'Polygon' || type === 'MultiPolygon';
};

/** Why none of the features made an area: the first few reasons, and how many more there were. */
function noAreasMessage(fileName: string, featureCount: number, skipped: readonly string[]): string {
  if (featureCount === 0) return `${fileName} holds no features, so it has no polygons to make areas from.`;
  const shown = skipped.slice(0, 3).join(' ');
  const more = skipped.length > 3 ? ` (and ${skipped.length - 3} more features skipped)` : '';
  return `${fileName} has no polygons GapMap can make areas from. ${shown}${more} An area must be a polygon: export the layer of areas (not points or lines), or draw the areas in GapMap.`;
}

export function readAreasFile(bytes: Uint8Array, fileName: string): AreasRead {
  // The readers check what they know to check; a file damaged in a way none of them foresaw (deep in
  // shpjs or togeojson) is still refused with its name rather than breaking the page.
  try {
    return readAreas(bytes, fileName);
  } catch (error) {
    return {
      ok: false,
      message: `${fileName} could not be read (${errorText(error)}). Check that it opens in QGIS or Google Earth, and export it again as GeoJSON.`,
    };
  }
}

function readAreas(bytes: Uint8Array, fileName: string): AreasRead {
  const tooLarge = fileSizeProblem(bytes.byteLength, fileName);
  if (tooLarge !== undefined) return { ok: false, message: tooLarge };
  const read = featuresOfFile(bytes, fileName);
  if (!read.ok) return read;
  const { features } = read;
  // Counted before repairing any: repairing thousands of outlines only to refuse them would keep the officer waiting.
  const polygonCount = features.filter(couldBeArea).length;
  if (polygonCount > MAX_AREAS_PER_FILE) {
    return {
      ok: false,
      message:
        `${fileName} holds ${polygonCount.toLocaleString('en-GB')} polygons, more than the ${MAX_AREAS_PER_FILE} areas GapMap reads from one file. ` +
        `Split it into files of at most ${MAX_AREAS_PER_FILE} areas, or keep only the places you are targeting.`,
    };
  }

  const areas: ImportedArea[] = [];
  const notes = [...read.notes];
  const skipped: string[] = [];
  const skip = (note: string) => {
    skipped.push(note);
    notes.push(note);
  };
  features.forEach((feature, k) => {
    const position = k + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      const found = isObject(feature) ? `type ${show(feature.type)}` : show(feature);
      skip(`Feature ${position} is not a GeoJSON Feature (found ${found}), so it was skipped.`);
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    const name = nameOf(properties);
    const label = `Feature ${position}${name === undefined ? '' : ` ('${name}')`}`;
    const shape = polygonsOf(asMultiPolygon(feature.geometry));
    if ('skipped' in shape) {
      skip(`${label}${shape.skipped}`);
      return;
    }
    for (const repair of shape.repairs) notes.push(`${label}: ${repair}`);
    areas.push({
      name: name ?? `${baseName(fileName)} ${position}`,
      description: firstText(properties, DESCRIPTION_KEYS, DESCRIPTION_TEXT) ?? '',
      colour: colourOf(properties),
      polygons: shape.polygons,
    });
  });
  if (areas.length === 0) return { ok: false, message: noAreasMessage(fileName, features.length, skipped) };
  return { ok: true, areas, notes };
}
