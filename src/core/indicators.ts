// The English Indices of Deprivation 2025 indicators GapMap can colour by. One list, used by the
// data step (column aliases), the tiles (property names) and the UI (labels), so they cannot drift.

export const INDICATOR_KEYS = ['imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living', 'idaci', 'idaopi'] as const;

export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorInfo {
  key: IndicatorKey;
  /** Full name, as MHCLG titles it. */
  label: string;
  /** Short name for tight places (domain bars, picker). */
  short: string;
  /** Supplementary indices carry ranks and deciles only (File 3 has no scores). */
  hasScore: boolean;
}

export const INDICATORS: Record<IndicatorKey, IndicatorInfo> = {
  imd: { key: 'imd', label: 'Index of Multiple Deprivation', short: 'IMD', hasScore: true },
  income: { key: 'income', label: 'Income', short: 'Income', hasScore: true },
  employment: { key: 'employment', label: 'Employment', short: 'Employment', hasScore: true },
  education: {
    key: 'education',
    label: 'Education, Skills and Training',
    short: 'Education',
    hasScore: true,
  },
  health: {
    key: 'health',
    label: 'Health Deprivation and Disability',
    short: 'Health',
    hasScore: true,
  },
  crime: { key: 'crime', label: 'Crime', short: 'Crime', hasScore: true },
  barriers: {
    key: 'barriers',
    label: 'Barriers to Housing and Services',
    short: 'Barriers',
    hasScore: true,
  },
  living: { key: 'living', label: 'Living Environment', short: 'Living env.', hasScore: true },
  idaci: {
    key: 'idaci',
    label: 'Income Deprivation Affecting Children Index (IDACI)',
    short: 'IDACI',
    hasScore: false,
  },
  idaopi: {
    key: 'idaopi',
    label: 'Income Deprivation Affecting Older People Index (IDAOPI)',
    short: 'IDAOPI',
    hasScore: false,
  },
};

/** The seven domains that make up the IMD, in MHCLG's order. */
export const DOMAIN_KEYS: readonly IndicatorKey[] = ['income', 'employment', 'education', 'health', 'crime', 'barriers', 'living'];

export function isIndicatorKey(value: string): value is IndicatorKey {
  return (INDICATOR_KEYS as readonly string[]).includes(value);
}
