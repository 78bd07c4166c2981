// The map picture: a button over the map opens a dialog to choose its size, orientation and
// title; the map draws it off screen (src/map/export-image.ts, through MapPicturesContext), and
// the picture can then be downloaded or copied.

import './pictures.css';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ATTRIBUTION } from '../core/attribution';
import { PICTURE_SIZE_LABELS, pictureDate, type Orientation, type PictureSize } from '../core/picture-layout';
import { pictureKey, pictureTitle, type PictureResult, type PictureStage } from '../state/picture';
import { downloadText } from './download';
import { clipboardImageRefusal, fileSlug, MapPicturesContext } from './map-pictures';
import { useModal } from './use-modal';
import { useAppState, useAppStore } from './use-store';

/** Progress is shown only for work that takes longer than this, so a quick picture does not flash. */
const PROGRESS_AFTER_MS = 300;

type Work =
  | { kind: 'idle' }
  | { kind: 'working'; stage: PictureStage; visible: boolean; controller: AbortController }
  | { kind: 'done'; result: PictureResult; url: string }
  | { kind: 'failed'; message: string };

/** The "Picture" button over the map, under the zoom buttons. */
export function PictureButton() {
  const store = useAppStore();
  const ready = useAppState((state) => state.mapReady);
  const pictures = useContext(MapPicturesContext);
  if (!pictures) return null;
  return (
    <button type="button" class="map-picture-button" disabled={!ready} onClick={() => store.getState().openDialog('picture')}>
      Picture
    </button>
  );
}

export function PictureDialog() {
  const store = useAppStore();
  const open = useAppState((state) => state.dialog === 'picture');
  const pictures = useContext(MapPicturesContext);
  const dialog = useModal(open);
  const [size, setSize] = useState<PictureSize>('slide');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [title, setTitle] = useState('');
  const [work, setWork] = useState<Work>({ kind: 'idle' });
  const [copied, setCopied] = useState<string | null>(null);
  const current = useRef(work);
  current.current = work;

  // Opening starts afresh: the title from what the map shows now, no picture held.
  useEffect(() => {
    if (!open) return;
    setTitle(pictureTitle(store.getState()));
    setWork({ kind: 'idle' });
    setCopied(null);
  }, [open, store]);
  // Closing cancels a picture being drawn and lets go of one held.
  useEffect(() => {
    if (open) return;
    const held = current.current;
    if (held.kind === 'working') held.controller.abort();
    if (held.kind === 'done') URL.revokeObjectURL(held.url);
  }, [open]);

  if (!pictures) return null;
  const refusal = clipboardImageRefusal();

  const make = async (event: Event) => {
    event.preventDefault();
    if (work.kind === 'done') URL.revokeObjectURL(work.url);
    const controller = new AbortController();
    const started: Work = { kind: 'working', stage: 'drawing the map', visible: false, controller };
    setWork(started);
    setCopied(null);
    const timer = setTimeout(() => setWork((w) => (w.kind === 'working' && w.controller === controller ? { ...w, visible: true } : w)), PROGRESS_AFTER_MS);
    const state = store.getState();
    try {
      const result = await pictures.render(
        { size, orientation, title: title.trim() || pictureTitle(state), key: pictureKey(state), attribution: ATTRIBUTION, date: pictureDate(new Date()) },
        (stage) => setWork((w) => (w.kind === 'working' && w.controller === controller ? { ...w, stage } : w)),
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setWork({ kind: 'done', result, url: URL.createObjectURL(result.blob) });
    } catch (error) {
      if (controller.signal.aborted) {
        setWork({ kind: 'idle' });
        return;
      }
      setWork({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  };

  const fileName = work.kind === 'done' ? `${fileSlug(title)}-${work.result.width}x${work.result.height}.png` : '';
  const copy = async (result: PictureResult) => {
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': result.blob })]);
      setCopied('Copied: paste it into a document or slide.');
    } catch (error) {
      setCopied(`The browser refused to copy the picture (${error instanceof Error ? error.message : String(error)}); download the PNG instead.`);
    }
  };

  return (
    <dialog ref={dialog} class="dialog picture-dialog" aria-labelledby="picture-heading" onClose={() => store.getState().closeDialog()}>
      <form method="dialog" onSubmit={make} noValidate>
        <h2 id="picture-heading">Picture of the map</h2>
        <fieldset class="form-group">
          <legend class="label">Size</legend>
          {(Object.keys(PICTURE_SIZE_LABELS) as PictureSize[]).map((value) => (
            <div class="radio" key={value}>
              <input type="radio" id={`picture-size-${value}`} name="picture-size" checked={size === value} onChange={() => setSize(value)} />
              <label for={`picture-size-${value}`}>{PICTURE_SIZE_LABELS[value]}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="form-group" disabled={size === 'screen'}>
          <legend class="label">Orientation</legend>
          {(['landscape', 'portrait'] as const).map((value) => (
            <div class="radio" key={value}>
              <input
                type="radio"
                id={`picture-orientation-${value}`}
                name="picture-orientation"
                checked={orientation === value}
                onChange={() => setOrientation(value)}
              />
              <label for={`picture-orientation-${value}`}>{value === 'landscape' ? 'Landscape' : 'Portrait'}</label>
            </div>
          ))}
        </fieldset>
        <div class="form-group">
          <label for="picture-title" class="label">
            Title
          </label>
          <input id="picture-title" class="input" value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
        </div>
        {work.kind === 'working' && work.visible && (
          <p class="picture-progress" role="status">
            <progress aria-label="Making the picture" /> Making the picture: {work.stage}…
          </p>
        )}
        {work.kind === 'failed' && (
          <p class="error-text" role="alert">
            {work.message}
          </p>
        )}
        {work.kind === 'done' && (
          <div class="picture-result">
            <img src={work.url} alt={`Preview of the picture: ${title}`} class="picture-preview" />
            <p role="status">
              {work.result.width} × {work.result.height} pixels, {Math.round(work.result.blob.size / 1024).toLocaleString('en-GB')} kB.
            </p>
            {work.result.warning && <p class="picture-warning">{work.result.warning}</p>}
          </div>
        )}
        <div class="button-row">
          {work.kind === 'working' ? (
            <button type="button" class="button-secondary" onClick={() => work.controller.abort()}>
              Cancel picture
            </button>
          ) : (
            <button type="submit" class={work.kind === 'done' ? 'button-secondary' : 'button'}>
              {work.kind === 'done' ? 'Make again' : 'Make picture'}
            </button>
          )}
          {work.kind === 'done' && (
            <>
              <button type="button" class="button" onClick={() => downloadText(fileName, work.result.blob, 'image/png')}>
                Download PNG
              </button>
              <button type="button" class="button-secondary" disabled={refusal !== null} title={refusal ?? undefined} onClick={() => void copy(work.result)}>
                Copy to clipboard
              </button>
            </>
          )}
          <button type="button" class="button-secondary" onClick={() => store.getState().closeDialog()}>
            Close
          </button>
        </div>
        {work.kind === 'done' && refusal && <p class="hint">{refusal}</p>}
        {copied && <p role="status">{copied}</p>}
      </form>
    </dialog>
  );
}
