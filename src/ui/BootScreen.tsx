import './BootScreen.css';
import { formatCount } from '../core/legend';
import type { Progress } from '../data/load';

export type BootStatus = { stage: 'manifest' } | { stage: 'attributes'; lsoaCount: number; progress: Progress | null } | { stage: 'failed'; message: string };

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** Before the store exists: progress while the data loads, or what to do when it cannot. */
export function BootScreen({ status }: { status: BootStatus }) {
  switch (status.stage) {
    case 'manifest':
      return (
        <main class="boot" aria-busy="true">
          <h1>GapMap</h1>
          <p role="status">Loading map data…</p>
        </main>
      );
    case 'attributes': {
      const { progress } = status;
      const amount = !progress
        ? ''
        : progress.total
          ? ` (${megabytes(progress.loaded)} of ${megabytes(progress.total)} MB)`
          : ` (${megabytes(progress.loaded)} MB)`;
      return (
        <main class="boot" aria-busy="true">
          <h1>GapMap</h1>
          <p role="status">
            Loading deprivation deciles for {formatCount(status.lsoaCount)} LSOAs{amount}…
          </p>
          {progress?.total && <progress max={progress.total} value={progress.loaded} />}
        </main>
      );
    }
    case 'failed':
      return (
        <main class="boot boot-error">
          <h1>GapMap could not start</h1>
          <p role="alert">{renderCode(status.message)}</p>
        </main>
      );
  }
}

/** Shows `npm run data` in messages as code, so the command is easy to spot and copy. */
function renderCode(message: string) {
  return message.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}
