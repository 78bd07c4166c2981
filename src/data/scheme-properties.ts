// A GeoJSON feature's properties → a scheme's fields. Names are matched loosely (case, spaces,
// underscores and hyphens ignored: `ServiceID`, `service_id` and `Service ID` are one name), and
// each field has a list of accepted names, tried in order. Bad values are warnings: the scheme is
// kept without them (or with the stated default).

import { areaKindOfCode, AREA_CODE_HELP } from '../core/area-code-kind';
import { SCHEME_KINDS, type AreaCodeKind, type SchemeKind } from '../core/scheme';
import { jsonText } from './show-value';

/** The accepted property names, normalised, in order of preference. */
export const PROPERTY_NAMES = {
  id: ['id', 'identifier', 'schemeid', 'serviceid', 'ref', 'code', 'atcocode', 'naptancode', 'grantid'],
  name: ['name', 'title', 'schemename', 'commonname', 'label'],
  kind: ['kind'],
  amount: ['amountgbp', 'amount', 'amountawarded'],
  funder: ['funder', 'fundingorganisation', 'fundingorg'],
  start: ['start', 'startdate', 'plannedstartdate'],
  end: ['end', 'enddate', 'plannedenddate'],
  theme: ['theme'],
  radius: ['radiusm', 'radius'],
  buffer: ['bufferm', 'buffer'],
  /** A route's service (its variants and directions are one service). */
  service: ['service', 'servicenumber', 'serviceno', 'routeshortname', 'routenumber', 'routeno', 'linename', 'line'],
  /** NaPTAN's stop codes: a point that has one is a transport stop. */
  stop: ['atcocode', 'naptancode'],
} as const;

/** Properties that list areas, and what an E01 code in them means. */
const AREA_LIST_NAMES: readonly [name: string, lsoaVintage: 'lsoa21' | 'lsoa11'][] = [
  ['lsoa21cd', 'lsoa21'],
  ['lsoa11cd', 'lsoa11'],
  ['areacodes', 'lsoa21'],
];

export const normalisePropertyName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface SchemeProperties {
  /** Normalised name → [the name as written, value]; the first spelling wins. */
  byName: Map<string, [string, unknown]>;
  warnings: string[];
}

export function indexProperties(properties: unknown): SchemeProperties {
  const byName = new Map<string, [string, unknown]>();
  if (typeof properties === 'object' && properties !== null && !Array.isArray(properties)) {
    for (const [key, value] of Object.entries(properties)) {
      const normal = normalisePropertyName(key);
      if (!byName.has(normal)) byName.set(normal, [key, value]);
    }
  }
  return { byName, warnings: [] };
}

function first(props: SchemeProperties, names: readonly string[]): [string, unknown] | undefined {
  for (const name of names) {
    const entry = props.byName.get(name);
    if (entry && entry[1] !== null && entry[1] !== undefined && entry[1] !== '') return entry;
  }
  return undefined;
}

/** A string or number property as trimmed text. */
export function textProperty(props: SchemeProperties, names: readonly string[]): string | undefined {
  const entry = first(props, names);
  if (!entry) return undefined;
  const [key, value] = entry;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  props.warnings.push(`Property '${key}' is ${jsonText(value)}, not text; it was ignored.`);
  return undefined;
}

export function kindProperty(props: SchemeProperties, fallback: SchemeKind, fallbackWhy: string): SchemeKind {
  const text = textProperty(props, PROPERTY_NAMES.kind);
  if (text === undefined) return fallback;
  const kind = SCHEME_KINDS.find((k) => k === text.toLowerCase());
  if (kind) return kind;
  props.warnings.push(`kind '${text}' is not one of ${SCHEME_KINDS.join(', ')}; '${fallback}' was used (${fallbackWhy}).`);
  return fallback;
}

/**
 * Pounds from text as spreadsheets write it: "£1,234.50", "1234", "GBP 500", "1.2k", "£3m".
 * NaN when it is not an amount of 0 or more.
 */
