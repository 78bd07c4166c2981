// LSOA boundary features as the data step reads them: the code property in any case, RFC 7946
// Polygon/MultiPolygon geometry.

import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { LSOA21_CODE } from './parse-iod';
import { ProblemList, type Result } from './problems';

export type AreaGeometry = Polygon | MultiPolygon;

export interface LsoaBoundary {
  code: string;
  geometry: AreaGeometry;
}

/** Reads a property whatever its case: LSOA21CD, lsoa21cd, Lsoa21Cd. */
export function propertyAnyCase(properties: Record<string, unknown> | null | undefined, name: string): unknown {
  if (!properties) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(properties)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Validates LSOA boundary features: each must carry an LSOA21CD (any case) in E01 + 6 digits form,
 * once only, with Polygon or MultiPolygon geometry.
 */
export function readLsoaBoundaries(features: readonly Feature[], file: string): Result<LsoaBoundary[]> {
  const problems = new ProblemList(file);
  const seen = new Set<string>();
  const out: LsoaBoundary[] = [];
  features.forEach((feature, i) => {
    const raw = propertyAnyCase(feature.properties as Record<string, unknown>, 'LSOA21CD');
    const code = typeof raw === 'string' ? raw.trim() : '';
    if (!LSOA21_CODE.test(code)) {
      problems.add('a malformed LSOA code', {
        row: i + 1,
        column: 'LSOA21CD',
        value: String(raw),
        message: `Feature ${i + 1} has LSOA21CD '${String(raw)}', which is not an LSOA 2021 code (E01 followed by 6 digits).`,
      });
      return;
    }
    if (seen.has(code)) {
      problems.add('a duplicate LSOA code', {
        row: i + 1,
        column: 'LSOA21CD',
        value: code,
        message: `${code} appears in more than one feature; each LSOA must have one boundary.`,
      });
      return;
    }
    seen.add(code);
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.add('a missing polygon', {
        row: i + 1,
        column: 'geometry',
        value: geometry?.type ?? 'null',
        message: `${code} has ${geometry ? `a ${geometry.type}` : 'no'} geometry; expected a Polygon or MultiPolygon.`,
      });
      return;
    }
    out.push({ code, geometry });
  });
  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: out, problems: [] };
}
