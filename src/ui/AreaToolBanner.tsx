import { toolInstructions } from './AreasPanel';
import { useAppState, useAppStore } from './use-store';

/** Over the map while an area tool is on: what a click does, and how to stop (also Esc). */
export function AreaToolBanner() {
  const store = useAppStore();
  const tool = useAppState((state) => state.areas.tool);
  const text = toolInstructions(tool);
  if (!text) return null;
  return (
    <div class="drawing-banner" role="status">
      <span>{text}</span>
      <button type="button" class="button-secondary button-small" onClick={() => store.getState().startAreaTool({ kind: 'none' })}>
        {tool.kind === 'lsoas' || tool.kind === 'edit' ? 'Done' : 'Stop drawing'}
      </button>
    </div>
  );
}
