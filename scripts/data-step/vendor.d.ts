// Minimal types for the build-time libraries that ship none.

declare module 'geojson-vt' {
  export interface GeoJsonVtOptions {
    maxZoom?: number;
    indexMaxZoom?: number;
    indexMaxPoints?: number;
    tolerance?: number;
    extent?: number;
    buffer?: number;
    lineMetrics?: boolean;
    promoteId?: string | null;
    generateId?: boolean;
    debug?: number;
  }
  export interface GeoJsonVtTile {
    features: unknown[];
    numPoints: number;
    numSimplified: number;
    numFeatures: number;
  }
  export interface GeoJsonVtIndex {
    getTile(z: number, x: number, y: number): GeoJsonVtTile | null;
  }
  export default function geojsonvt(data: unknown, options?: GeoJsonVtOptions): GeoJsonVtIndex;
}

declare module 'vt-pbf' {
  import type { GeoJsonVtTile } from 'geojson-vt';
  export function fromGeojsonVt(
    layers: Record<string, GeoJsonVtTile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}

declare module 'mapshaper' {
  const mapshaper: {
    applyCommands(commands: string, inputs: Record<string, unknown>): Promise<Record<string, string | Uint8Array>>;
  };
  export default mapshaper;
}

declare module 'polylabel' {
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
