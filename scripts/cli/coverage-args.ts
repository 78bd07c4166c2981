// `gapmap coverage` options: parsed and checked before any data is read, so a typo fails at once.

import { INDICATOR_KEYS, isIndicatorKey, type IndicatorKey } from '../../src/core/indicators';
import { parseRule, type CoverageRule } from '../../src/core/scheme';
import { DEFAULT_GAP_DECILE } from '../../src/core/summary';

export interface CoverageOptions {
  schemesFile: string;
  rule: CoverageRule;
  out?: string;
  summary?: string;
  /** ONS code; England when absent. */
  scope?: string;
  /** A file of shapes (GeoJSON, shapefile zip, KML) whose LSOAs, by the rule, are the scope. */
  scopeFile?: string;
  gapDecile: number;
  indicator: IndicatorKey;
  data: string;
}

export type ArgsRead = { ok: true; options: CoverageOptions } | { ok: false; message: string } | { ok: 'help' };

const VALUE_OPTIONS = ['--rule', '--out', '--summary', '--scope', '--scope-file', '--gap-decile', '--indicator', '--data'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

export function parseCoverageArgs(argv: readonly string[], defaultDataDir: string): ArgsRead {
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
  if (positional.length === 0) return { ok: false, message: 'Give the schemes file: gapmap coverage <schemes.geojson>.' };
  if (positional.length > 1) return { ok: false, message: `One schemes file only; also got ${positional.slice(1).map((p) => `'${p}'`).join(', ')}.` };

  const rule = parseRule(values.get('--rule') ?? 'intersects');
  if (!rule.ok) return { ok: false, message: rule.message };
  const gapText = values.get('--gap-decile') ?? String(DEFAULT_GAP_DECILE);
  const gapDecile = Number(gapText);
  if (!Number.isInteger(gapDecile) || gapDecile < 1 || gapDecile > 10) {
    return { ok: false, message: `--gap-decile '${gapText}' must be a whole number from 1 to 10.` };
  }
  const indicator = (values.get('--indicator') ?? 'imd').toLowerCase();
  if (!isIndicatorKey(indicator)) return { ok: false, message: `Unknown indicator '${indicator}': use one of ${INDICATOR_KEYS.join(', ')}.` };
  const scope = values.get('--scope')?.trim().toUpperCase();
  const options: CoverageOptions = {
    schemesFile: positional[0]!,
    rule: rule.rule,
    gapDecile,
    indicator,
    data: values.get('--data') ?? defaultDataDir,
  };
  const out = values.get('--out');
  const summary = values.get('--summary');
  if (out !== undefined) options.out = out;
  if (summary !== undefined) options.summary = summary;
  if (scope !== undefined && scope !== 'ENGLAND' && scope !== 'E92000001') options.scope = scope;
  const scopeFile = values.get('--scope-file');
  if (scopeFile !== undefined) {
    if (scope !== undefined) return { ok: false, message: 'Give --scope or --scope-file, not both: the area file is the scope.' };
    options.scopeFile = scopeFile;
  }
  return { ok: true, options };
}
