import { useEffect, useRef, useState } from 'preact/hooks';
import {
  downloadOffline,
  megabytes,
  noteOfflineCopy,
  offlineAppBytes,
  offlineStored,
  planOffline,
  planPostcodes,
  removeOffline,
  startServiceWorker,
  type OfflinePlan,
  type OfflineProgress,
} from '../data/offline';
import { useAppState } from './use-store';
import './OfflineSection.css';

/** The postcode districts, measured only once asked for (thousands of small files). */
type Postcodes =
  | { kind: 'left-out' }
  | { kind: 'measuring'; done: number; total: number | null }
  | { kind: 'measured'; plan: OfflinePlan }
  | { kind: 'failed'; message: string };

type Phase =
  | { kind: 'measuring' }
  | { kind: 'ready'; plan: OfflinePlan; postcodes: Postcodes }
  | { kind: 'downloading'; plan: OfflinePlan; progress: OfflineProgress }
  | { kind: 'stored'; dataBytes: number; appBytes: number; postcodeFiles: number }
  | { kind: 'failed'; message: string };

const en = new Intl.NumberFormat('en-GB');

function combined(plan: OfflinePlan, postcodes: Postcodes): OfflinePlan {
  if (postcodes.kind !== 'measured') return plan;
  return { files: [...plan.files, ...postcodes.plan.files], bytes: plan.bytes + postcodes.plan.bytes };
}

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
      setPhase({ kind: 'stored', dataBytes: stored.bytes, appBytes: await offlineAppBytes(), postcodeFiles: stored.postcodeFiles });
      return;
    }
    const plan = await planOffline(dataBase, manifest);
    setPhase(plan.ok ? { kind: 'ready', plan: plan.value, postcodes: { kind: 'left-out' } } : { kind: 'failed', message: plan.message });
  };

  useEffect(() => {
    if (open && abort.current === null) void measure();
  }, [open]);

  const choosePostcodes = async (plan: OfflinePlan, wanted: boolean) => {
    if (!wanted) {
      setPhase({ kind: 'ready', plan, postcodes: { kind: 'left-out' } });
      return;
    }
    setPhase({ kind: 'ready', plan, postcodes: { kind: 'measuring', done: 0, total: null } });
    const postcodes = await planPostcodes(dataBase, manifest, (done, total) =>
      setPhase((now) => (now.kind === 'ready' && now.postcodes.kind === 'measuring' ? { ...now, postcodes: { kind: 'measuring', done, total } } : now)),
    );
    setPhase((now) =>
      now.kind === 'ready' && now.postcodes.kind === 'measuring'
        ? { ...now, postcodes: postcodes.ok ? { kind: 'measured', plan: postcodes.value } : { kind: 'failed', message: postcodes.message } }
        : now,
    );
  };

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
    else {
      noteOfflineCopy(manifest, plan);
      await measure();
    }
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
        coverage and imports. The map is one file, so it is stored whole; there is no smaller choice. Your datasets and areas are already kept here.
      </p>
      {phase.kind === 'measuring' && <p aria-live="polite">Measuring the download…</p>}
      {phase.kind === 'ready' && (
        <div>
          {manifest.files.postcodes && (
            <div class="checkbox">
              <input
                id="offline-postcodes"
                type="checkbox"
                checked={phase.postcodes.kind !== 'left-out'}
                onChange={(event) => void choosePostcodes(phase.plan, event.currentTarget.checked)}
              />
              <label for="offline-postcodes">Also postcodes, for postcode search and files located by postcode (all England)</label>
            </div>
          )}
          {phase.postcodes.kind === 'measuring' && (
            <p aria-live="polite">
              Measuring the postcode districts
              {phase.postcodes.total === null ? '…' : `: ${en.format(phase.postcodes.done)} of ${en.format(phase.postcodes.total)} files…`}
            </p>
          )}
          {phase.postcodes.kind === 'measured' && (
            <p class="hint">
              Postcodes: {en.format(phase.postcodes.plan.files.length)} files, {megabytes(phase.postcodes.plan.bytes)}.
            </p>
          )}
          {phase.postcodes.kind === 'failed' && (
            <p class="error-text" role="alert">
              {phase.postcodes.message}
            </p>
          )}
          <button
            type="button"
            class="button"
            disabled={phase.postcodes.kind === 'measuring' || phase.postcodes.kind === 'failed'}
            onClick={() => void download(combined(phase.plan, phase.postcodes))}
          >
            Make available offline: England, all zooms{phase.postcodes.kind === 'measured' ? ', with postcodes' : ''} (
            {megabytes(combined(phase.plan, phase.postcodes).bytes)})
          </button>
        </div>
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
            Available offline: {megabytes(phase.dataBytes)} of map data
            {phase.postcodeFiles > 0 ? ` (with ${en.format(phase.postcodeFiles)} postcode districts)` : ' (postcode search needs the network)'} and{' '}
            {megabytes(phase.appBytes)} of app stored in this browser.
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
