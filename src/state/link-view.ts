// The part of a view a link carries beyond the camera, indicator, scope and LSOA (url.ts): the
// colouring, rule, gap definition, filter, datasets and areas shown, the selected area, and drawn
// areas themselves when they are small. One `v=` parameter of base64url JSON with short keys, so a
// link with a few datasets and a drawn area stays well under 2 KB; pieces that fail their check
// are dropped one by one, so a damaged link still opens what it can.

import * as v from 'valibot';
import { formatRule, parseRule, type CoverageRule } from '../core/coverage-rule';
import { DEFAULT_GAP_DEFINITION, type GapDefinition } from '../core/gap-definition';
import type { LsoaColouring } from '../core/lsoa-colouring';
import { isNoFilter, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import { DEFAULT_GAP_DECILE } from '../core/summary';
import type { LonLat } from '../core/scheme';
import { DEFAULT_VINTAGE, type LinkedArea, type ViewSnapshot } from '../core/view-snapshot';
import { linkedAreasSchema, viewSnapshotSchema } from '../data/slide-schemas';

/** What the link says beyond url.ts's four parameters. */
export type LinkExtras = Pick<ViewSnapshot, 'vintage' | 'colourBy' | 'rule' | 'gapDecile' | 'gapDefinition' | 'filter' | 'datasets' | 'areas' | 'area'> & {
  /** Areas carried whole (drawn or chosen), for a browser that does not hold them. */
  carried: LinkedArea[];
};

export const DEFAULT_EXTRAS: LinkExtras = {
  vintage: DEFAULT_VINTAGE,
  colourBy: 'deprivation',
  rule: { kind: 'intersects' },
  gapDecile: DEFAULT_GAP_DECILE,
  gapDefinition: DEFAULT_GAP_DEFINITION,
  filter: NO_FILTER,
  datasets: [],
  areas: [],
  area: null,
  carried: [],
};

/** Areas larger than this (as JSON) are named in the link by id only: links past ~2 KB break in mail and chat. */
const CARRIED_AREAS_BUDGET = 1500;

/** Drawn coordinates to 5 decimals: about a metre, far finer than an LSOA. */
const round = (value: number) => Math.round(value * 1e5) / 1e5;

function compactAreas(areas: readonly LinkedArea[]): LinkedArea[] {
  return areas.map((area) => ({
    ...area,
    definition:
      area.definition.kind === 'lsoas'
        ? area.definition
        : { kind: 'shapes', polygons: area.definition.polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]): LonLat => [round(x), round(y)]))) },
  }));
}

interface Packed {
  vin?: string;
  c?: LsoaColouring;
  r?: string;
  g?: [number, GapDefinition];
  f?: Partial<SchemeFilter>;
  ds?: [string, string][];
  a?: string[];
  s?: string;
  sh?: [string, string, string, LinkedArea['definition']][];
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The `v=` value, or null when everything is as a new visit has it. */
export function formatExtras(extras: LinkExtras): string | null {
  const packed: Packed = {};
  if (extras.vintage !== DEFAULT_VINTAGE) packed.vin = extras.vintage;
  if (extras.colourBy !== 'deprivation') packed.c = extras.colourBy;
  if (extras.rule.kind !== 'intersects') packed.r = formatRule(extras.rule);
  if (extras.gapDecile !== DEFAULT_GAP_DECILE || extras.gapDefinition !== DEFAULT_GAP_DEFINITION) packed.g = [extras.gapDecile, extras.gapDefinition];
  if (!isNoFilter(extras.filter)) {
    packed.f = Object.fromEntries(Object.entries(extras.filter).filter(([, value]) => value !== null));
  }
  if (extras.datasets.length > 0) packed.ds = extras.datasets.map((d) => [d.id, d.name]);
  if (extras.areas.length > 0) packed.a = extras.areas;
  if (extras.area !== null) packed.s = extras.area;
  const carried = compactAreas(extras.carried).map((area): [string, string, string, LinkedArea['definition']] => [
    area.id,
    area.name,
    area.colour,
    area.definition,
  ]);
  if (carried.length > 0 && JSON.stringify(carried).length <= CARRIED_AREAS_BUDGET) packed.sh = carried;
  return Object.keys(packed).length === 0 ? null : toBase64Url(JSON.stringify(packed));
}

const checked = <S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | undefined => {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : undefined;
};

const part = <K extends keyof typeof viewSnapshotSchema.entries>(key: K, value: unknown) => checked(viewSnapshotSchema.entries[key], value);

/** Reads what it can of a `v=` value; anything it cannot read stays as a new visit has it. */
export function parseExtras(text: string | null): LinkExtras | null {
  if (text === null) return null;
  const json = fromBase64Url(text);
  let packed: Packed;
  try {
    packed = JSON.parse(json ?? 'null') as Packed;
  } catch {
    return null;
  }
  if (typeof packed !== 'object' || packed === null) return null;
  const parsedRule = typeof packed.r === 'string' ? parseRule(packed.r) : null;
  const rule: CoverageRule | undefined = parsedRule?.ok ? parsedRule.rule : undefined;
  const gap = Array.isArray(packed.g) ? packed.g : [];
  const carried = Array.isArray(packed.sh)
    ? checked(
        linkedAreasSchema,
        packed.sh.map((entry) => (Array.isArray(entry) ? { id: entry[0], name: entry[1], colour: entry[2], definition: entry[3] } : null)),
      )
    : undefined;
  return {
    vintage: part('vintage', packed.vin) ?? DEFAULT_EXTRAS.vintage,
    colourBy: part('colourBy', packed.c) ?? DEFAULT_EXTRAS.colourBy,
    rule: rule ?? DEFAULT_EXTRAS.rule,
    gapDecile: part('gapDecile', gap[0]) ?? DEFAULT_EXTRAS.gapDecile,
    gapDefinition: part('gapDefinition', gap[1]) ?? DEFAULT_EXTRAS.gapDefinition,
    filter: part('filter', typeof packed.f === 'object' && packed.f !== null ? { ...NO_FILTER, ...packed.f } : undefined) ?? NO_FILTER,
    datasets: part('datasets', Array.isArray(packed.ds) ? packed.ds.map((d) => (Array.isArray(d) ? { id: d[0], name: d[1] } : null)) : undefined) ?? [],
    areas: part('areas', packed.a) ?? [],
    area: part('area', packed.s) ?? null,
    carried: carried ?? [],
  };
}
