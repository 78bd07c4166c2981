import './Notice.css';
import { useAppState, useAppStore } from './use-store';

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
    </div>
  );
}
