// The areas slice: target areas officers draw on the map (terra-draw shapes), assemble from LSOAs
// (clicks, a lasso, or a ward, district or county to start from) or import from a file; their
// names, descriptions and colours; undo and redo over every change; and the selected area's live
// report from the coverage worker (who lives there, how deprived it is, what reaches it), asked
// for again whenever the area, the rule, the schemes shown, the indicator or the gap decile change.
// The list is saved in the workspace (IndexedDB) after each change.

import { formatRule } from '../core/coverage-rule';
import type { GapDefinition } from '../core/gap-definition';
import type { StateCreator } from 'zustand/vanilla';
import { type Footprint, type LonLat } from '../core/scheme';
import { nextAreaColour, type AreaDefinition, type TargetArea } from '../core/target-area';
import { readGeoJsonShape } from '../data/geojson-shape';
import type { ImportedArea } from '../data/area-file';
import type { AreaLsoaRow } from '../data/area-export';
import { decodeDeciles, type DetailsFile } from '../data/schema';
import type { AreaReport, CoverageClient } from './coverage-protocol';
import { summaryArea } from './coverage-slice';
import type { AppState } from './store';

/** The shapes terra-draw draws for an area. */
export const AREA_DRAW_SHAPES = ['polygon', 'freehand', 'rectangle', 'circle'] as const;
export type AreaDrawShape = (typeof AREA_DRAW_SHAPES)[number];

export type AreaTool =
  | { kind: 'none' }
  /** Each shape drawn becomes a new area. */
  | { kind: 'draw'; shape: AreaDrawShape }
  /** The selected area's shapes can be selected, moved, reshaped by their corners, deleted. */
  | { kind: 'edit' }
  /** A click adds an LSOA to the selected set of LSOAs, or takes it out. */
  | { kind: 'lsoas' }
  /** A loop drawn freehand adds the LSOAs whose centres are inside it. */
  | { kind: 'lasso' };

export type AreaReportState =
  | { status: 'none' }
  | { status: 'computing'; areaId: string; startedAt: number }
  | { status: 'ready'; areaId: string; report: AreaReport; asked: ReportParams }
  | { status: 'failed'; areaId: string; message: string };

/** What a report was computed from (so a stale one is never shown as current). */
export interface ReportParams {
  area: TargetArea;
  ruleText: string;
  runKey: string | null;
  indicator: string;
  gapDecile: number;
  gaps: GapDefinition;
  includeProposed: boolean;
}

export interface AreasState {
  list: readonly TargetArea[];
  selectedId: string | null;
  tool: AreaTool;
  /** Lists before each change (undo) and after each undo (redo), newest last. */
  past: readonly (readonly TargetArea[])[];
  future: readonly (readonly TargetArea[])[];
  report: AreaReportState;
  /** A shape refused or repaired, an import's notes: said in the panel until the next change. */
  message: { tone: 'info' | 'error'; text: string } | null;
  saveError: string | null;
  /** A file of areas read and waiting for the user to add them (all or none), or being read. */
  importing: AreasImport;
}

export type AreasImport =
  | { kind: 'none' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'preview'; fileName: string; areas: ImportedArea[]; notes: string[] };

/** A file to save: what the panel hands to the browser's download. */
export type AreaDownload = { ok: true; fileName: string; text: string; type: string } | { ok: false; message: string };

/** Saves the areas (IndexedDB in the app). */
export interface AreaStorage {
  load(): Promise<TargetArea[]>;
  save(areas: readonly TargetArea[]): Promise<void>;
}

