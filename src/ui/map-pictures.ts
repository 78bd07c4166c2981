import { createContext } from 'preact';
import type { MapPictures } from '../state/picture';

/** How the UI asks the map for a picture (main.tsx provides it; the UI never touches MapLibre). */
export const MapPicturesContext = createContext<MapPictures | null>(null);

/** Whether this browser lets a page put an image on the clipboard; null if it does, else why not. */
export function clipboardImageRefusal(): string | null {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return 'This browser does not let pages copy pictures; download the PNG instead.';
  if (!window.isSecureContext) return 'Copying pictures needs the app served over https; download the PNG instead.';
  return null;
}

/** "index-of-multiple-deprivation-2025-essex": a title as a file name. */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'map'
  );
}
