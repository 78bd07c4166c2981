import './slides.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { linkToView } from '../state/hash-sync';
import { useAppState, useAppStore } from './use-store';
import { downloadText } from './download';

/** "Copy link": the address of the view now (everything a slide holds); the link stays on show to copy by hand where the clipboard is blocked. */
export function CopyLinkButton() {
  const store = useAppStore();
  const [copied, setCopied] = useState<{ link: string; ok: boolean } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (copied && !copied.ok) field.current?.select();
  }, [copied]);
  const copy = async () => {
    const link = linkToView(store);
    let ok = false;
    try {
      await navigator.clipboard.writeText(link);
      ok = true;
    } catch {
      // Blocked (no permission, not a secure page): the field below lets the user copy it.
    }
    setCopied({ link, ok });
  };
  return (
    <div class="share-link">
      <button type="button" class="button-header" onClick={() => void copy()}>
        Copy link
      </button>
      {copied && (
        <div class="share-link-popover" role="status">
          <p>{copied.ok ? 'Link copied' : 'Copy this link (the browser did not allow copying it for you):'}</p>
          <input ref={field} class="share-link-field" aria-label="Link to this view" readOnly value={copied.link} />
          <button type="button" class="link-button" onClick={() => setCopied(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

/** A link or slide naming datasets this browser lacks, and a published workspace opened read only. */
export function LinkBanners() {
  const store = useAppStore();
  const missing = useAppState((state) => state.missing);
  const published = useAppState((state) => state.published);
  const saveCopy = () =>
    void store
      .getState()
      .exportWorkspace()
      .then(
        (bytes) => bytes && downloadText(`${published?.name.replace(/\.(geo)?json$/i, '') ?? 'gapmap-workspace'}-copy.geojson`, bytes, 'application/geo+json'),
      );
  if (!published && !missing) return null;
  return (
    <div class="link-banners">
      {published && (
        <p class="published-banner" role="status">
          <strong>Published workspace: {published.name}</strong> — read only; nothing you change is kept.{' '}
          <button type="button" class="link-button" onClick={saveCopy}>
            Save a copy to edit
          </button>
        </p>
      )}
      {missing && (
        <div class="notice notice-warning missing-datasets" role="group" aria-label="Datasets this view needs">
          <p>
            This view shows {missing.names.length === 1 ? 'a dataset' : `${missing.names.length} datasets`} this browser does not hold:{' '}
            <strong>{missing.names.join(', ')}</strong>. Open the workspace file they came from to see them.
          </p>
          <div class="notice-actions">
            <label class="button">
              Open a workspace file
              <input
                type="file"
                class="visually-hidden"
                accept=".geojson,.json,application/geo+json,application/json"
                onChange={(event) => {
                  const chosen = event.currentTarget.files?.[0];
                  event.currentTarget.value = '';
                  if (!chosen) return;
                  void store
                    .getState()
                    .openWorkspaceFile(chosen)
                    .then(() => {
                      const still = store.getState().missing;
                      if (still) store.getState().applyViewExtras(still.extras);
                    });
                }}
              />
            </label>
            <button type="button" class="button-secondary" onClick={() => store.getState().setMissing(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
