// The areas slice: the target areas officers draw on the map, assemble from LSOAs (clicks, a lasso,
// or a ward, district or county to start from) or import from a file (all or none, after a
// preview); their names, descriptions, colours and visibility; which is selected; the tool the map
// is drawing or choosing with. Every change to the list is one moment of the undo history, and the
// list is saved (IndexedDB) after each.

import type { LonLat } from '../../core/scheme';
import { nextAreaColour, type TargetArea } from '../../core/target-area';
import { readGeoJsonShape } from '../../data/geojson-shape';
import { mapAreaSteps } from '../history';
import type { AreaListState, AreaMessage } from './area-list-state';
import { areasPatcher, errorText, UNAVAILABLE, workerFailure, type SliceCreator } from './context';
import { copyName, nextAreaName, selectedArea, selectionAfter, type AreaTool } from './area-helpers';

export interface AreasSlice {
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
  selectArea: (id: string | null) => void;
  updateArea: (id: string, changes: Partial<Pick<TargetArea, 'name' | 'description' | 'colour'>>) => void;
  setAreaVisible: (id: string, visible: boolean) => void;
  duplicateArea: (id: string) => void;
  deleteArea: (id: string) => void;
  /**
   * Puts a list back (undo, redo, a workspace file): saved, not recorded. `replacing`: all the
   * areas at once (a workspace file), so nothing stays selected and the tool stops.
   */
  restoreAreas: (list: readonly TargetArea[], replacing?: boolean) => void;
  setAreaMessage: (message: AreaMessage) => void;
  dismissAreaMessage: () => void;
}

