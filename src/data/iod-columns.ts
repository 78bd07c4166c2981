// One alias table for the English Indices of Deprivation: the official MHCLG File 7 headers
// (e.g. "Income Rank (where 1 is most deprived)") and the snake_case renamings used by
// ../shared/data/iod2025 (e.g. "income_rank") both resolve to the same fields.

import { INDICATOR_KEYS, type IndicatorKey } from '../core/indicators';
import type { ColumnSpec } from './csv';

/** MHCLG's own name for each indicator, as it starts the File 7 headers. */
const OFFICIAL_NAMES: Record<IndicatorKey, readonly string[]> = {
  imd: ['Index of Multiple Deprivation (IMD)'],
  income: ['Income'],
  employment: ['Employment'],
  education: ['Education, Skills and Training'],
  health: ['Health Deprivation and Disability'],
  crime: ['Crime'],
  barriers: ['Barriers to Housing and Services'],
  living: ['Living Environment'],
  idaci: ['Income Deprivation Affecting Children Index (IDACI)'],
  idaopi: ['Income Deprivation Affecting Older People (IDAOPI)', 'Income Deprivation Affecting Older People Index (IDAOPI)'],
};

/** Prefixes of the renamed (snake_case) headers. */
const RENAMED_PREFIXES: Record<IndicatorKey, readonly string[]> = {
  imd: ['imd'],
  income: ['income'],
  employment: ['employment'],
  education: ['education'],
  health: ['health'],
  crime: ['crime'],
  barriers: ['barriers_housing_services', 'barriers'],
  living: ['living_environment', 'living'],
  idaci: ['idaci'],
  idaopi: ['idaopi'],
};

type IodMeasure = 'score' | 'rank' | 'decile';
export type IodColumnKey = 'code' | 'name' | 'ladCode' | 'population' | `${IndicatorKey}:${IodMeasure}`;

function measureAliases(key: IndicatorKey, measure: IodMeasure): string[] {
  const official = OFFICIAL_NAMES[key].flatMap((name) => {
    switch (measure) {
      case 'score':
        return [`${name} Score`, `${name} Score (rate)`];
      case 'rank':
        return [`${name} Rank (where 1 is most deprived)`, `${name} Rank`];
      case 'decile':
        return [`${name} Decile (where 1 is most deprived 10% of LSOAs)`, `${name} Decile`];
    }
  });
  const renamed = RENAMED_PREFIXES[key].map((prefix) => `${prefix}_${measure}`);
  return [...official, ...renamed];
}

const CODE_ALIASES = ['LSOA code (2021)', 'lsoa21cd', 'LSOA21CD', 'lsoa_code', 'LSOA code'] as const;

/**
 * Columns of an IoD table at LSOA 2021 level. `required` lists the indicators whose rank and
 * decile must be present; scores and other indicators are read when present.
 */
export function iodColumnSpecs(required: readonly IndicatorKey[]): ColumnSpec<IodColumnKey>[] {
  const specs: ColumnSpec<IodColumnKey>[] = [
    { key: 'code', aliases: CODE_ALIASES, required: true, description: 'the LSOA 2021 code' },
    { key: 'name', aliases: ['LSOA name (2021)', 'lsoa21nm', 'LSOA name'], required: false, description: 'the LSOA name' },
    {
      key: 'ladCode',
      aliases: ['Local Authority District code (2024)', 'lad24cd', 'Local Authority District code'],
      required: false,
      description: 'the local authority district code',
    },
    {
      key: 'population',
      aliases: ['Total population: mid 2022', 'pop_total_mid2022', 'total_population_mid2022'],
      required: false,
      description: 'the population denominator',
    },
  ];
  for (const key of INDICATOR_KEYS) {
    for (const measure of ['score', 'rank', 'decile'] as const) {
      specs.push({
        key: `${key}:${measure}`,
        aliases: measureAliases(key, measure),
        required: measure !== 'score' && required.includes(key),
        description: `the ${OFFICIAL_NAMES[key][0]} ${measure}`,
      });
    }
  }
  return specs;
}
