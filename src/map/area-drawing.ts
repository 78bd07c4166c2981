// Drawing and editing target areas with terra-draw (its MapLibre adapter): polygon (click the
// corners, click the first again or press Enter), freehand (click, move round, click), rectangle
// and circle (click, move, click); the lasso is freehand whose loop picks LSOAs. Editing loads the
// selected area's shapes into terra-draw's select mode: drag a shape to move it, drag a corner or
// a midpoint to reshape it, Delete removes the selected shape (or corner). Terra-draw runs only
// while a tool is on, and hands finished shapes back; the store decides what they become.

import type maplibregl from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawFreehandMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { LonLat } from '../core/scheme';
import type { AreaTool } from '../state/slices/area-helpers';
import { MAP_COLOURS } from '../theme';

/** Terra-draw refuses coordinates more precise than its coordinatePrecision (9): 7 is ~1 cm. */
const PRECISION = 1e7;

const KEYS = { cancel: 'Escape', finish: 'Enter' } as const;
const POLYGON_STYLE = { fillColor: MAP_COLOURS.drawing, fillOpacity: 0.15, outlineColor: MAP_COLOURS.drawing, outlineWidth: 3 } as const;

export interface AreaDrawingEvents {
  /** A new shape (a GeoJSON Polygon geometry) was drawn. */
  onShape: (geometry: unknown) => void;
  /** The area being edited now has these shapes. */
  onEdit: (areaId: string, polygons: LonLat[][][]) => void;
}

const rounded = (polygon: LonLat[][]): LonLat[][] =>
  polygon.map((ring) => ring.map(([lon, lat]) => [Math.round(lon * PRECISION) / PRECISION, Math.round(lat * PRECISION) / PRECISION] as LonLat));

export class AreaDrawing {
  private readonly map: maplibregl.Map;
  private readonly events: AreaDrawingEvents;
  private draw: TerraDraw | null = null;
  private tool: AreaTool = { kind: 'none' };
  /** The area whose shapes are loaded for editing, and the shapes as last loaded or reported. */
  private editing: { areaId: string; shapes: string } | null = null;

  constructor(map: maplibregl.Map, events: AreaDrawingEvents) {
    this.map = map;
    this.events = events;
  }

  get active(): boolean {
    return this.draw !== null;
  }

  /** Applies the tool; for editing, the area whose shapes to edit. */
  apply(tool: AreaTool, area: { id: string; polygons: LonLat[][][] } | null): void {
    const sameTool = JSON.stringify(tool) === JSON.stringify(this.tool);
    if (sameTool && tool.kind !== 'edit') return;
    if (sameTool && tool.kind === 'edit') {
      // Undo or redo changed the shapes under the edit: load them again.
      if (area && this.editing && area.id === this.editing.areaId && JSON.stringify(area.polygons) === this.editing.shapes) return;
    }
    this.stop();
    this.tool = tool;
    switch (tool.kind) {
      case 'none':
      case 'lsoas':
        return;
      case 'draw':
        this.start(tool.shape, 'crosshair');
        return;
      case 'lasso':
        this.start('freehand', 'crosshair');
        return;
      case 'edit':
        if (area) this.startEditing(area);
        return;
    }
  }

  private create(): TerraDraw {
    return new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode({
          keyEvents: KEYS,
          styles: {
            ...POLYGON_STYLE,
            closingPointColor: MAP_COLOURS.ink,
            closingPointWidth: 6,
            closingPointOutlineColor: MAP_COLOURS.paper,
            closingPointOutlineWidth: 2,
          },
        }),
        new TerraDrawFreehandMode({ keyEvents: KEYS, styles: POLYGON_STYLE }),
        new TerraDrawRectangleMode({ keyEvents: KEYS, styles: POLYGON_STYLE }),
        new TerraDrawCircleMode({ keyEvents: KEYS, styles: POLYGON_STYLE }),
        new TerraDrawSelectMode({
          keyEvents: { deselect: 'Escape', delete: 'Delete', rotate: null, scale: null },
          flags: {
            polygon: { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } },
          },
          styles: {
            selectedPolygonColor: MAP_COLOURS.drawing,
            selectedPolygonFillOpacity: 0.2,
            selectedPolygonOutlineColor: MAP_COLOURS.ink,
            selectedPolygonOutlineWidth: 3,
          },
        }),
      ],
    });
  }

  private start(mode: string, cursor: string): void {
    const draw = this.create();
    draw.start();
    draw.setMode(mode);
    draw.on('finish', (id, context) => {
      if (context.mode === 'select') return;
      const geometry = draw.getSnapshot().find((feature) => feature.id === id)?.geometry;
      if (!geometry) return;
      // Terra-draw is still inside its event handler: hand the shape over once that returns, and
      // clear it (the store decides whether the tool stays on).
      setTimeout(() => {
        if (this.draw !== draw) return;
        draw.clear();
        this.events.onShape(geometry);
      }, 0);
    });
    this.draw = draw;
    this.map.getCanvas().style.cursor = cursor;
  }

  private startEditing(area: { id: string; polygons: LonLat[][][] }): void {
    const draw = this.create();
    draw.start();
    // Polygons with holes are edited by their outline; holes stay as drawn (terra-draw edits one ring).
    const features: GeoJSONStoreFeatures[] = area.polygons.map((polygon) => ({
      id: crypto.randomUUID(),
      type: 'Feature',
      properties: { mode: 'polygon' },
      geometry: { type: 'Polygon', coordinates: rounded(polygon.slice(0, 1)) },
    }));
    const holes = area.polygons.map((polygon) => polygon.slice(1));
    const results = draw.addFeatures(features);
    draw.setMode('select');
    const report = () => {
      const snapshot = draw.getSnapshot().filter((feature) => feature.properties.mode === 'polygon' && feature.geometry.type === 'Polygon');
      const polygons = snapshot.map((feature) => {
        const at = features.findIndex((f) => f.id === feature.id);
        return [...(feature.geometry.coordinates as LonLat[][]), ...(holes[at] ?? [])];
      });
      if (this.editing) this.editing.shapes = JSON.stringify(polygons);
      this.events.onEdit(area.id, polygons);
    };
    draw.on('finish', (_id, context) => {
      if (context.mode === 'select') setTimeout(() => this.draw === draw && report(), 0);
    });
    draw.on('change', (_ids, type) => {
      if (type === 'delete') setTimeout(() => this.draw === draw && report(), 0);
    });
    this.draw = draw;
    this.editing = { areaId: area.id, shapes: JSON.stringify(area.polygons) };
    // A shape terra-draw would not take (e.g. a ring crossing itself) is still shown by the map's own layer.
    if (results.some((result) => !result.valid)) this.editing.shapes = '';
    const only = features[0];
    if (features.length === 1 && only && results[0]?.valid) draw.selectFeature(only.id!);
  }

  stop(): void {
    const draw = this.draw;
    this.draw = null;
    this.editing = null;
    this.tool = { kind: 'none' };
    if (!draw) return;
    // Terra-draw removes its layers when stopped; a map being torn down may already lack them.
    try {
      draw.stop();
    } catch {
      /* The map went first. */
    }
    this.map.getCanvas().style.cursor = '';
  }
}
