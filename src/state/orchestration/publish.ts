// Opening a published workspace (`?workspace=URL`): the file is fetched (same origin, or a host
// that allows it by CORS), read by the worker's usual openWorkspace, and shown read only. The
// store is made without storage in this mode (main.tsx passes no workspace, area, slide or theme
// storage), so nothing it opens or the visitor changes is saved over this browser's own workspace.

import { UNAVAILABLE, errorText, workerFailure, type SliceCreator } from '../slices/context';

export interface PublishActions {
  /** Fetches and opens a published workspace file; shows its first slide, if it has slides. Resolves once done or refused. */
  openPublishedWorkspace: (url: string) => Promise<void>;
}

/** The file's name from its address, for the banner ("budget-2026.geojson"). */
function publishedName(address: URL): string {
  const last = address.pathname.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : address.host;
}

export const publishActions: SliceCreator<PublishActions> =
  ({ deps, schemeSets }) =>
  (_set, get) => ({
    openPublishedWorkspace: async (url) => {
      let address: URL;
      try {
        address = new URL(url, document.baseURI);
      } catch {
        get().showNotice(`The published workspace address "${url}" is not a web address. Check the link's ?workspace= part.`);
        return;
      }
      const name = publishedName(address);
      const fail = (why: string) => get().showNotice(`The published workspace ${name} could not be opened: ${why}`);
      const client = deps.coverage;
      if (!client) return fail(UNAVAILABLE);
      get().setPublished({ name });
      let bytes: ArrayBuffer;
      try {
        const response = await fetch(address, { credentials: 'same-origin' });
        if (!response.ok) return fail(`the server answered ${response.status} ${response.statusText} for ${address.href}. Check the file is uploaded there.`);
        bytes = await response.arrayBuffer();
      } catch (error) {
        return fail(
          `it could not be fetched from ${address.host} (${errorText(error)}). A file on another site must be served with CORS (Access-Control-Allow-Origin) and over https.`,
        );
      }
      let opened: Awaited<ReturnType<typeof client.openWorkspace>>;
      try {
        opened = await schemeSets.making(() => client.openWorkspace(bytes, name));
      } catch (error) {
        return fail(workerFailure(error));
      }
      if (opened.kind === 'failed') return fail(opened.message);
      const state = get();
      state.applyDatasetsChange({ kind: 'replace', before: state.coverage.datasets, after: opened.datasets }, 'redo');
      if (opened.areas) state.restoreAreas(opened.areas, true);
      if (opened.themes.length > 0) state.restoreThemes(opened.themes);
      if (opened.slides && opened.slides.length > 0) {
        get().restoreSlides(opened.slides);
        get().setSlidesOpen(true);
        get().showSlide(0, false);
      }
    },
  });