const newAreaId = () => `a${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const saveFailure = (error: string) =>
  `Your areas could not be saved in this browser (${error}). They stay open until you close the page; export each to keep a copy.`;

export const areasSlice: SliceCreator<AreasSlice> =
  ({ deps, requests, record, rewriteHistory }) =>
  (set, get) => {
    const patch = areasPatcher<Partial<AreaListState>>(set);
    /** Whether the saved areas have been read (saving before that would overwrite them). */
    let loaded = !deps.areaStorage;
    let loading: Promise<void> | null = null;
    /** The file of areas being read; an older read finishing late is dropped. */
    const reads = requests.line();

    const save = (list: readonly TargetArea[]) => {
      if (!deps.areaStorage || !loaded) return;
      deps.areaStorage.save(list).then(
        () => patch({ saveError: null }),
        (error: unknown) => patch({ saveError: saveFailure(errorText(error)) }),
      );
    };

    /** Every change to the list goes through here: one moment of the history, saved. */
    const commit = (
      list: readonly TargetArea[],
      selectedId: string | null = get().areas.selectedId,
      message: AreaMessage = null,
      label = 'Changed the areas',
    ) => {
      record({ label, steps: [{ subject: 'areas', before: get().areas.list, after: list }] });
      patch({ list, selectedId, message });
      save(list);
    };

    const addArea = (fields: Pick<TargetArea, 'name' | 'definition'> & Partial<TargetArea>, message: AreaMessage = null) => {
      const list = get().areas.list;
      const area: TargetArea = { id: newAreaId(), description: '', colour: nextAreaColour(list), visible: true, ...fields };
      commit([...list, area], area.id, message);
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

    /** The selected area if it is a set of LSOAs, else null (a new set is made). */
    const lsoaSetToEdit = (): TargetArea | null => {
      const area = selectedArea(get());
      return area?.definition.kind === 'lsoas' ? area : null;
    };

    const addLsoas = (lsoas: readonly number[], how: string) => {
      const target = lsoaSetToEdit();
      if (!target) return addArea({ name: nextAreaName(get().areas.list), definition: { kind: 'lsoas', codes: codesOf(lsoas) } });
      const codes = target.definition.kind === 'lsoas' ? target.definition.codes : [];
      const added = codesOf(lsoas).filter((code) => !codes.includes(code));
      if (added.length === 0) return patch({ message: { tone: 'info', text: `${how} added no LSOA: they are all in ${target.name} already.` } });
      replace(target.id, (area) => ({ ...area, definition: { kind: 'lsoas', codes: [...codes, ...added].sort() } }));
    };

    const deleteArea = (id: string) => {
      const list = get().areas.list;
      const area = list.find((a) => a.id === id);
      if (!area) return;
      const wasSelected = get().areas.selectedId === id;
      commit(
        list.filter((a) => a.id !== id),
        wasSelected ? null : get().areas.selectedId,
        { tone: 'info', text: `Deleted ${area.name}. Undo (Ctrl+Z) brings it back.` },
        `Deleted ${area.name}`,
      );
      // Editing the deleted area's shapes ends with it.
      if (wasSelected && get().areas.tool.kind === 'edit') patch({ tool: { kind: 'none' } });
    };

    return {
      loadAreas: () => {
        if (!deps.areaStorage || loaded) return Promise.resolve();
        loading ??= deps.areaStorage.load().then(
          (saved) => {
            loaded = true;
            // Anything made before the saved list arrived comes after it, and undo keeps the saved ones.
            const made = get().areas.list;
            const withSaved = (list: readonly TargetArea[]) => [...saved, ...list];
            rewriteHistory((history) => mapAreaSteps(history, withSaved));
            patch({ list: withSaved(made) });
            if (made.length > 0) save(get().areas.list);
            deps.areaStorage?.follow?.((stored) => {
              // Another tab changed the areas: show them as stored (a selection that went goes too).
              const { selectedId } = get().areas;
              patch({ list: stored, selectedId: stored.some((area) => area.id === selectedId) ? selectedId : null });
              void get().refreshSetAside();
            });
            void get().refreshSetAside();
          },
          (error: unknown) => {
            // Not marked loaded: saving now would replace the areas that could not be read.
            loading = null;
            patch({ saveError: `Your saved areas could not be read (${errorText(error)}). Areas you make now are not saved; reload the page to try again.` });
          },
        );
        return loading;
      },

      startAreaTool: (tool) => {
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
        if (!lsoas || lsoas.length === 0)
          return patch({ message: { tone: 'info', text: 'The lasso took in no LSOA: loop round the middle of the LSOAs you want.' } });
        addLsoas([...lsoas], 'The lasso');
      },

      editAreaShapes: (id, polygons) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (area?.definition.kind !== 'shapes') return;
        if (polygons.length === 0) return deleteArea(id);
        replace(id, (a) => ({ ...a, definition: { kind: 'shapes', polygons } }));
      },

      toggleAreaLsoa: (lsoa) => {
        const code = get().attributes.codes[lsoa];
        if (code === undefined) return;
        const target = lsoaSetToEdit();
        if (target?.definition.kind !== 'lsoas') return addArea({ name: nextAreaName(get().areas.list), definition: { kind: 'lsoas', codes: [code] } });
        const codes = target.definition.codes;
        const next = codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code].sort();
        replace(target.id, (area) => ({ ...area, definition: { kind: 'lsoas', codes: next } }));
      },

      toggleAreaLsoaAt: async ([lon, lat]) => {
        // A square a metre or so across: the LSOA it lies in (the first, on a border).
        const d = 0.00001;
        const square: LonLat[] = [
          [lon - d, lat - d],
          [lon + d, lat - d],
          [lon + d, lat + d],
          [lon - d, lat + d],
          [lon - d, lat - d],
        ];
        const found = await deps.coverage?.areaLsoas({ kind: 'shapes', polygons: [[square]] }, { kind: 'intersects' });
        const lsoa = found?.[0];
        if (lsoa === undefined) return patch({ message: { tone: 'info', text: 'There is no LSOA at the map’s centre: move the map over England.' } });
        get().toggleAreaLsoa(lsoa);
      },

      areaFromPlace: (name, lsoas) => {
        if (lsoas.length === 0) return;
        addArea({
          name: get().areas.list.some((area) => area.name === name) ? nextAreaName(get().areas.list, name) : name,
          definition: { kind: 'lsoas', codes: codesOf(lsoas) },
        });
      },

      readAreasFile: async (file) => {
        const fileName = file.name;
        const read = reads.start();
        patch({ importing: { kind: 'reading', fileName }, message: null });
        const fail = (text: string) => patch({ importing: { kind: 'none' }, message: { tone: 'error', text } });
        /** Cancelled, or another file chosen: this read's answer is dropped. */
        const dropped = () => read.signal.aborted || get().areas.importing.kind !== 'reading';
        const client = deps.coverage;
        if (!client) return fail(`${fileName} could not be read: areas are read from files by the coverage worker. ${UNAVAILABLE}`);
        let bytes: ArrayBuffer;
        try {
          bytes = await file.arrayBuffer();
        } catch (error) {
          if (!dropped()) fail(`${fileName} could not be read (${errorText(error)}).`);
          return;
        }
        if (dropped()) return;
        // Read in the worker: a shape with many crossings can take seconds to check and repair, and
        // one too complex to read stops only the worker (which is restarted, naming the file).
        let result: Awaited<ReturnType<typeof client.readAreasFile>>;
        try {
          result = await client.readAreasFile(bytes, fileName);
        } catch (error) {
          if (!dropped()) fail(workerFailure(error));
          return;
        }
        if (dropped()) return;
        if (!result.ok) return fail(result.message);
        patch({ importing: { kind: 'preview', fileName, areas: result.areas, notes: result.notes } });
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
        const notes =
          importing.notes.length > 0
            ? ` ${importing.notes.length} note${importing.notes.length === 1 ? '' : 's'} on the file: ${importing.notes.slice(0, 3).join(' ')}${importing.notes.length > 3 ? ' …' : ''}`
            : '';
        commit(list, added[0]?.id ?? get().areas.selectedId, {
          tone: 'info',
          text: `Added ${added.length} area${added.length === 1 ? '' : 's'} from ${importing.fileName}.${notes}`,
        });
      },

      cancelAreasImport: () => {
        reads.abort();
        patch({ importing: { kind: 'none' } });
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
        if (area) addArea({ ...area, id: newAreaId(), name: copyName(get().areas.list, area.name), colour: nextAreaColour(get().areas.list) });
      },

      deleteArea,

      restoreAreas: (list, replacing = false) => {
        const { list: before, selectedId } = get().areas;
        if (replacing) patch({ list, selectedId: null, message: null, tool: { kind: 'none' } });
        else patch({ list, selectedId: selectionAfter(list, before, selectedId), message: null });
        save(list);
      },

      setAreaMessage: (message) => patch({ message }),
      dismissAreaMessage: () => patch({ message: null }),
    };
  };