export interface AreasSlice {
  areas: AreasState;
  loadAreas: () => Promise<void>;
  startAreaTool: (tool: AreaTool) => void;
  /** The map finished a shape (GeoJSON geometry from terra-draw): a new area, or a lasso's LSOAs. */
  finishAreaShape: (geometry: unknown) => Promise<void>;
  /** The selected area's shapes after an edit on the map (none left: the area is deleted). */
  editAreaShapes: (id: string, polygons: LonLat[][][]) => void;
  /** Adds an LSOA to the selected set of LSOAs or takes it out (a new set if none is selected). */
  toggleAreaLsoa: (lsoa: number) => void;
  /** The same for the LSOA at a place (the map's centre, for the keyboard). */
  toggleAreaLsoaAt: (at: LonLat) => Promise<void>;
  /** A new area of the LSOAs of a ward, district or county, named after it. */
  areaFromPlace: (name: string, lsoas: readonly number[]) => void;
  /** Reads a file of areas (GeoJSON, zipped shapefile, KML/KMZ) for the user to confirm. */
  readAreasFile: (file: File) => Promise<void>;
  /** Adds the areas read (all of them, one undo step). */
  confirmAreasImport: () => void;
  cancelAreasImport: () => void;
  /** All the areas at once (a workspace file opened, or that undone): one undo step. */
  replaceAreas: (areas: readonly TargetArea[]) => void;
  /** The area as GeoJSON with its figures, or its LSOAs as CSV. */
  exportArea: (id: string, format: 'geojson' | 'csv') => Promise<AreaDownload>;
  selectArea: (id: string | null) => void;
  updateArea: (id: string, changes: Partial<Pick<TargetArea, 'name' | 'description' | 'colour'>>) => void;
  setAreaVisible: (id: string, visible: boolean) => void;
  duplicateArea: (id: string) => void;
  deleteArea: (id: string) => void;
  undoAreas: () => void;
  redoAreas: () => void;
  zoomToArea: (id: string) => Promise<void>;
  /** Opens the scheme form for a scheme whose footprint is this area ("this fund targets this area"). */
  areaToScheme: (id: string) => void;
  /** Asks the worker for the selected area's report, if what it depends on changed. */
  refreshAreaReport: () => void;
  /** Shows the coverage dashboard for this area (its LSOAs as the scope), once its figures are in. */
  showAreaDashboard: (id: string) => Promise<void>;
  dismissAreaMessage: () => void;
}

export const INITIAL_AREAS: AreasState = {
  list: [],
  selectedId: null,
  tool: { kind: 'none' },
  past: [],
  future: [],
  report: { status: 'none' },
  message: null,
  saveError: null,
  importing: { kind: 'none' },
};

/** Undo steps kept. */
const HISTORY = 100;

