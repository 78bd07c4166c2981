// `gapmap coverage` options: parsed and checked before any data is read, so a typo fails at once.

import { parseRule, type CoverageRule } from '../../src/core/coverage-rule';
import { GAP_DEFINITIONS, isGapDefinition, type GapDefinition } from '../../src/core/gap-definition';
import { INDICATOR_KEYS, isIndicatorKey, type IndicatorKey } from '../../src/core/indicators';
import { AREA_WIDE_MODES, DEFAULT_AREA_WIDE, type AreaWideMode } from '../../src/core/placement';

import { DEFAULT_GAP_DECILE } from '../../src/core/summary';

export interface CoverageOptions {
  /** One or more files, read as one set of schemes (e.g. bus stops and routes as one transport picture). */
  schemesFiles: string[];
  rule: CoverageRule;
  out?: string;
  summary?: string;
  /** `report`: the evidence pack PDF to write. */
  pdf?: string;
  /** ONS code; England when absent. */
  scope?: string;
  /** A file of shapes (GeoJSON, shapefile zip, KML) whose LSOAs, by the rule, are the scope. */
  scopeFile?: string;
  gapDecile: number;
  /** Gaps: deprived LSOAs no scheme reaches, or those the fewest reach. */
  gaps: GapDefinition;
  /** Schemes recorded only for a whole district, county or region: apart (default) or counted as reaching all of it. */
  areaWide: AreaWideMode;
  indicator: IndicatorKey;
  data: string;
}

export type ArgsRead = { ok: true; options: CoverageOptions } | { ok: false; message: string } | { ok: 'help' };

const VALUE_OPTIONS = [
  '--rule',
  '--out',
  '--summary',
  '--scope',
  '--scope-file',
  '--gap-decile',
  '--gaps',
  '--area-wide',
  '--indicator',
  '--data',
  '--pdf',
] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * The options of `coverage` and of `report` (the same, plus --pdf, which `report` needs): one
 * parser, so the two commands read every option alike.
 */
export function parseCoverageArgs(argv: readonly string[], defaultDataDir: string, command: 'coverage' | 'report' = 'coverage'): ArgsRead {
  const values = new Map<ValueOption, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { ok: 'help' };
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const option = VALUE_OPTIONS.find((o) => o === name);
      if (!option) return { ok: false, message: `Unknown option '${name}'.` };
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return { ok: false, message: `${option} needs a value.` };
      values.set(option, value);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0) return { ok: false, message: `Give the schemes file: gapmap ${command} <schemes.geojson> [more files…].` };
  const pdf = values.get('--pdf');
  if (command === 'coverage' && pdf !== undefined)
    return { ok: false, message: '--pdf is for the report command: gapmap report <schemes> --scope CODE --pdf OUT.pdf.' };
  if (command === 'report' && pdf === undefined) return { ok: false, message: 'Give the file to write: gapmap report <schemes> --scope CODE --pdf OUT.pdf.' };

  const rule = parseRule(values.get('--rule') ?? 'intersects');
  if (!rule.ok) return { ok: false, message: rule.message };
  const gapText = values.get('--gap-decile') ?? String(DEFAULT_GAP_DECILE);
  const gapDecile = Number(gapText);
  if (!Number.isInteger(gapDecile) || gapDecile < 1 || gapDecile > 10) {
    return { ok: false, message: `--gap-decile '${gapText}' must be a whole number from 1 to 10.` };
  }
  const gaps = (values.get('--gaps') ?? 'unreached').toLowerCase();
  if (!isGapDefinition(gaps)) return { ok: false, message: `--gaps '${gaps}' must be one of ${GAP_DEFINITIONS.join(', ')}.` };
  const areaWide = (values.get('--area-wide') ?? DEFAULT_AREA_WIDE).toLowerCase();
  const mode = AREA_WIDE_MODES.find((m) => m === areaWide);
  if (!mode) return { ok: false, message: `--area-wide '${areaWide}' must be one of ${AREA_WIDE_MODES.join(', ')}.` };
  const indicator = (values.get('--indicator') ?? 'imd').toLowerCase();
  if (!isIndicatorKey(indicator)) return { ok: false, message: `Unknown indicator '${indicator}': use one of ${INDICATOR_KEYS.join(', ')}.` };
  const scope = values.get('--scope')?.trim().toUpperCase();
  const options: CoverageOptions = {
    schemesFiles: positional,
    rule: rule.rule,
    gapDecile,
    gaps,
    areaWide: mode,
    indicator,
    data: values.get('--data') ?? defaultDataDir,
  };
  const out = values.get('--out');
  const summary = values.get('--summary');
  if (out !== undefined) options.out = out;
  if (summary !== undefined) options.summary = summary;
  if (pdf !== undefined) options.pdf = pdf;
  if (scope !== undefined && scope !== 'ENGLAND' && scope !== 'E92000001') options.scope = scope;
  const scopeFile = values.get('--scope-file');
  if (scopeFile !== undefined) {
    if (scope !== undefined) return { ok: false, message: 'Give --scope or --scope-file, not both: the area file is the scope.' };
    options.scopeFile = scopeFile;
  }
  return { ok: true, options };
}
