// `gapmap report`: the evidence pack (src/core/report, the app's worker makes the same) written
// from the coverage command's own summary, so its figures are those of `coverage --summary`.

import fs from 'node:fs';
import path from 'node:path';
import type { CoverageRule } from '../../src/core/coverage-rule';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { legendTitle } from '../../src/core/legend';
import type { IndicatorKey } from '../../src/core/indicators';
import { evidencePackPdf } from '../../src/core/report/evidence-pack';
import { schemesByFunder, type SchemeCounts } from '../../src/core/report/schemes-section';
import type { Scheme } from '../../src/core/scheme';
import type { BuiltData } from './read-built-data';

export interface ReportParts {
  built: BuiltData;
  file: string;
  place: string;
  isEngland: boolean;
  rule: CoverageRule;
  indicator: IndicatorKey;
  deciles: ArrayLike<number>;
  lsoas: readonly number[];
  summary: CoverageSummary;
  schemes: readonly Scheme[];
  counted: readonly boolean[];
  counts: Omit<SchemeCounts, 'byFunder'>;
  areaName: (code: string) => string;
}

/** Writes the pack; gives its size in bytes. */
export async function writeEvidencePack(parts: ReportParts): Promise<number> {
  const { attributes, details, geometry, manifest } = parts.built;
  const bytes = await evidencePackPdf({
    place: parts.place,
    isEngland: parts.isEngland,
    date: new Date().toISOString().slice(0, 10),
    indicatorHeading: legendTitle(parts.indicator).heading,
    populationSource: manifest.populationSource,
    dataBuiltAt: manifest.builtAt,
    rule: parts.rule,
    summary: parts.summary,
    schemes: { ...parts.counts, byFunder: schemesByFunder(parts.schemes, parts.counted) },
    gapNames: (lsoa) => ({ code: attributes.codes[lsoa] ?? '', name: details.names[lsoa] ?? '', ward: details.wards[details.ward[lsoa] ?? -1]?.name ?? '' }),
    areaName: parts.areaName,
    map: { geometry, lsoas: parts.lsoas, deciles: parts.deciles },
  });
  fs.mkdirSync(path.dirname(path.resolve(parts.file)), { recursive: true });
  fs.writeFileSync(parts.file, bytes);
  return bytes.length;
}
