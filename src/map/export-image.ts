// Map pictures: the map drawn again off screen at the picture's size (not a grab of the screen),
// then laid out with its title, key, scale bar, north arrow, attribution and date
// (picture-compose.ts). The off-screen map is given the live map's style as it is now (its
// sources hold the colouring, schemes and areas shown), the same centre and a pixel ratio high
// enough that its labels and lines are sharp at the picture's size.

import maplibregl from 'maplibre-gl';
import { picturePixels } from '../core/picture-layout';
import type { MapPictures, PictureRequest, PictureResult } from '../state/picture';
import { composePicture, pictureLayout } from './picture-compose';

/** Waits for the off-screen map to finish drawing (all tiles loaded and placed), or the cancel. */
function drawn(map: maplibregl.Map, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(new DOMException('The picture was cancelled.', 'AbortError'));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    map.once('idle', () => {
      signal.removeEventListener('abort', stop);
      resolve();
    });
  });
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the picture as PNG (too large?).'))), 'image/png'),
  );
}

/** Draws the live map again off screen, `cssWidth` × `cssHeight` at `pixelRatio`, and hands back its canvas's owner. */
async function drawOffScreen(
  live: maplibregl.Map,
  size: { cssWidth: number; cssHeight: number; pixelRatio: number },
  signal: AbortSignal,
): Promise<{ map: maplibregl.Map; container: HTMLElement }> {
  const container = document.createElement('div');
  // Off the page, not hidden: a hidden element has no size for MapLibre to read.
  Object.assign(container.style, {
    position: 'fixed',
    left: '-100000px',
    top: '0',
    width: `${size.cssWidth}px`,
    height: `${size.cssHeight}px`,
  });
  container.setAttribute('aria-hidden', 'true');
  document.body.append(container);
  const screen = live.getContainer();
  // At least the screen's view fits: zoom out when the picture's map is smaller than the screen's.
  const fit = Math.min(1, size.cssWidth / screen.clientWidth, size.cssHeight / screen.clientHeight);
  const map = new maplibregl.Map({
    container,
    style: live.getStyle(),
    center: live.getCenter(),
    zoom: live.getZoom() + Math.log2(fit),
    bearing: live.getBearing(),
    pixelRatio: size.pixelRatio,
    // MapLibre lowers the ratio itself when the browser's drawing buffer cannot be this large.
    maxCanvasSize: [16384, 16384],
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  try {
    await drawn(map, signal);
  } catch (error) {
    map.remove();
    container.remove();
    throw error;
  }
  return { map, container };
}

export function createMapPictures(live: maplibregl.Map): Pick<MapPictures, 'render'> {
  return {
    async render(request: PictureRequest, onStage, signal): Promise<PictureResult> {
      const screen = live.getContainer();
      const { width, height } = picturePixels(request.size, request.orientation, { width: screen.clientWidth, height: screen.clientHeight });
      const layout = pictureLayout(width, height);
      const region = layout.map;
      // Keep the map's CSS size near the screen's and raise the pixel ratio, so labels keep their
      // size relative to the map and stay crisp at 300 dpi.
      const pixelRatio = Math.max(1, Math.min(region.width / screen.clientWidth, region.height / screen.clientHeight));
      const cssWidth = Math.round(region.width / pixelRatio);
      const cssHeight = Math.round(region.height / pixelRatio);
      onStage('drawing the map');
      const { map, container } = await drawOffScreen(live, { cssWidth, cssHeight, pixelRatio }, signal);
      try {
        const canvas = map.getCanvas();
        const reached = canvas.width / region.width;
        const warning =
          reached < 0.98
            ? `This browser can draw the map at most ${canvas.width} × ${canvas.height} pixels, so the map in the picture is enlarged from that and less sharp than ${width} × ${height} would allow.`
            : null;
        onStage('laying out');
        const picture = document.createElement('canvas');
        picture.width = width;
        picture.height = height;
        const context = picture.getContext('2d');
        if (!context) throw new Error('The browser could not make a canvas this large for the picture. Choose a smaller size.');
        const centre = map.getCenter();
        composePicture(context, layout, {
          mapCanvas: canvas,
          request,
          latitude: centre.lat,
          zoom: map.getZoom(),
          mapPixelRatio: region.width / cssWidth,
        });
        if (signal.aborted) throw new DOMException('The picture was cancelled.', 'AbortError');
        onStage('encoding');
        const blob = await toBlob(picture);
        return { blob, width, height, warning };
      } finally {
        map.remove();
        container.remove();
      }
    },
  };
}
