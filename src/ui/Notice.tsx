import './Notice.css';
import { setAsideFile } from '../data/workspace-db';
import { downloadText } from './download';
import { useAppState, useAppStore } from './use-store';

/** Shown until discarded: how many stored records could not be read, why, and an export of them. */
function SetAside() {
  const store = useAppStore();
  const records = useAppState((state) => state.setAside);
  if (records.length === 0) return null;
  const exportThem = () => {
    const day = new Date().toISOString().slice(0, 10);
    downloadText(`gapmap-set-aside-${day}.json`, setAsideFile(records, new Date().toISOString()), 'application/json');
  };
  return (
    <div class="notice notice-warning" role="group" aria-labelledby="set-aside-title">
      <div>
        <p id="set-aside-title">
          <strong>
            {records.length === 1 ? 'One saved record' : `${records.length} saved records`} could not be read, so{' '}
            {records.length === 1 ? 'it was' : 'they were'} set aside; the rest of your workspace opened.
          </strong>
        </p>
        <ul class="set-aside-list">
          {records.slice(0, 5).map((record, k) => (
            <li key={k}>{record.reason}</li>
          ))}
          {records.length > 5 && <li>and {records.length - 5} more (all in the export)</li>}
        </ul>
        <p>Export them to keep a copy (a JSON file you can mend or send to whoever supports GapMap), then discard them.</p>
      </div>
      <div class="notice-actions">
        <button type="button" class="button" onClick={exportThem}>
          Export them
        </button>
        <button type="button" class="button-secondary" onClick={() => void store.getState().discardSetAside()}>
          Discard
        </button>
      </div>
    </div>
  );
}

/** Quiet messages (a basemap that did not load, a link naming an unknown area). */
export function Notice() {
  const store = useAppStore();
  const notice = useAppState((state) => state.notice);
  return (
    <div class="notice-region" role="status">
      {notice && (
        <div class="notice" key={notice.id}>
          <p>{notice.text}</p>
          <button type="button" class="button-secondary" onClick={() => store.getState().dismissNotice()}>
            Dismiss
          </button>
        </div>
      )}
      <SetAside />
    </div>
  );
}
