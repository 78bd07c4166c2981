// What the fuzz tests feed the importers: random bytes, real files cut short, and real files with
// bytes flipped, chunks inserted, deleted or repeated, and tokens that break parsers (quotes,
// brackets, bad character references, huge numbers) dropped in. A zip's main entry is also
// mutated inside the zip, so the fuzzing reaches the reader behind the unzipping.
//
// Real inputs are small slices of ../shared/data read at test time, and the hand-made fixtures.

import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import type { Feature, FeatureCollection } from 'geojson';
import mapshaper from 'mapshaper';
import Papa from 'papaparse';
import { footprintProblem } from '../../src/core/footprint-problem';
import type { Footprint, LonLat } from '../../src/core/scheme';
import { sharedRoot, TRAFFORD, trafford } from './built-data';
import { columnLetters } from '../../src/data/import/xlsx-sheet';
import { oneSheetWorkbook } from './hand-made-files';

const encode = (text: string) => new TextEncoder().encode(text);

/** One real file: its name, bytes, and for a zip the entry the reader works on and how to zip it again. */
export interface Seed {
  fileName: string;
  bytes: Uint8Array;
  inner?: { bytes: Uint8Array; zip: (entry: Uint8Array) => Uint8Array };
  /** For JSON: its parsed value, for mutations of its values rather than its bytes. */
  json?: unknown;
}

/** A JSON file's seed, with its value for value-level mutations. */
export const jsonSeed = (fileName: string, value: unknown): Seed => ({ fileName, bytes: encode(JSON.stringify(value)), json: value });

/** Stands for arrays nested 10,000 deep, as a hostile file may (a RangeError with a stack once), written in only as text: building the value would overflow the stack here first. */
const DEEP = '\u0000deep';
const DEEP_TEXT = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const jsonText = (value: unknown) => JSON.stringify(value).replaceAll(JSON.stringify(DEEP), DEEP_TEXT);

/** Values put in place of a member or element of a JSON seed. */
const JSON_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -1e308,
  0.1,
  '',
  'x',
  '1e400',
  '0x1F',
  '53,4',
  [],
  {},
  [[[]]],
  true,
  [0, 0],
  [53.4, -2.3],
  [-2.3, 53.4, 7, 9],
  'E01006074',
  'M32 0TH',
  '__proto__',
  { type: 'Point' },
  DEEP,
];

type JsonMutation = { kind: 'replace'; at: number; value: number } | { kind: 'remove'; at: number } | { kind: 'copy'; at: number };

const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.nat(JSON_VALUES.length - 1) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const), at: fc.nat() }),
);

type Slot = [holder: Record<string, unknown> | unknown[], key: string | number];

/** Every member or element of a JSON value to 40 levels deep as its holder and its key there, in a fixed order. */
function slotsOf(value: unknown): Slot[] {
  const out: Slot[] = [];
  const visit = (holder: unknown, depth: number) => {
    if (depth > 40 || typeof holder !== 'object' || holder === null) return;
    const entries: [string | number, unknown][] = Array.isArray(holder) ? holder.map((item, i) => [i, item]) : Object.entries(holder);
    for (const [key, item] of entries) {
      out.push([holder as Slot[0], key]);
      visit(item, depth + 1);
    }
  };
  visit(value, 0);
  return out;
}

function mutateJson(seed: unknown, ms: readonly JsonMutation[]): unknown {
  const value = structuredClone(seed);
  for (const m of ms) {
    const slots = slotsOf(value);
    if (slots.length === 0) break;
    const [holder, key] = slots[m.at % slots.length]!;
    const item = (holder as Record<string | number, unknown>)[key];
    if (m.kind === 'replace') (holder as Record<string | number, unknown>)[key] = JSON_VALUES[m.value];
    else if (m.kind === 'remove') Array.isArray(holder) ? holder.splice(key as number, 1) : delete holder[key as string];
    else if (Array.isArray(holder)) holder.push(structuredClone(item));
  }
  return value;
}

