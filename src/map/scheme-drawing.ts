// Drawing a scheme on the map with terra-draw (its MapLibre adapter): a click places a point, clicks
// lay out a route (finished by clicking its last point again, or Enter; Escape drops it). Terra Draw
// runs only while the user draws, and hands the finished shape back; the store decides what it
// becomes. No Preact here; the map view owns this.

import type maplibregl from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { LonLat } from '../core/scheme';
import type { DrawShape, DrawnShape } from '../state/slices/scheme-editing';
import { MAP_COLOURS } from '../theme';

export class SchemeDrawing {
  private readonly map: maplibregl.Map;
  private readonly onDrawn: (drawn: DrawnShape) => void;
  private draw: TerraDraw | null = null;
  private shape: DrawShape | null = null;

  constructor(map: maplibregl.Map, onDrawn: (drawn: DrawnShape) => void) {
    this.map = map;
    this.onDrawn = onDrawn;
  }

  get active(): boolean {
    return this.shape !== null;
  }

  /** Starts drawing a shape (null stops, dropping anything half drawn). */
  setShape(shape: DrawShape | null): void {
    if (shape === this.shape) return;
    this.stop();
    if (!shape) return;
    this.shape = shape;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPointMode({ styles: { pointColor: MAP_COLOURS.drawing, pointWidth: 7, pointOutlineColor: MAP_COLOURS.paper, pointOutlineWidth: 2 } }),
        new TerraDrawLineStringMode({
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: {
            lineStringColor: MAP_COLOURS.drawing,
            lineStringWidth: 4,
            closingPointColor: MAP_COLOURS.ink,
            closingPointWidth: 6,
            closingPointOutlineColor: MAP_COLOURS.paper,
            closingPointOutlineWidth: 2,
          },
        }),
      ],
    });
    draw.start();
    draw.setMode(shape === 'point' ? 'point' : 'linestring');
    draw.on('finish', (id) => {
      const feature = draw.getSnapshot().find((f) => f.id === id);
      const geometry = feature?.geometry;
      let drawn: DrawnShape | null = null;
      if (geometry?.type === 'Point') drawn = { shape: 'point', point: geometry.coordinates as LonLat };
      if (geometry?.type === 'LineString' && geometry.coordinates.length >= 2) drawn = { shape: 'line', line: geometry.coordinates as LonLat[] };
      if (!drawn) return;
      const done = drawn;
      // Terra Draw is still inside its event handler: stop it once that returns.
      setTimeout(() => {
        if (this.draw !== draw) return;
        this.stop();
        this.onDrawn(done);
      }, 0);
    });
    this.draw = draw;
    this.map.getCanvas().style.cursor = 'crosshair';
  }

  stop(): void {
    const draw = this.draw;
    this.draw = null;
    this.shape = null;
    if (draw) {
      // Terra Draw removes its layers when stopped; a map being torn down may already lack them.
      try {
        draw.stop();
      } catch {
        /* The map went first. */
      }
      this.map.getCanvas().style.cursor = '';
    }
  }
}
