// A dataset: one imported file's schemes (or the schemes drawn by hand), as the workspace keeps
// them. The page holds only its fields and a few counts; the schemes themselves (which may be
// 100k) live in the coverage worker and its storage, found by the dataset's hash, so the page
// never copies them (see src/worker/scheme-store.ts).

import { SCHEME_KINDS, type Scheme, type SchemeKind } from '../core/scheme';
import type { ImportFormat, ImportProblem } from './import/import-problem';

/** Where a dataset's schemes came from: a file format, or drawn on the map. */
type DatasetFormat = ImportFormat | 'drawn';

/** What the page shows about a dataset's schemes without holding them. */
export interface SchemeStats {
  count: number;
  shapes: { point: number; line: number; polygon: number; areas: number };
  /** The kinds present, in SCHEME_KINDS order. */
  kinds: SchemeKind[];
  /** Schemes marked proposed one by one (a dataset may also be proposed as a whole). */
  proposed?: number;
  /** Funders and themes named, with how many schemes each, most first (at most STATS_NAMES_KEPT); for the filters. */
  funders?: [string, number][];
  themes?: [string, number][];
}

/** Funders or themes listed per dataset for the filters (a 360Giving file may name thousands; the rest are typed). */
const STATS_NAMES_KEPT = 200;

function topNames(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en-GB')).slice(0, STATS_NAMES_KEPT);
}

export interface Dataset {
  id: string;
  name: string;
  format: DatasetFormat;
  /** Swatch in the list, so datasets can be told apart. */
  colour: string;
  visible: boolean;
  /** What the importer said, row by row (skipped rows and notes). */
  problems: ImportProblem[];
  /** Key of the schemes (hashSchemes): the worker finds them by it. */
  hash: string;
  importedAt: string;
  /** How many schemes each kind of location placed (tables). */
  locatedBy: [string, number][];
  stats: SchemeStats;
  /** Its schemes are proposed, not yet funded: kept out of the current figures, shown in the what-if. */
  proposed?: boolean;
}

/** A dataset with its schemes, as the worker and the workspace file hold it. */
export interface DatasetWithSchemes extends Dataset {
  schemes: Scheme[];
}

export function schemeStats(schemes: readonly Scheme[]): SchemeStats {
  const shapes = { point: 0, line: 0, polygon: 0, areas: 0 };
  const kinds = new Set<SchemeKind>();
  const funders = new Map<string, number>();
  const themes = new Map<string, number>();
  let proposed = 0;
  for (const scheme of schemes) {
    shapes[scheme.footprint.type]++;
    kinds.add(scheme.kind);
    if (scheme.funder) funders.set(scheme.funder, (funders.get(scheme.funder) ?? 0) + 1);
    if (scheme.theme) themes.set(scheme.theme, (themes.get(scheme.theme) ?? 0) + 1);
    if (scheme.proposed) proposed++;
  }
  return {
    count: schemes.length,
    shapes,
    kinds: SCHEME_KINDS.filter((kind) => kinds.has(kind)),
    funders: topNames(funders),
    themes: topNames(themes),
    proposed,
  };
}

/** The dataset schemes drawn on the map go to (one per workspace). */
export const DRAWN_DATASET_NAME = 'Drawn on the map';
