// The contract between the data step (scripts/data-step) and everything that reads its output
// (the app, the worker, the CLI). Files live in public/data/, named with a content hash and listed
// in public/data/manifest.json, the only fixed name.

import type { IndicatorKey } from '../core/indicators';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;

export interface DataManifest {
  version: typeof MANIFEST_VERSION;
  builtAt: string;
  /** Relative file names inside public/data/. */
  files: {
    /** PMTiles archive: layers `lsoa`, `lad`, `region`, `lad_label`, `region_label`. */
    tiles: string;
    /** AttributesFile: small, loaded at start (legend counts, scope, colouring). */
    attributes: string;
    /** DetailsFile: names, ranks and scores; loaded when first needed (click, search). */
    details: string;
    /** ScoresFile: IoD scores for analysis and export; the map does not need them. */
    scores: string;
    /** LSOA geometry for the analysis core (see geometry-format.ts). */
    geometry: string;
    /** LookupsFile: older codes → LSOA indices, for `areas` footprints; absent when the source had none. */
    lookups?: string;
    /** Folder of postcode shards (src/data/postcodes.ts), one per outward code; absent when the source had none. */
    postcodes?: string;
  };
  lsoaCount: number;
  /** Wording the UI shows wherever people are counted, e.g. "Census 2021 usual residents". */
  populationSource: string;
  /** Which indicators the build holds (IDACI/IDAOPI only when the source had them). */
  indicators: IndicatorKey[];
  /** [west, south, east, north] of all LSOAs. */
  bounds: [number, number, number, number];
  tiles: { minzoom: number; maxzoom: number };
}

export interface AreaRef {
  code: string;
  name: string;
}

export interface LadRef extends AreaRef {
  /** Index into AttributesFile.counties (upper-tier authority; a unitary maps to itself). */
  county: number;
  /** Index into AttributesFile.regions. */
  region: number;
  /** [west, south, east, north]. */
  bounds: [number, number, number, number];
}

/**
 * Columnar table of every LSOA, index i = position in `codes` (sorted by code). In the tiles the
 * LSOA feature id is i + 1 (MapLibre treats id 0 as missing in places).
 */
export interface AttributesFile {
  version: 1;
  count: number;
  codes: string[];
  population: number[];
  populationSource: string;
  /** Index into `lads` for each LSOA. */
  lad: number[];
  /**
   * One string per indicator, one character per LSOA: '1'..'9' for deciles 1..9 and '0' for
   * decile 10. Compact to ship and index; decode with decileAt().
   */
  deciles: Partial<Record<IndicatorKey, string>>;
  lads: LadRef[];
  counties: (AreaRef & { bounds: [number, number, number, number] })[];
  regions: (AreaRef & { bounds: [number, number, number, number] })[];
}

export interface DetailsFile {
  version: 1;
  count: number;
  names: string[];
  /** Index into `wards` for each LSOA. */
  ward: number[];
  /** Index into `msoas` for each LSOA. */
  msoa: number[];
  wards: AreaRef[];
  /** MSOA code, ONS name and House of Commons Library name. */
  msoas: (AreaRef & { hclName: string })[];
  /** Rank (1 = most deprived) per indicator per LSOA. */
  ranks: Partial<Record<IndicatorKey, number[]>>;
  /**
   * Bounding box per LSOA, flat (4 whole numbers per LSOA): west, south, width, height in units
   * of 1e-4 degrees (about 11 m), rounded outwards. A third of the size of plain degrees, for
   * fitting the map to an LSOA or a set of them; decode with lsoaBoundsAt().
   */
  bbox: number[];
}

/** Codes of older geographies mapped onto this build's LSOAs, for schemes that use them. */
export interface LookupsFile {
  version: 1;
  /**
   * LSOA 2011 code → indices (into AttributesFile.codes) of the LSOAs 2021 it became, from the ONS
   * exact-fit lookup: a split LSOA lists several, merged ones share one.
   */
  lsoa11: Record<string, number[]>;
}

export interface ScoresFile {
  version: 1;
  count: number;
  /** Score per indicator per LSOA, in code order (IDACI/IDAOPI have none in File 3). */
  scores: Partial<Record<IndicatorKey, number[]>>;
}

export function decileAt(column: string, index: number): number {
  const code = column.charCodeAt(index) - 48;
  return code === 0 ? 10 : code;
}

/** A whole decile column as numbers 1..10, for the analysis core. */
export function decodeDeciles(column: string): Uint8Array {
  const deciles = new Uint8Array(column.length);
  for (let i = 0; i < column.length; i++) deciles[i] = decileAt(column, i);
  return deciles;
}

export function encodeDecile(decile: number): string {
  return decile === 10 ? '0' : String(decile);
}

const BBOX_UNIT = 1e4;

/** Encodes [west, south, east, north] in degrees as AttributesFile.bbox's four whole numbers. */
export function encodeBbox([west, south, east, north]: readonly number[]): [number, number, number, number] {
  const w = Math.floor(west! * BBOX_UNIT);
  const s = Math.floor(south! * BBOX_UNIT);
  return [w, s, Math.ceil(east! * BBOX_UNIT) - w, Math.ceil(north! * BBOX_UNIT) - s];
}

/** LSOA i's [west, south, east, north] in degrees from AttributesFile.bbox. */
export function lsoaBoundsAt(bbox: readonly number[], index: number): [number, number, number, number] {
  const at = (offset: number) => bbox[index * 4 + offset] ?? 0;
  return [at(0) / BBOX_UNIT, at(1) / BBOX_UNIT, (at(0) + at(2)) / BBOX_UNIT, (at(1) + at(3)) / BBOX_UNIT];
}