const newAreaId = () => `a${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** "Area 3": the first number not yet used by an area named so. */
export function nextAreaName(areas: readonly TargetArea[], stem = 'Area'): string {
  const taken = new Set(areas.map((area) => area.name));
  for (let n = areas.length + 1; ; n++) if (!taken.has(`${stem} ${n}`)) return `${stem} ${n}`;
}

/** "Old Trafford copy", then "Old Trafford copy 2", …; a copy of a copy is named after the original. */
export function copyName(areas: readonly TargetArea[], name: string): string {
  const base = `${name.replace(/ copy(?: \d+)?$/, '')} copy`;
  const taken = new Set(areas.map((area) => area.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function selectedArea(state: Pick<AppState, 'areas'>): TargetArea | null {
  return state.areas.list.find((area) => area.id === state.areas.selectedId) ?? null;
}

/** The footprint a scheme gets from an area: its shapes, or exactly its LSOAs. */
export function areaFootprint(definition: AreaDefinition): Footprint {
  switch (definition.kind) {
    case 'shapes':
      return { type: 'polygon', polygons: definition.polygons, bufferM: 0 };
    case 'lsoas':
      return { type: 'areas', areas: definition.codes.map((code) => ({ kind: 'lsoa21', code })) };
  }
}

/** West, south, east, north of polygons; null when empty. */
export function polygonsBounds(polygons: readonly LonLat[][][]): [number, number, number, number] | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

/** The run whose schemes count for areas: the one shown, when it is for the schemes shown now. */
export function currentRunKey(state: Pick<AppState, 'coverage'>): string | null {
  const { result, schemesHash } = state.coverage;
  return result && result.run.schemesHash === schemesHash ? result.run.key : null;
}

const ruleText = (state: Pick<AppState, 'coverage'>) => formatRule(state.coverage.rule);

/** Renaming, recolouring or hiding an area keeps its figures: only its place and shapes matter. */
export function sameDefinition(a: TargetArea, b: TargetArea): boolean {
  return a.id === b.id && a.definition === b.definition;
}

function sameParams(a: ReportParams, b: ReportParams): boolean {
  return (
    sameDefinition(a.area, b.area) &&
    a.ruleText === b.ruleText &&
    a.runKey === b.runKey &&
    a.indicator === b.indicator &&
    a.gapDecile === b.gapDecile &&
    a.gaps === b.gaps &&
    a.includeProposed === b.includeProposed
  );
}

/** After undo or redo: the area selected if still there, else one the step brought back or changed, else none. */
function selectionAfter(now: readonly TargetArea[], before: readonly TargetArea[], selectedId: string | null): string | null {
  if (now.some((area) => area.id === selectedId)) return selectedId;
  const changed = now.find((area) => !before.includes(area));
  return changed?.id ?? null;
}

const saveFailure = (error: string) => `Your areas could not be saved in this browser (${error}). They stay open until you close the page; export each to keep a copy.`;

type Deps = { coverage?: CoverageClient | undefined; areaStorage?: AreaStorage | undefined };

/** How long an export waits for the area's figures before saying so. */
const REPORT_WAIT_MS = 30_000;

export const areasSlice =
  (deps: Deps): StateCreator<AppState, [], [], AreasSlice> =>
  (set, get, api) => {
    /** Resolves with the first state `pick` accepts (now, or after a change), or null after `ms`. */
    const waitFor = <T>(pick: (state: AppState) => T | null, ms: number): Promise<T | null> =>
      new Promise((resolve) => {
        const now = pick(get());
        if (now !== null) return resolve(now);
        const timer = setTimeout(() => {
          unsubscribe();
          resolve(null);
        }, ms);
        const unsubscribe = api.subscribe((state) => {
          const picked = pick(state);
          if (picked === null) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(picked);
        });
      });

    /** The selected area's report for what is shown now (asked for if need be). */
    const currentReport = async (id: string): Promise<{ ok: true; report: AreaReport } | { ok: false; message: string }> => {
      get().refreshAreaReport();
      const settled = await waitFor((state) => {
        const report = state.areas.report;
        const area = selectedArea(state);
        if (report.status === 'ready' && report.areaId === id && area && sameDefinition(area, report.asked.area)) return report;
        if (report.status === 'failed' && report.areaId === id) return report;
        return null;
      }, REPORT_WAIT_MS);
      if (!settled) return { ok: false, message: 'The area’s figures are taking too long; try again in a moment.' };
      return settled.status === 'ready' ? { ok: true, report: settled.report } : { ok: false, message: settled.message };
    };

    const whenDetails = async (): Promise<DetailsFile | null> => {
      get().loadDetails();
      // A failed load is final (it is not retried), so it settles the wait at once.
      const settled = await waitFor((state) => (state.details.status === 'ready' || state.details.status === 'failed' ? state.details : null), REPORT_WAIT_MS);
      return settled?.status === 'ready' ? settled.details : null;
    };

    const patch = (changes: Partial<AreasState>) => set((state) => ({ areas: { ...state.areas, ...changes } }));
    let reportId = 0;
    let asked: ReportParams | null = null;
    /** Whether the saved areas have been read (saving before that would overwrite them). */
    let loaded = !deps.areaStorage;
    let loading: Promise<void> | null = null;
    /** The file of areas being read; an older read finishing late is dropped. */
    let importToken = 0;

    const save = (list: readonly TargetArea[]) => {
      if (!deps.areaStorage || !loaded) return;
      deps.areaStorage.save(list).then(
        () => patch({ saveError: null }),
        (error: unknown) => patch({ saveError: saveFailure(error instanceof Error ? error.message : String(error)) }),
      );
    };

    /** Every change to the list goes through here: one undo step, saved. */
    const commit = (list: readonly TargetArea[], selectedId: string | null = get().areas.selectedId, message: AreasState['message'] = null) => {
      const { areas } = get();
      patch({ list, selectedId, past: [...areas.past, areas.list].slice(-HISTORY), future: [], message });
      save(list);
    };

    const addArea = (fields: Pick<TargetArea, 'name' | 'definition'> & Partial<TargetArea>, message: AreasState['message'] = null) => {
      const list = get().areas.list;
      const area: TargetArea = { id: newAreaId(), description: '', colour: nextAreaColour(list), visible: true, ...fields };
      commit([...list, area], area.id, message);
      return area;
    };

    const replace = (id: string, change: (area: TargetArea) => TargetArea) => {
      const list = get().areas.list;
      if (!list.some((area) => area.id === id)) return;
      commit(list.map((area) => (area.id === id ? change(area) : area)));
    };

    const codesOf = (lsoas: Iterable<number>) => {
      const codes = get().attributes.codes;
      return [...new Set([...lsoas].map((lsoa) => codes[lsoa]).filter((code): code is string => code !== undefined))].sort();
    };

    /** The selected area if it is a set of LSOAs, else a new empty one to add to. */
    const lsoaSetToEdit = (): TargetArea | null => {
      const area = selectedArea(get());
      return area?.definition.kind === 'lsoas' ? area : null;
    };

    const addLsoas = (lsoas: readonly number[], how: string) => {
      const target = lsoaSetToEdit();
      if (!target) {
        addArea({ name: nextAreaName(get().areas.list), definition: { kind: 'lsoas', codes: codesOf(lsoas) } });
        return;
      }
      const codes = target.definition.kind === 'lsoas' ? target.definition.codes : [];
      const added = codesOf(lsoas).filter((code) => !codes.includes(code));
      if (added.length === 0) {
        patch({ message: { tone: 'info', text: `${how} added no LSOA: they are all in ${target.name} already.` } });
        return;
      }
      replace(target.id, (area) => ({ ...area, definition: { kind: 'lsoas', codes: [...codes, ...added].sort() } }));
    };

    return {
      areas: INITIAL_AREAS,

      loadAreas: () => {
        if (!deps.areaStorage || loaded) return Promise.resolve();
        loading ??= deps.areaStorage.load().then(
          (saved) => {
            loaded = true;
            // Anything made before the saved list arrived comes after it, and undo keeps the saved ones.
            const { list: made, past, future } = get().areas;
            const withSaved = (list: readonly TargetArea[]) => [...saved, ...list];
            patch({ list: withSaved(made), past: past.map(withSaved), future: future.map(withSaved) });
            if (made.length > 0) save(get().areas.list);
          },
          (error: unknown) => {
            // Not marked loaded: saving now would replace the areas that could not be read.
            loading = null;
            patch({
              saveError: `Your saved areas could not be read (${error instanceof Error ? error.message : String(error)}). Areas you make now are not saved; reload the page to try again.`,
            });
          },
        );
        return loading;
      },

      startAreaTool: (tool) => {
        // One drawing tool on the map at a time: drawing a scheme stops.
        if (tool.kind !== 'none' && get().coverage.editing.kind === 'drawing') get().startDrawing(null);
        if (tool.kind === 'edit' && selectedArea(get())?.definition.kind !== 'shapes') {
          patch({ message: { tone: 'error', text: 'Select an area drawn on the map to edit its shapes; an area of LSOAs is changed by clicking LSOAs.' } });
          return;
        }
        patch({ tool, message: null });
      },

      finishAreaShape: async (geometry) => {
        const { tool } = get().areas;
        if (tool.kind !== 'draw' && tool.kind !== 'lasso') return;
        const read = readGeoJsonShape(geometry);
        if (!read.ok || read.shape.type !== 'polygon') {
          const reason = read.ok ? 'It is not a closed shape.' : read.reason;
          patch({ message: { tone: 'error', text: `That shape could not be used as an area. ${reason} Draw it again.` } });
          return;
        }
        const polygons = read.shape.polygons;
        if (tool.kind === 'draw') {
          const repaired = read.repairs.length > 0 ? { tone: 'info' as const, text: read.repairs.join(' ') } : null;
          addArea({ name: nextAreaName(get().areas.list), definition: { kind: 'shapes', polygons } }, repaired);
          patch({ tool: { kind: 'none' } });
          return;
        }
        const client = deps.coverage;
        if (!client) return patch({ message: { tone: 'error', text: 'The lasso needs the coverage worker, which this browser could not start.' } });
        const lsoas = await client.areaLsoas({ kind: 'shapes', polygons }, { kind: 'centroid' });
        if (!lsoas || lsoas.length === 0) {
          patch({ message: { tone: 'info', text: 'The lasso took in no LSOA: loop round the middle of the LSOAs you want.' } });
          return;
        }
        addLsoas([...lsoas], 'The lasso');
      },

      editAreaShapes: (id, polygons) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area || area.definition.kind !== 'shapes') return;
        if (polygons.length === 0) {
          get().deleteArea(id);
          return;
        }
        replace(id, (a) => ({ ...a, definition: { kind: 'shapes', polygons } }));
      },

      toggleAreaLsoa: (lsoa) => {
        const code = get().attributes.codes[lsoa];
        if (code === undefined) return;
        const target = lsoaSetToEdit();
        if (!target || target.definition.kind !== 'lsoas') {
          addArea({ name: nextAreaName(get().areas.list), definition: { kind: 'lsoas', codes: [code] } });
          return;
        }
        const codes = target.definition.codes;
        const next = codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code].sort();
        replace(target.id, (area) => ({ ...area, definition: { kind: 'lsoas', codes: next } }));
      },

      toggleAreaLsoaAt: async ([lon, lat]) => {
        // A square a metre or so across: the LSOA it lies in (the first, on a border).
        const d = 0.00001;
        const square: LonLat[] = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
        const found = await deps.coverage?.areaLsoas({ kind: 'shapes', polygons: [[square]] }, { kind: 'intersects' });
        const lsoa = found?.[0];
        if (lsoa === undefined) return patch({ message: { tone: 'info', text: 'There is no LSOA at the map’s centre: move the map over England.' } });
        get().toggleAreaLsoa(lsoa);
      },

      areaFromPlace: (name, lsoas) => {
        if (lsoas.length === 0) return;
        addArea({ name: get().areas.list.some((area) => area.name === name) ? nextAreaName(get().areas.list, name) : name, definition: { kind: 'lsoas', codes: codesOf(lsoas) } });
      },

      readAreasFile: async (file) => {
        const fileName = file.name;
        const token = ++importToken;
        patch({ importing: { kind: 'reading', fileName }, message: null });
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (error) {
          if (token !== importToken) return;
          patch({ importing: { kind: 'none' }, message: { tone: 'error', text: `${fileName} could not be read (${error instanceof Error ? error.message : String(error)}).` } });
          return;
        }
        // The shapefile and KML readers load only when someone imports areas.
        const { readAreasFile } = await import('../data/area-file');
        const read = readAreasFile(bytes, fileName);
        if (token !== importToken || get().areas.importing.kind !== 'reading') return; // Cancelled, or another file chosen.
        if (!read.ok) {
          patch({ importing: { kind: 'none' }, message: { tone: 'error', text: read.message } });
          return;
        }
        patch({ importing: { kind: 'preview', fileName, areas: read.areas, notes: read.notes } });
      },

      confirmAreasImport: () => {
        const importing = get().areas.importing;
        if (importing.kind !== 'preview') return;
        let list = get().areas.list;
        const added = importing.areas.map((area) => {
          const made: TargetArea = {
            id: newAreaId(),
            name: area.name,
            description: area.description,
            colour: area.colour ?? nextAreaColour(list),
            visible: true,
            definition: { kind: 'shapes', polygons: area.polygons },
          };
          list = [...list, made];
          return made;
        });
        patch({ importing: { kind: 'none' } });
        const notes = importing.notes.length > 0 ? ` ${importing.notes.length} note${importing.notes.length === 1 ? '' : 's'} on the file: ${importing.notes.slice(0, 3).join(' ')}${importing.notes.length > 3 ? ' …' : ''}` : '';
        commit(list, added[0]?.id ?? get().areas.selectedId, { tone: 'info', text: `Added ${added.length} area${added.length === 1 ? '' : 's'} from ${importing.fileName}.${notes}` });
      },

      replaceAreas: (areas) => {
        commit([...areas], null);
        patch({ tool: { kind: 'none' } });
      },

      cancelAreasImport: () => {
        importToken++;
        patch({ importing: { kind: 'none' } });
      },

      exportArea: async (id, format) => {
        const area = get().areas.list.find((a) => a.id === id);
        const client = deps.coverage;
        if (!area) return { ok: false, message: 'That area was deleted.' };
        if (!client) return { ok: false, message: 'Exporting needs the coverage worker, which this browser could not start.' };
        if (get().areas.selectedId !== id) get().selectArea(id);
        const report = await currentReport(id);
        if (!report.ok) return report;
        const state = get();
        const { attributes } = state;
        const { stats, lsoas } = report.report;
        const gaps = new Set(report.report.gaps ?? []);
        const fileStem = area.name.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-') || 'area';
        const exportModule = await import('../data/area-export');
        if (format === 'geojson') {
          const polygons = await client.areaPolygons(area.definition);
          if (!polygons) return { ok: false, message: 'The LSOA boundaries could not be read, so the area cannot be exported. Reload the page and try again.' };
          const figures = {
            rule: area.definition.kind === 'lsoas' ? 'chosen LSOAs' : formatRule(state.coverage.rule),
            indicator: state.indicator,
            gapDecile: state.coverage.gapDecile,
            lsoas: stats.lsoas,
            people: stats.people,
            peopleByDecile: stats.peopleByDecile,
            shareMostDeprived10: stats.shareMostDeprived10,
            shareMostDeprived20: stats.shareMostDeprived20,
            schemesReaching: stats.schemesReaching.length,
            allocatedGbp: stats.allocatedGbp,
            gapLsoas: gaps.size,
            lsoaCodes: [...lsoas].map((lsoa) => attributes.codes[lsoa]!),
          };
          const text = JSON.stringify(exportModule.areaGeoJson(area, polygons, figures, new Date().toISOString()));
          return { ok: true, fileName: `${fileStem}.geojson`, text, type: 'application/geo+json' };
        }
        const details = await whenDetails();
        if (!details) return { ok: false, message: 'The LSOA names could not be loaded, so the list cannot be made. Reload the page and try again.' };
        const column = attributes.deciles[state.indicator];
        const deciles = column === undefined ? null : decodeDeciles(column);
        const run = state.coverage.result && currentRunKey(state) === state.coverage.result.run.key ? state.coverage.result.run : null;
        const counted = run && state.coverage.includeProposed && run.withProposed ? run.withProposed : run;
        const rows: AreaLsoaRow[] = [...lsoas].map((lsoa) => ({
          code: attributes.codes[lsoa]!,
          name: details.names[lsoa] ?? null,
          ward: details.wards[details.ward[lsoa] ?? -1]?.name ?? null,
          district: attributes.lads[attributes.lad[lsoa] ?? -1]?.name ?? null,
          people: attributes.population[lsoa] ?? 0,
          decile: deciles?.[lsoa] ?? 0,
          schemes: counted?.count[lsoa] ?? 0,
          allocatedGbp: counted?.allocatedGbp[lsoa] ?? 0,
          gap: gaps.has(lsoa),
        }));
        return { ok: true, fileName: `${fileStem}-lsoas.csv`, text: exportModule.areaLsoasCsv(rows), type: 'text/csv' };
      },

      selectArea: (id) => {
        if (get().areas.selectedId === id) return;
        const tool = get().areas.tool;
        // Editing shapes is of the selected area: another area, another edit.
        patch({ selectedId: id, tool: tool.kind === 'edit' ? { kind: 'none' } : tool, message: null });
      },

      updateArea: (id, changes) => replace(id, (area) => ({ ...area, ...changes })),

      setAreaVisible: (id, visible) => replace(id, (area) => ({ ...area, visible })),

      duplicateArea: (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        addArea({ ...area, id: newAreaId(), name: copyName(get().areas.list, area.name), colour: nextAreaColour(get().areas.list) });
      },

      deleteArea: (id) => {
        const list = get().areas.list;
        const area = list.find((a) => a.id === id);
        if (!area) return;
        const wasSelected = get().areas.selectedId === id;
        commit(
          list.filter((a) => a.id !== id),
          wasSelected ? null : get().areas.selectedId,
          { tone: 'info', text: `Deleted ${area.name}. Undo (Ctrl+Z) brings it back.` },
        );
        // Editing the deleted area's shapes ends with it, and a dashboard showing it goes back to the scope.
        if (wasSelected && get().areas.tool.kind === 'edit') patch({ tool: { kind: 'none' } });
        if (get().coverage.areaScope?.id === id) get().setAreaScope(null);
      },

      undoAreas: () => {
        const { past, future, list, selectedId } = get().areas;
        const previous = past[past.length - 1];
        if (!previous) return;
        patch({ list: previous, past: past.slice(0, -1), future: [...future, list], selectedId: selectionAfter(previous, list, selectedId), message: null });
        save(previous);
      },

      redoAreas: () => {
        const { past, future, list, selectedId } = get().areas;
        const next = future[future.length - 1];
        if (!next) return;
        patch({ list: next, future: future.slice(0, -1), past: [...past, list], selectedId: selectionAfter(next, list, selectedId), message: null });
        save(next);
      },

      zoomToArea: async (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        const polygons = area.definition.kind === 'shapes' ? area.definition.polygons : await deps.coverage?.areaPolygons(area.definition);
        const bounds = polygons ? polygonsBounds(polygons) : null;
        if (bounds) get().moveCamera({ kind: 'bounds', bounds, maxZoom: 14 }, true);
      },

      areaToScheme: (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        get().startSchemeForm({ id: `area-${id}-${Date.now().toString(36)}`, name: area.name, kind: 'grant', footprint: areaFootprint(area.definition) });
      },

      refreshAreaReport: () => {
        const state = get();
        const area = selectedArea(state);
        const client = deps.coverage;
        if (!area) {
          asked = null;
          if (state.areas.report.status !== 'none') patch({ report: { status: 'none' } });
          return;
        }
        const params: ReportParams = {
          area,
          ruleText: ruleText(state),
          runKey: currentRunKey(state),
          indicator: state.indicator,
          gapDecile: state.coverage.gapDecile,
          gaps: state.coverage.gapDefinition,
          includeProposed: state.coverage.includeProposed,
        };
        if (asked && sameParams(asked, params)) return;
        asked = params;
        if (!client) {
          patch({ report: { status: 'failed', areaId: area.id, message: 'Figures need the coverage worker, which this browser could not start.' } });
          return;
        }
        const id = ++reportId;
        patch({ report: { status: 'computing', areaId: area.id, startedAt: Date.now() } });
        client
          .areaReport({
            id,
            definition: area.definition,
            rule: state.coverage.rule,
            runKey: params.runKey,
            indicator: state.indicator,
            gapDecile: params.gapDecile,
            gaps: params.gaps,
            includeProposed: params.includeProposed,
          })
          .then(
            (outcome) => {
              if (id !== reportId) return;
              switch (outcome.kind) {
                case 'done': {
                  patch({ report: { status: 'ready', areaId: area.id, report: outcome.report, asked: params } });
                  // The dashboard showing this area follows its changes.
                  const scoped = get().coverage.areaScope;
                  if (scoped?.id === area.id) get().setAreaScope(summaryArea(area.id, area.name, outcome.report.lsoas));
                  return;
                }
                case 'cancelled':
                  return;
                case 'failed':
                  patch({ report: { status: 'failed', areaId: area.id, message: outcome.message } });
                  return;
              }
            },
            (error: unknown) => {
              if (id !== reportId) return;
              patch({ report: { status: 'failed', areaId: area.id, message: `The figures could not be worked out (${error instanceof Error ? error.message : String(error)}).` } });
            },
          );
      },

      showAreaDashboard: async (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        if (get().areas.selectedId !== id) get().selectArea(id);
        const report = await currentReport(id);
        if (!report.ok) return patch({ message: { tone: 'error', text: report.message } });
        get().setAreaScope(summaryArea(area.id, area.name, report.report.lsoas));
        get().openCoverage();
        await get().zoomToArea(id);
      },

      dismissAreaMessage: () => patch({ message: null }),
    };
  };
