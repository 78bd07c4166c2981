import { useEffect, useRef, useState } from 'preact/hooks';
import { OfflineSection } from './OfflineSection';
import { useAppState, useAppStore } from './use-store';

/** https only: the site's Content-Security-Policy (scripts/security-headers.ts) lets no http address be fetched. */
function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A native modal dialog: it traps focus and closes on Esc by itself. */
export function SettingsDialog() {
  const store = useAppStore();
  const open = useAppState((state) => state.dialog === 'settings');
  const saved = useAppState((state) => state.basemapUrl);
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setDraft(saved ?? '');
      setError(null);
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, saved]);

  const save = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (text !== '' && !isWebAddress(text)) {
      setError('Enter a web address starting with https://, or leave the box empty for no basemap.');
      return;
    }
    store.getState().setBasemapUrl(text === '' ? null : text);
    store.getState().closeDialog();
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="settings-heading" onClose={() => store.getState().closeDialog()}>
      <form method="dialog" onSubmit={save} noValidate>
        <h2 id="settings-heading">Settings</h2>
        <div class={error ? 'form-group form-group-error' : 'form-group'}>
          <label for="basemap-url" class="label">
            Online basemap style (optional)
          </label>
          <p class="hint" id="basemap-hint">
            The address of a MapLibre style JSON, drawn faintly under the LSOAs. GapMap works offline without one. Stored in this browser only.
          </p>
          {error && (
            <p class="error-text" id="basemap-error">
              {error}
            </p>
          )}
          <input
            id="basemap-url"
            type="url"
            class="input"
            value={draft}
            placeholder="https://example.org/styles/light.json"
            aria-describedby={error ? 'basemap-hint basemap-error' : 'basemap-hint'}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            Save
          </button>
          <button type="button" class="button-secondary" onClick={() => store.getState().closeDialog()}>
            Cancel
          </button>
          {saved && (
            <button
              type="button"
              class="button-secondary"
              onClick={() => {
                store.getState().setBasemapUrl(null);
                store.getState().closeDialog();
              }}
            >
              Remove basemap
            </button>
          )}
        </div>
      </form>
      <OfflineSection open={open} />
    </dialog>
  );
}
