// The areas tab: draw target areas (polygon, freehand, rectangle, circle), build them from LSOAs
// (click, lasso, or start from a ward, district or county), import them from files; the list of
// areas (show/hide, zoom to, duplicate, delete, undo/redo); and the selected area's name,
// description, colour and live figures: who lives there, how deprived it is, what reaches it.
// Sections in their own files: AreaSources (from a place or a file), SelectedArea (its fields and
// figures); the wording of tools and membership in area-wording.ts.

import './areas.css';
import { useRef } from 'preact/hooks';
import { describeDefinition } from '../core/target-area';
import { AREA_DRAW_SHAPES, selectedArea, type AreaDrawShape, type AreaTool } from '../state/slices/area-helpers';
import { canRedo, canUndo, undoTouches } from '../state/history';
import { ImportAreas, StartFromPlace } from './AreaSources';
import { SelectedArea } from './SelectedArea';
import { useAppState, useAppStore } from './use-store';

const SHAPE_LABELS: Record<AreaDrawShape, string> = {
  polygon: 'Polygon',
  freehand: 'Freehand',
  rectangle: 'Rectangle',
  circle: 'Circle',
};

export function AreasPanel() {
  return (
    <div class="panel-body areas-panel">
      <h2 class="panel-heading">Target areas</h2>
      <p class="hint">Draw an area or build one from LSOAs to see who lives there, how deprived it is and what already reaches it.</p>
      <AreaTools />
      <StartFromPlace />
      <AreaMessage />
      <AreaList />
      <SelectedArea />
      <ImportAreas />
    </div>
  );
}

function AreaTools() {
  const store = useAppStore();
  const tool = useAppState((state) => state.areas.tool);
  const undoable = useAppState(canUndo);
  const redoable = useAppState(canRedo);
  const selected = useAppState(selectedArea);
  const toggle = (next: AreaTool) => store.getState().startAreaTool(JSON.stringify(next) === JSON.stringify(tool) ? { kind: 'none' } : next);
  const pressed = (kind: AreaTool['kind'], shape?: AreaDrawShape) =>
    tool.kind === kind && (shape === undefined || (tool.kind === 'draw' && tool.shape === shape));
  return (
    <section class="coverage-section" aria-labelledby="area-tools-heading">
      <h3 id="area-tools-heading">Draw or choose</h3>
      <div class="area-toolbar" role="toolbar" aria-label="Area tools">
        <div class="button-row" role="group" aria-label="Draw a new area">
          {AREA_DRAW_SHAPES.map((shape) => (
            <button
              key={shape}
              type="button"
              class="button-secondary button-small"
              aria-pressed={pressed('draw', shape)}
              onClick={() => toggle({ kind: 'draw', shape })}
            >
              {SHAPE_LABELS[shape]}
            </button>
          ))}
        </div>
        <div class="button-row" role="group" aria-label="Change areas">
          <button
            type="button"
            class="button-secondary button-small"
            aria-pressed={pressed('edit')}
            disabled={selected?.definition.kind !== 'shapes'}
            title={selected?.definition.kind === 'shapes' ? undefined : 'Select an area drawn on the map first'}
            onClick={() => toggle({ kind: 'edit' })}
          >
            Edit shapes
          </button>
          <button type="button" class="button-secondary button-small" aria-pressed={pressed('lsoas')} onClick={() => toggle({ kind: 'lsoas' })}>
            Click LSOAs
          </button>
          <button type="button" class="button-secondary button-small" aria-pressed={pressed('lasso')} onClick={() => toggle({ kind: 'lasso' })}>
            Lasso LSOAs
          </button>
        </div>
        <div class="button-row" role="group" aria-label="History">
          <button type="button" class="button-secondary button-small" disabled={!undoable} onClick={() => store.getState().undo()}>
            Undo <span class="key-hint">(Ctrl+Z)</span>
          </button>
          <button type="button" class="button-secondary button-small" disabled={!redoable} onClick={() => store.getState().redo()}>
            Redo <span class="key-hint">(Ctrl+Shift+Z)</span>
          </button>
        </div>
      </div>
      <p class="hint">Clicking LSOAs adds them to the selected area of LSOAs (or starts one); shift-click does the same without the tool.</p>
    </section>
  );
}

function AreaMessage() {
  const store = useAppStore();
  const message = useAppState((state) => state.areas.message);
  const saveError = useAppState((state) => state.areas.saveError);
  const areasUndoable = useAppState((state) => undoTouches(state, 'areas'));
  return (
    <>
      {saveError && (
        <p class="error-message" role="alert">
          {saveError}
        </p>
      )}
      {message && (
        <p class={message.tone === 'error' ? 'error-message' : 'undo'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}{' '}
          {message.text.startsWith('Deleted') && areasUndoable && (
            <button type="button" class="link-button" onClick={() => store.getState().undo()}>
              Undo
            </button>
          )}{' '}
          <button type="button" class="link-button" onClick={() => store.getState().dismissAreaMessage()}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}

function AreaList() {
  const store = useAppStore();
  const list = useAppState((state) => state.areas.list);
  const selectedId = useAppState((state) => state.areas.selectedId);
  const scrolledTo = useRef<string | null>(null);
  if (list.length === 0) return <p class="hint">No areas yet.</p>;
  return (
    <section class="coverage-section" aria-labelledby="area-list-heading">
      <h3 id="area-list-heading">Your areas</h3>
      <ul class="dataset-list area-list">
        {list.map((area) => (
          <li
            key={area.id}
            class={area.id === selectedId ? 'dataset area-row selected' : 'dataset area-row'}
            ref={(row) => {
              // A new or chosen area is brought into view in the list, its figures below it.
              if (row && area.id === selectedId && scrolledTo.current !== selectedId) {
                scrolledTo.current = selectedId;
                row.scrollIntoView({ block: 'nearest' });
              }
            }}
          >
            <span class="swatch" style={{ background: area.colour }} aria-hidden="true" />
            <div class="dataset-text">
              <label class="checkbox-label">
                <input
                  type="checkbox"
                  checked={area.visible}
                  aria-label={`Show ${area.name} on the map`}
                  onChange={(event) => store.getState().setAreaVisible(area.id, event.currentTarget.checked)}
                />{' '}
              </label>
              <button
                type="button"
                class="link-button area-name"
                aria-current={area.id === selectedId ? 'true' : undefined}
                onClick={() => store.getState().selectArea(area.id)}
              >
                {area.name}
              </button>
              <span class="hint">{describeDefinition(area.definition)}</span>
            </div>
            <div class="area-actions">
              <button
                type="button"
                class="button-secondary button-small"
                aria-label={`Zoom to ${area.name}`}
                onClick={() => void store.getState().zoomToArea(area.id)}
              >
                Zoom to
              </button>
              <button
                type="button"
                class="button-secondary button-small"
                aria-label={`Duplicate ${area.name}`}
                onClick={() => store.getState().duplicateArea(area.id)}
              >
                Duplicate
              </button>
              <button
                type="button"
                class="button-secondary button-small"
                aria-label={`Delete ${area.name}`}
                onClick={() => store.getState().deleteArea(area.id)}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