export function parseAmount(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const match = /^(?:£|GBP)?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([kKmM])?$/.exec(value.trim().replace(/^GBP\s*/i, 'GBP'));
  if (!match) return NaN;
  const digits = match[1]!.replace(/,/g, '');
  const scale = match[2] === undefined ? 1 : match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Number(digits) * scale;
}

/** Pounds, from a number or text such as "£12,500"; none when missing or not a non-negative amount. */
export function amountProperty(props: SchemeProperties): number | undefined {
  const entry = first(props, PROPERTY_NAMES.amount);
  if (!entry) return undefined;
  const [key, value] = entry;
  const amount = parseAmount(value);
  if (Number.isNaN(amount)) {
    props.warnings.push(`${key} ${jsonText(value)} is not an amount of pounds (a number, 0 or more); the scheme is kept without an amount.`);
    return undefined;
  }
  return amount;
}

/** Metres, 0 or more; the default when missing or unusable. */
export function metresProperty(props: SchemeProperties, names: readonly string[], fallback: number): number {
  const entry = first(props, names);
  if (!entry) return fallback;
  const [key, value] = entry;
  const metres = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(metres) || metres < 0) {
    props.warnings.push(`${key} ${jsonText(value)} is not a distance in metres (a number, 0 or more); ${fallback} m was used.`);
    return fallback;
  }
  return metres;
}

/** yyyy-mm-dd from ISO (a date or a timestamp's date part) or UK dd/mm/yyyy; undefined otherwise. */
export function parseDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2]!.padStart(2, '0'), uk[1]!.padStart(2, '0')] : [];
  if (y === undefined) return undefined;
  const date = `${y}-${m}-${d}`;
  const valid = !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  return valid ? date : undefined;
}

/** yyyy-mm-dd; also takes a full ISO timestamp (date part) and UK dd/mm/yyyy. */
export function dateProperty(props: SchemeProperties, names: readonly string[]): string | undefined {
  const text = textProperty(props, names);
  if (text === undefined) return undefined;
  const date = parseDate(text);
  if (date === undefined) {
    const key = first(props, names)?.[0] ?? names[0];
    props.warnings.push(`${key} '${text}' is not a date (yyyy-mm-dd or dd/mm/yyyy); it was ignored.`);
  }
  return date;
}

export type AreaListRead = { kind: 'none' } | { kind: 'areas'; areas: { kind: AreaCodeKind; code: string }[] } | { kind: 'invalid'; reason: string };

/** `lsoa21cd`, `lsoa11cd` or `area_codes`: one code, a list, or codes separated by ; , or spaces. */
export function areaListProperty(props: SchemeProperties): AreaListRead {
  for (const [name, vintage] of AREA_LIST_NAMES) {
    const entry = first(props, [name]);
    if (!entry) continue;
    const [key, value] = entry;
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;,\s]+/) : [value];
    const written = items.map((item) => (typeof item === 'string' ? item.trim() : jsonText(item))).filter((c) => c !== '');
    if (written.length === 0) continue;
    const codes = written.map((code) => code.toUpperCase());
    const unknown = written.filter((code) => {
      const kind = areaKindOfCode(code.toUpperCase(), vintage);
      return kind === undefined || (name !== 'areacodes' && kind !== vintage);
    });
    if (unknown.length > 0) {
      const expected = name === 'areacodes' ? AREA_CODE_HELP : `${vintage === 'lsoa21' ? 'LSOA 2021' : 'LSOA 2011'} codes (E01 and 6 digits)`;
      return {
        kind: 'invalid',
        reason: `${key} holds ${unknown.length === 1 ? 'a code' : `${unknown.length} codes`} GapMap does not recognise (${unknown
          .slice(0, 5)
          .map((c) => `'${c}'`)
          .join(', ')}${unknown.length > 5 ? ', …' : ''}); expected ${expected}.`,
      };
    }
    const unique = [...new Set(codes)];
    return { kind: 'areas', areas: unique.map((code) => ({ kind: areaKindOfCode(code, vintage)!, code })) };
  }
  return { kind: 'none' };
}
