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
import { schemeStats, type Dataset, type DatasetWithSchemes } from './dataset';

export const WORKSPACE_FILE_VERSION = 1;

interface WorkspaceFeature {
  type: 'Feature';
  geometry: Geometry | null;
  properties: { dataset: string; name: string; kind: string; amount_gbp?: number; gapmap_scheme: Scheme };
}

export interface WorkspaceFile {
  type: 'FeatureCollection';
  /** `themes`: the council's own list of themes; `areas`: its target areas (both optional; older files have neither). */
  gapmap: { workspace: typeof WORKSPACE_FILE_VERSION; exportedAt: string; datasets: Dataset[]; themes?: string[]; areas?: TargetArea[] };
  features: WorkspaceFeature[];
}

export function workspaceFile(
  datasets: readonly DatasetWithSchemes[],
  exportedAt: string,
  themes: readonly string[] = [],
  areas: readonly TargetArea[] = [],
): WorkspaceFile {
  return {
    type: 'FeatureCollection',
    gapmap: {
      workspace: WORKSPACE_FILE_VERSION,
      exportedAt,
      datasets: datasets.map(({ schemes: _schemes, ...meta }) => meta),
      ...(themes.length > 0 ? { themes: [...themes] } : {}),
      areas: [...areas],
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

/** `areas` null: the file has none (made before areas were saved with the workspace). */
export type WorkspaceRead = { ok: true; datasets: DatasetWithSchemes[]; themes: string[]; areas: TargetArea[] | null } | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The colours GapMap writes (#rrggbb). Anything else is refused: a colour reaches CSS and the map's
 * paint, and `url(http://…)` there would make the browser contact that host.
 */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The first dataset or target area whose colour is not #rrggbb, named with its value, or null. */
function colourProblem(datasets: readonly Record<string, unknown>[], areas: readonly TargetArea[] | null): string | null {
  const bad = (colour: unknown) => colour !== undefined && !(typeof colour === 'string' && HEX_COLOUR.test(colour));
  const shown = (colour: unknown) => JSON.stringify(colour)?.slice(0, 60);
  const dataset = datasets.findIndex((meta) => bad(meta.colour));
  if (dataset >= 0) {
    const meta = datasets[dataset]!;
    return `dataset ${dataset + 1} ("${String(meta.name)}") has the colour ${shown(meta.colour)}, which is not a colour (#rrggbb)`;
  }
  const area = (areas ?? []).findIndex((a) => bad(a.colour));
  if (area >= 0) return `target area ${area + 1} ("${areas![area]!.name}") has the colour ${shown(areas![area]!.colour)}, which is not a colour (#rrggbb)`;
  return null;
}

const isPosition = (value: unknown) => Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);

/** A target area as the app saves it: fields of the right types, shapes of positions or a list of codes. */
function isTargetArea(value: unknown): value is TargetArea {
  if (!isObject(value) || !isObject(value.definition)) return false;
  const { id, name, description, colour, visible, definition } = value;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof description !== 'string' || typeof colour !== 'string' || typeof visible !== 'boolean')
    return false;
  if (definition.kind === 'lsoas') return Array.isArray(definition.codes) && definition.codes.every((code) => typeof code === 'string');
  return (
    definition.kind === 'shapes' &&
    Array.isArray(definition.polygons) &&
    definition.polygons.every((polygon) => Array.isArray(polygon) && polygon.every((ring) => Array.isArray(ring) && ring.every(isPosition)))
  );
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
  const metas = value.gapmap.datasets;
  if (!Array.isArray(metas) || !metas.every((m) => isObject(m) && typeof m.id === 'string' && typeof m.name === 'string')) {
    return { ok: false, message: `${fileName}: the workspace's list of datasets is damaged.` };
  }
  const byId = new Map((metas as Dataset[]).map((meta) => [meta.id, { ...meta, schemes: [] as Scheme[] }]));
  for (let k = 0; k < value.features.length; k++) {
    const feature = value.features[k];
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : null;
    const dataset = properties && typeof properties.dataset === 'string' ? byId.get(properties.dataset) : undefined;
    const scheme = properties?.gapmap_scheme;
    if (!dataset || !isObject(scheme) || typeof scheme.id !== 'string' || !isObject(scheme.footprint)) {
      return {
        ok: false,
        message: `${fileName}: feature ${k + 1} is not a scheme of one of the workspace's datasets; the file is damaged, so nothing was opened.`,
      };
    }
    dataset.schemes.push(scheme as unknown as Scheme);
  }
  const areas = value.gapmap.areas === undefined ? null : value.gapmap.areas;
  if (areas !== null && !(Array.isArray(areas) && areas.every(isTargetArea))) {
    return { ok: false, message: `${fileName}: the workspace's list of target areas is damaged, so nothing was opened.` };
  }
  const colour = colourProblem(metas as Record<string, unknown>[], areas as TargetArea[] | null);
  if (colour) return { ok: false, message: `${fileName}: ${colour}; the file is damaged, so nothing was opened.` };
  // Counts and keys follow from the schemes, whatever the file says (it may have been edited).
  const themes = Array.isArray(value.gapmap.themes) ? value.gapmap.themes.filter((t): t is string => typeof t === 'string') : [];
  return {
    ok: true,
    themes,
    areas,
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