const TOKENS = [
  '"',
  "'",
  ',',
  ';',
  '\t',
  '\n',
  '\r',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '</',
  '&',
  '&#xFFFFFFFF;',
  '&#0;',
  '-1e400',
  '1e999',
  'NaN',
  '0,0',
  '-0',
  '__proto__',
  '\u0000',
  '\uFEFF',
  'PK\u0003\u0004',
  'null',
  '999999999999',
  ' ',
  'E01006074',
  'M32 0TH',
  'XFD1',
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; chunk: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; to: number }
  | { kind: 'token'; at: number; token: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), chunk: fc.uint8Array({ minLength: 1, maxLength: 48 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
);

function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  const splice = (start: number, end: number, add: Uint8Array) => {
    const out = new Uint8Array(start + add.length + bytes.length - end);
    out.set(bytes.subarray(0, start));
    out.set(add, start);
    out.set(bytes.subarray(end), start + add.length);
    return out;
  };
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = new Uint8Array(bytes);
      out[at % bytes.length] = m.byte;
      return out;
    }
    case 'insert':
      return splice(at, at, m.chunk);
    case 'delete':
      return splice(at, Math.min(bytes.length, at + m.length), new Uint8Array(0));
    case 'repeat': {
      const to = bytes.length === 0 ? 0 : m.to % (bytes.length + 1);
      return splice(to, to, bytes.slice(at, at + m.length));
    }
    case 'token':
      return splice(at, at, encode(m.token));
  }
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });
const mutated = (bytes: Uint8Array, ms: readonly Mutation[]) => ms.reduce(applyMutation, bytes);

/** Inputs made from these seeds (and random bytes, named after one of them), as a file name and bytes. */
export function inputsFrom(seeds: readonly Seed[]): fc.Arbitrary<{ fileName: string; bytes: Uint8Array; how: string }> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    fc.tuple(seed, fc.uint8Array({ maxLength: 3000 })).map(([s, bytes]) => ({ fileName: s.fileName, bytes, how: 'random bytes' })),
    fc.tuple(seed, fc.nat()).map(([s, n]) => ({ fileName: s.fileName, bytes: s.bytes.slice(0, n % (s.bytes.length + 1)), how: 'truncated' })),
    fc.tuple(seed, mutations).map(([s, ms]) => ({ fileName: s.fileName, bytes: mutated(s.bytes, ms), how: `mutated ${JSON.stringify(ms)}` })),
    fc
      .tuple(seed, fc.array(jsonMutation, { minLength: 1, maxLength: 4 }), mutations)
      .map(([s, jms, ms]) =>
        s.json !== undefined
          ? { fileName: s.fileName, bytes: encode(jsonText(mutateJson(s.json, jms))), how: `values mutated ${JSON.stringify(jms)}` }
          : { fileName: s.fileName, bytes: mutated(s.bytes, ms), how: `mutated ${JSON.stringify(ms)}` },
      ),
    fc
      .tuple(seed, mutations)
      .map(([s, ms]) =>
        s.inner
          ? { fileName: s.fileName, bytes: s.inner.zip(mutated(s.inner.bytes, ms)), how: `entry mutated ${JSON.stringify(ms)}` }
          : { fileName: s.fileName, bytes: mutated(s.bytes, ms), how: `mutated ${JSON.stringify(ms)}` },
      ),
  );
}

/** Every longitude/latitude a footprint holds (none for named areas). */
export function positionsOf(footprint: Footprint): LonLat[] {
  switch (footprint.type) {
    case 'point':
      return [footprint.point];
    case 'line':
      return footprint.lines.flat();
    case 'polygon':
      return footprint.polygons.flat(2);
    case 'areas':
      return [];
  }
}

/** Why a scheme's place breaks the fuzz properties (a coordinate not finite, or a place the coverage refuses: outside England's box, across the antimeridian), or undefined. */
export function placeBroken(footprint: Footprint): string | undefined {
  const notFinite = positionsOf(footprint).find(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat));
  if (notFinite) return `a coordinate is not finite (${notFinite.join(', ')})`;
  return footprintProblem(footprint) ?? undefined;
}

// ---- Real seeds -------------------------------------------------------------------------------------

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'schemes');
const read = (file: string) => new Uint8Array(fs.readFileSync(file));

/** The first `rows` rows of a real CSV, written back as CSV. */
function csvSlice(file: string, rows: number): string[][] {
  return Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true }).data.slice(0, rows + 1);
}

function featuresOf(file: string, count: number, step = 1): Feature[] {
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection;
  return collection.features.filter((_, i) => i % step === 0).slice(0, count);
}

const collectionOf = (features: Feature[]) => ({ type: 'FeatureCollection', features });

