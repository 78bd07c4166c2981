import { toolInstructions } from './area-wording';
import { useAppState, useAppStore } from './use-store';

/** Over the map while an area tool is on: what a click does, and how to stop (also Esc). */
export function AreaToolBanner() {
  const store = useAppStore();
  const tool = useAppState((state) => state.areas.tool);
  const camera = useAppState((state) => state.camera);
  const text = toolInstructions(tool);
  if (!text) return null;
  return (
    <div class="drawing-banner" role="status">
      <span>{text}</span>
      {tool.kind === 'lsoas' && camera && (
        // Without a mouse: move the map with the arrow keys, then add or remove the LSOA at its centre.
        <button type="button" class="button-secondary button-small" onClick={() => void store.getState().toggleAreaLsoaAt([camera.lng, camera.lat])}>
          Add or remove the LSOA at the map’s centre
        </button>
      )}
      <button type="button" class="button-secondary button-small" onClick={() => store.getState().startAreaTool({ kind: 'none' })}>
        {tool.kind === 'lsoas' || tool.kind === 'edit' ? 'Done' : 'Stop drawing'}
      </button>
    </div>
  );
}
