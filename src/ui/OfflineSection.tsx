import { useEffect, useRef, useState } from 'preact/hooks';
import {
  downloadOffline,
  megabytes,
  offlineAppBytes,
  offlineStored,
  planOffline,
  removeOffline,
  startServiceWorker,
  type OfflinePlan,
  type OfflineProgress,
} from '../data/offline';
import { useAppState } from './use-store';
import './OfflineSection.css';

type Phase =
  | { kind: 'measuring' }
  | { kind: 'ready'; plan: OfflinePlan }
  | { kind: 'downloading'; plan: OfflinePlan; progress: OfflineProgress }
  | { kind: 'stored'; dataBytes: number; appBytes: number }
  | { kind: 'failed'; message: string };

/**
 * Settings → Offline at the venue: the size before, the download with progress (cancellable), and
 * what is stored after. The data base is the page's own data/ folder, as main.tsx reads it.
 */
export function OfflineSection({ open }: { open: boolean }) {
  const manifest = useAppState((state) => state.manifest);
  const [phase, setPhase] = useState<Phase>({ kind: 'measuring' });
  const abort = useRef<AbortController | null>(null);
  const dataBase = new URL('data/', document.baseURI);

  const measure = async () => {
    setPhase({ kind: 'measuring' });
    const stored = await offlineStored(dataBase, manifest);
    if (stored.complete && navigator.serviceWorker?.controller) {
      setPhase({ kind: 'stored', dataBytes: stored.bytes, appBytes: await offlineAppBytes() });
      return;
    }
    const plan = await planOffline(dataBase, manifest);
    setPhase(plan.ok ? { kind: 'ready', plan: plan.value } : { kind: 'failed', message: plan.message });
  };

  useEffect(() => {
    if (open && abort.current === null) void measure();
  }, [open]);

  const download = async (plan: OfflinePlan) => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'downloading', plan, progress: { loaded: 0, total: plan.bytes } });
    const started = await startServiceWorker(document.baseURI);
    const result = started.ok
      ? await downloadOffline(dataBase, plan, (progress) => setPhase({ kind: 'downloading', plan, progress }), controller.signal)
      : started;
    abort.current = null;
    if (!result.ok) setPhase({ kind: 'failed', message: result.message });
    else setPhase({ kind: 'stored', dataBytes: plan.bytes, appBytes: await offlineAppBytes() });
  };

  const remove = async () => {
    await removeOffline();
    await measure();
  };

  return (
    <section class="offline" aria-labelledby="offline-heading">
      <h3 id="offline-heading">Offline at the venue</h3>
      <p class="hint">
        Keeps GapMap in this browser so it opens, analyses and presents with no network: the app, the map of England at every zoom, and the data for search,
        coverage and imports. The map is one file, so it is stored whole; there is no smaller choice. Your datasets and areas are already kept here. Postcode
        search and files located by postcode still need the network.
      </p>
      {phase.kind === 'measuring' && <p aria-live="polite">Measuring the download…</p>}
      {phase.kind === 'ready' && (
        <button type="button" class="button" onClick={() => void download(phase.plan)}>
          Make available offline: England, all zooms ({megabytes(phase.plan.bytes)})
        </button>
      )}
      {phase.kind === 'downloading' && (
        <div>
          <p aria-live="polite" id="offline-progress-text">
            Downloading {megabytes(phase.progress.loaded)} of {megabytes(phase.progress.total)}…
          </p>
          <progress max={phase.progress.total} value={phase.progress.loaded} aria-labelledby="offline-progress-text" />
          <div class="button-row">
            <button type="button" class="button-secondary" onClick={() => abort.current?.abort()}>
              Stop downloading
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'stored' && (
        <div>
          <p aria-live="polite" class="offline-stored">
            Available offline: {megabytes(phase.dataBytes)} of map data and {megabytes(phase.appBytes)} of app stored in this browser.
          </p>
          <button type="button" class="button-secondary" onClick={() => void remove()}>
            Remove the offline copy
          </button>
        </div>
      )}
      {phase.kind === 'failed' && (
        <div>
          <p class="error-text" role="alert">
            {phase.message}
          </p>
          <button type="button" class="button-secondary" onClick={() => void measure()}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}
