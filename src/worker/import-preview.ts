// What an import would add, as the preview shows it before the user confirms: counts, samples,
// grouped reasons for skipped rows, how the schemes were placed, and, when most would be recorded
// only for a whole area, how many the file's finer location columns could place more precisely.

import { countByPlacement, isAreaWide } from '../core/placement';
import type { ReachDefaults, Scheme } from '../core/scheme';
import type { ColumnMeaning } from '../data/import/columns';
import { importSchemesFile, type ImportContext, type SchemesImport } from '../data/import/import-file';
import { PREVIEW_PROBLEMS, type ImportPreview } from '../contract';

/** The preview of an import the engine holds: counts, samples, grouped reasons, the first problems. */
export function previewOf(
  token: number,
  name: string,
  read: Extract<SchemesImport, { ok: true }>,
  reach: ReachDefaults,
  options: { preferFinest?: boolean; finer?: ImportPreview['finer'] } = {},
): ImportPreview {
  const errors = read.problems.filter((p) => p.severity === 'error');
  // Like reasons group when their quoted values and numbers are left out; each group shows its first.
  const groups = new Map<string, { reason: string; count: number }>();
  for (const problem of errors) {
    const key = problem.message.replace(/'[^']*'/g, "''").replace(/[\d.,−-]+/g, '#');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { reason: problem.message, count: 1 });
  }
  return {
    token,
    name,
    format: read.format,
    schemes: read.schemes.length,
    rows: read.table?.rows ?? null,
    table: read.table ? { headers: read.table.headers, meanings: read.table.meanings, sample: read.table.sample } : null,
    sample: read.schemes.slice(0, 5),
    errors: errors.length,
    warnings: read.problems.length - errors.length,
    reasons: [...groups.values()].sort((a, b) => b.count - a.count),
    problems: read.problems.slice(0, PREVIEW_PROBLEMS),
    locatedBy: [...(read.table?.locatedBy ?? [])],
    reach,
    shapes: countShapes(read.schemes),
    stops: read.schemes.filter((scheme) => scheme.kind === 'transport' && scheme.footprint.type === 'point').length,
    placements: countByPlacement(read.schemes),
    areaWide: read.schemes.filter((scheme) => isAreaWide(scheme)).length,
    preferFinest: options.preferFinest === true,
    finer: options.finer ?? null,
  };
}

/**
 * When most schemes would be area-wide: reads the file again placing each row by its finest
 * location, and says how many more that places finer than a district, and by what; null when not
 * worth asking (a table only) or none would.
 */
export async function finerLocations(
  bytes: Uint8Array,
  name: string,
  read: Extract<SchemesImport, { ok: true }>,
  context: ImportContext,
  meanings: ColumnMeaning[] | undefined,
): Promise<ImportPreview['finer']> {
  const areaWide = read.schemes.filter((scheme) => isAreaWide(scheme)).length;
  if (!read.table || areaWide <= read.schemes.length / 2) return null;
  const finest = await importSchemesFile(bytes, name, { ...context, preferFinest: true, onProgress: () => undefined }, meanings);
  if (!finest.ok) return null;
  const placedFiner = finest.schemes.filter((scheme) => !isAreaWide(scheme));
  const gained = placedFiner.length - (read.schemes.length - areaWide);
  if (gained <= 0) return null;
  const by = new Map<string, number>();
  for (const scheme of placedFiner) if (scheme.locatedBy) by.set(scheme.locatedBy, (by.get(scheme.locatedBy) ?? 0) + 1);
  return { schemes: gained, locatedBy: [...by] };
}

function countShapes(schemes: readonly Scheme[]): ImportPreview['shapes'] {
  const counts = { point: 0, line: 0, polygon: 0, areas: 0 };
  for (const scheme of schemes) counts[scheme.footprint.type] += 1;
  return counts;
}
