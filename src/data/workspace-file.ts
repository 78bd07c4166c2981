// The whole workspace as one file: a GeoJSON FeatureCollection any GIS tool can open (each scheme
// a feature with its shape), plus a versioned `gapmap` member holding what GeoJSON cannot say
// (datasets, their colours and problems, each scheme's exact footprint, the council's themes, its
// target areas). Reading it back gives the same datasets, scheme for scheme, and the same areas:
// export → open is exact.

import { footprintGeometry } from '../core/scheme-features';
import type { Scheme } from '../core/scheme';
import { hashSchemes } from '../core/scheme-hash';
import type { Geometry } from 'geojson';
import type { TargetArea } from '../core/target-area';
import type { Slide } from '../core/view-snapshot';
import type * as v from 'valibot';
import { schemeStats, type Dataset, type DatasetWithSchemes } from './dataset';
import { datasetFileSchema, schemeSchema, targetAreaSchema, themesSchema } from './record-schemas';
import { check, type Checked } from './schema-problem';
import { slideSchema } from './slide-schemas';
import { showValue } from './show-value';

export const WORKSPACE_FILE_VERSION = 1;

interface WorkspaceFeature {
  type: 'Feature';
  geometry: Geometry | null;
  properties: { dataset: string; name: string; kind: string; amount_gbp?: number; gapmap_scheme: Scheme };
}

export interface WorkspaceFile {
  type: 'FeatureCollection';
  /** `themes`: the council's own list of themes; `areas`: its target areas; `slides`: its presentation (all optional; older files lack them). */
  gapmap: { workspace: typeof WORKSPACE_FILE_VERSION; exportedAt: string; datasets: Dataset[]; themes?: string[]; areas?: TargetArea[]; slides?: Slide[] };
  features: WorkspaceFeature[];
}

export function workspaceFile(
  datasets: readonly DatasetWithSchemes[],
  exportedAt: string,
  themes: readonly string[] = [],
  areas: readonly TargetArea[] = [],
  slides: readonly Slide[] = [],
): WorkspaceFile {
  return {
    type: 'FeatureCollection',
    gapmap: {
      workspace: WORKSPACE_FILE_VERSION,
      exportedAt,
      datasets: datasets.map(({ schemes: _schemes, ...meta }) => meta),
      ...(themes.length > 0 ? { themes: [...themes] } : {}),
      areas: [...areas],
      ...(slides.length > 0 ? { slides: [...slides] } : {}),
    },
    features: datasets.flatMap((dataset) =>
      dataset.schemes.map(
        (scheme): WorkspaceFeature => ({
          type: 'Feature',
          geometry: footprintGeometry(scheme.footprint),
          properties: {
            dataset: dataset.id,
            name: scheme.name,
            kind: scheme.kind,
            ...(scheme.amountGbp !== undefined ? { amount_gbp: scheme.amountGbp } : {}),
            gapmap_scheme: scheme,
          },
        }),
      ),
    ),
  };
}

/** Whether parsed JSON is a GapMap workspace file (rather than schemes to import). */
export function isWorkspaceFile(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'gapmap' in value && typeof (value as { gapmap: unknown }).gapmap === 'object';
}

/** `areas`, `slides` null: the file has none (made before they were saved with the workspace). */
export type WorkspaceRead =
  | { ok: true; datasets: DatasetWithSchemes[]; themes: string[]; areas: TargetArea[] | null; slides: Slide[] | null }
  | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ` ("Grants 2025")` when the value has a name, for saying which dataset, area or scheme is bad. */
const named = (value: unknown) => (isObject(value) && typeof value.name === 'string' ? ` ("${showValue(value.name).slice(1, -1)}")` : '');

/** ` ("Summary")` when a slide has a title. */
const titled = (value: unknown) => (isObject(value) && typeof value.title === 'string' ? ` ("${showValue(value.title).slice(1, -1)}")` : '');

/** Each member checked against its schema (record-schemas.ts); the first bad one refuses the file. */
function checkEach<S extends v.GenericSchema>(
  schema: S,
  list: unknown,
  what: (k: number, item: unknown) => string,
  listName: string,
): Checked<v.InferOutput<S>[]> {
  if (!Array.isArray(list)) return { ok: false, problem: `the ${listName} is ${showValue(list)}, expected a list` };
  const out: v.InferOutput<S>[] = [];
  for (let k = 0; k < list.length; k++) {
    const checked = check(schema, list[k], what(k, list[k]));
    if (!checked.ok) return checked;
    out.push(checked.value);
  }
  return { ok: true, value: out };
}