/** A sheet of inline-string cells from rows of text. */
function workbookOf(rows: string[][]): Uint8Array {
  const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const xml = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row.map((cell, c) => `<c r="${columnLetters(c)}${r + 1}" t="inlineStr"><is><t>${xmlText(cell)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return oneSheetWorkbook(xml);
}

const sheetEntry = 'xl/worksheets/sheet1.xml';

async function shapefileZip(features: Feature[], name: string): Promise<Record<string, Uint8Array>> {
  const written = await mapshaper.applyCommands(`-i in.json -o format=shapefile ${name}.shp`, { 'in.json': { type: 'FeatureCollection', features } });
  return Object.fromEntries(Object.entries(written).map(([file, output]) => [file, typeof output === 'string' ? encode(output) : new Uint8Array(output)]));
}

/** A zip of `files` whose entry `entry` is what the fuzzing mutates. */
function zipSeed(fileName: string, files: Record<string, Uint8Array>, entry: string): Seed {
  return { fileName, bytes: zipSync(files), inner: { bytes: files[entry]!, zip: (bytes) => zipSync({ ...files, [entry]: bytes }) } };
}

const covidCsv = path.join(sharedRoot, 'grants', '360giving_datastore_covid19_grants_2020-05-07_flat.csv');
const traffordCsv = path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');
const traffordJson = path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.json');
const traffordLsoas = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', `${TRAFFORD}.geojson`);

/** One seed for each format importSchemesFile reads. */
export async function schemeSeeds(): Promise<Seed[]> {
  const covidRows = csvSlice(covidCsv, 12);
  const grants = JSON.parse(fs.readFileSync(traffordJson, 'utf8')) as { grants: unknown[] };
  const kml = read(path.join(fixtures, 'gis', 'trafford-bus-stops.kml'));
  const stops = featuresOf(trafford.stops, 8, 97);
  const workbook = workbookOf(covidRows);
  const shp = await shapefileZip(stops, 'stops');
  return [
    { fileName: 'covid-grants.csv', bytes: encode(Papa.unparse(covidRows)) },
    { fileName: 'trafford-grants.csv', bytes: encode(Papa.unparse(csvSlice(traffordCsv, 8))) },
    jsonSeed('trafford-grants.json', { ...grants, grants: grants.grants.slice(0, 6) }),
    jsonSeed('routes.geojson', collectionOf(featuresOf(trafford.routes, 2, 101))),
    jsonSeed('stops.geojson', collectionOf(stops)),
    jsonSeed('bad-features.geojson', JSON.parse(fs.readFileSync(path.join(fixtures, 'bad-features.geojson'), 'utf8'))),
    { fileName: 'stops.kml', bytes: kml },
    zipSeed('stops.kmz', { 'doc.kml': kml }, 'doc.kml'),
    zipSeed('stops.zip', shp, 'stops.shp'),
    zipSeed('stops-dbf.zip', shp, 'stops.dbf'),
    {
      fileName: 'covid-grants.xlsx',
      bytes: workbook,
      inner: { bytes: encode(workbookXml(workbook)), zip: (sheet) => replaceEntry(workbook, sheetEntry, sheet) },
    },
  ];
}

/** One seed for each format readAreasFile reads: three real Trafford LSOAs as GeoJSON, KML, KMZ and a zipped shapefile. */
export async function areaSeeds(): Promise<Seed[]> {
  const lsoas = featuresOf(traffordLsoas, 3, 40);
  const placemarks = lsoas
    .map((f) => {
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!.map((p) => p.join(',')).join(' ');
      return `<Placemark><name>${String(f.properties?.LSOA21NM)}</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
    })
    .join('');
  const kml = encode(`<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks}</Document></kml>`);
  return [
    jsonSeed('lsoas.geojson', collectionOf(lsoas)),
    { fileName: 'lsoas.kml', bytes: kml },
    zipSeed('lsoas.kmz', { 'doc.kml': kml }, 'doc.kml'),
    zipSeed('lsoas.zip', await shapefileZip(lsoas, 'lsoas'), 'lsoas.shp'),
  ];
}

// The workbook's sheet, to mutate it and zip the workbook again.
function workbookXml(workbook: Uint8Array): string {
  return new TextDecoder().decode(unzipSync(workbook)[sheetEntry]);
}

function replaceEntry(zip: Uint8Array, entry: string, bytes: Uint8Array): Uint8Array {
  return zipSync({ ...unzipSync(zip), [entry]: bytes });
}
