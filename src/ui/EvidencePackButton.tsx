// "Evidence pack (PDF)": the run's figures for the panel's view (or a target area) as an A4 PDF,
// made by the worker and saved through the browser's download; says while it works and why not.

import { useState } from 'preact/hooks';
import { downloadText } from './download';
import { useAppStore } from './use-store';

type Status = { kind: 'idle' } | { kind: 'making' } | { kind: 'failed'; message: string };

export function EvidencePackButton({ areaId }: { areaId?: string }) {
  const store = useAppStore();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const make = async () => {
    setStatus({ kind: 'making' });
    try {
      const file = await store.getState().makeEvidencePack(areaId);
      if (!file.ok) return setStatus({ kind: 'failed', message: file.message });
      const { bytes } = file;
      downloadText(file.fileName, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 'application/pdf');
      setStatus({ kind: 'idle' });
    } catch (error) {
      setStatus({
        kind: 'failed',
        message: `The evidence pack could not be made: ${error instanceof Error ? error.message : String(error)}. Try again; if it fails again, reload the page.`,
      });
    }
  };
  return (
    <div class="evidence-pack">
      <button
        type="button"
        class="button-secondary button-small"
        disabled={status.kind === 'making'}
        aria-busy={status.kind === 'making'}
        onClick={() => void make()}
      >
        Evidence pack (PDF)
      </button>
      {status.kind === 'making' && (
        <span class="hint" role="status">
          {' '}
          Making the evidence pack…
        </span>
      )}
      {status.kind === 'failed' && (
        <p class="error-message" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