function readWorkspace(text: string, fileName: string): WorkspaceRead {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, message: `${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!isObject(value) || !isObject(value.gapmap) || !Array.isArray(value.features)) {
    return {
      ok: false,
      message: `${fileName} is not a GapMap workspace file (it has no "gapmap" member). To add schemes from it, use "Add schemes from files".`,
    };
  }
  const version = value.gapmap.workspace;
  if (version !== WORKSPACE_FILE_VERSION) {
    return {
      ok: false,
      message:
        typeof version === 'number' && version > WORKSPACE_FILE_VERSION
          ? `${fileName} was saved by a newer GapMap (workspace version ${version}); this one reads version ${WORKSPACE_FILE_VERSION}. Update GapMap and open it again.`
          : `${fileName} has no workspace version GapMap knows (found ${JSON.stringify(version)}).`,
    };
  }
  const damaged = (problem: string): WorkspaceRead => ({ ok: false, message: `${fileName}: ${problem}. The file is damaged, so nothing was opened.` });
  const metas = checkEach(datasetFileSchema, value.gapmap.datasets, (k, meta) => `dataset ${k + 1}${named(meta)}`, 'list of datasets');
  if (!metas.ok) return damaged(metas.problem);
  const byId = new Map<string, Omit<DatasetWithSchemes, 'hash' | 'stats'>>();
  for (const meta of metas.value) {
    if (byId.has(meta.id)) return damaged(`two datasets have the id "${showValue(meta.id).slice(1, -1)}"`);
    byId.set(meta.id, { ...meta, schemes: [] });
  }
  for (let k = 0; k < value.features.length; k++) {
    const feature = value.features[k];
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : null;
    const dataset = properties && typeof properties.dataset === 'string' ? byId.get(properties.dataset) : undefined;
    if (!dataset || !properties) return damaged(`feature ${k + 1} is not a scheme of one of the workspace's datasets`);
    const scheme = check(schemeSchema, properties.gapmap_scheme, `feature ${k + 1}${named(properties.gapmap_scheme)}: gapmap_scheme`);
    if (!scheme.ok) return damaged(scheme.problem);
    dataset.schemes.push(scheme.value);
  }
  let areas: TargetArea[] | null = null;
  if (value.gapmap.areas !== undefined) {
    const checked = checkEach(targetAreaSchema, value.gapmap.areas, (k, area) => `target area ${k + 1}${named(area)}`, 'list of target areas');
    if (!checked.ok) return damaged(checked.problem);
    areas = checked.value;
  }
  let slides: Slide[] | null = null;
  if (value.gapmap.slides !== undefined) {
    const checked = checkEach(slideSchema, value.gapmap.slides, (k, slide) => `slide ${k + 1}${titled(slide)}`, 'list of slides');
    if (!checked.ok) return damaged(checked.problem);
    slides = checked.value;
  }
  const themes = value.gapmap.themes === undefined ? { ok: true as const, value: [] } : check(themesSchema, value.gapmap.themes, 'the list of themes');
  if (!themes.ok) return damaged(themes.problem);
  // Counts and keys follow from the schemes, whatever the file says (it may have been edited).
  return {
    ok: true,
    themes: themes.value,
    areas,
    slides,
    datasets: [...byId.values()].map((dataset) => ({ ...dataset, stats: schemeStats(dataset.schemes), hash: hashSchemes(dataset.schemes) })),
  };
}

/**
 * A workspace file's datasets, themes and areas, or why it cannot be opened. A file damaged in a way
 * the checks above do not foresee (a scheme holding arrays nested 10,000 deep, which overflows the
 * stack as its schemes are hashed; found by fuzzing) is refused with its name, never thrown.
 */
export function readWorkspaceFile(text: string, fileName: string): WorkspaceRead {
  try {
    return readWorkspace(text, fileName);
  } catch (error) {
    return {
      ok: false,
      message: `${fileName} could not be opened (${error instanceof Error ? error.message : String(error)}); the file is damaged, so nothing was opened.`,
    };
  }
}
